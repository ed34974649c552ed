// publish's output directory: pages written inside it and nowhere else,
// each rewritten only when its bytes change, and the pages of an earlier
// run that are gone removed. What toolcmp wrote is listed in the
// directory's manifest (.toolcmp-site); nothing else there is touched.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <utility>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "toolcmp/model/model.h"

namespace toolcmp {

// "Code Llama 4" -> "code-llama-4": ASCII letters and digits, the rest one
// "-", at most 60 characters; empty when nothing is left.
std::string slug(std::string_view name);

class SiteTemp;  // site.cpp

class SiteDir {
 public:
  // Makes dir (not its parents) when missing. Throws Error when dir is not
  // a directory, cannot be written, or its manifest is not toolcmp's.
  explicit SiteDir(const std::string& dir);
  ~SiteDir();
  SiteDir(const SiteDir&) = delete;
  SiteDir& operator=(const SiteDir&) = delete;

  // Every page this run will write, before the first is written: refuses
  // (Error, naming them) when a file that no manifest lists is already at
  // one of them, unless force; then lists them all in the manifest, so
  // that a run killed midway leaves no page the next run does not know.
  void claim(const std::vector<std::string>& paths, bool force);
  // path: "index.html" or "SUBDIR/NAME.html" (SUBDIR one of tools,
  // decisions, compare), claimed. Written only when it differs from what is there.
  void put(const std::string& path, std::string_view content);
  // The same for a page too large to hold (the index of every tool): write
  // streams it to a new file, which replaces the old only when it differs.
  void put_stream(const std::string& path, const std::function<void(std::ostream&)>& write);
  // Pages put before and not this time are removed, and the manifest
  // written. Before finish(), a failure leaves the last run's manifest.
  SiteCounts finish();

 private:
  int subdir(const std::string& name);
  // The directory's descriptor and the page's name in it; throws for a
  // path publish does not write, or one already written this run.
  std::pair<int, std::string> place(const std::string& path);
  bool unchanged(const std::string& path, int dir, const std::string& name, std::uint64_t hash, std::size_t size);
  void replace(SiteTemp& temp, const std::string& name, const std::string& path);
  std::string dir_path(const std::string& path) const;
  // The content hash the last run's manifest lists for path, if it lists it.
  std::optional<std::uint64_t> hash_before(const std::string& path) const;
  void write_manifest(const std::string& text);
  std::string dir_;
  int fd_ = -1;
  std::unordered_map<std::string, int> subdirs_;
  // Small enough for a site of every tool of a large panel: the last run's
  // manifest as read, its (path hash, content hash) pairs sorted, the hashes
  // of the paths put this run, and this run's manifest as it is written.
  std::string before_text_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> before_;
  std::unordered_set<std::uint64_t> claimed_, now_;
  std::string manifest_;
  SiteCounts counts_;
};

}  // namespace toolcmp
