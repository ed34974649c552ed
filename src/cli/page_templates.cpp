// --template DIR for compare --format html and publish.
#include "cli/page_templates.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include "cli/review_fields.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

TemplateSet load_template_dir(Context& ctx, const std::string& dir) {
  TemplateSet found;
  if (dir.empty()) return found;
  std::string shown = sanitize_for_terminal(dir);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    throw UsageError(fmt::format("--template '{}' is not a directory", shown));
  }
  std::string names;
  for (const auto& [name, text] : builtin_templates()) {
    names += (names.empty() ? "" : ", ") + name;
    std::string path = dir + "/" + name;
    if (::stat(path.c_str(), &st) != 0) continue;
    // A FIFO or a device would block or never end: templates are files.
    if (!S_ISREG(st.st_mode)) throw Error(fmt::format("template '{}' is not a regular file", sanitize_for_terminal(path)));
    found[name] = read_text_file(ctx, path, "template") + "\n";
  }
  if (found.empty()) throw UsageError(fmt::format("--template '{}' holds none of the templates: {}", shown, names));
  return found;
}

}  // namespace toolcmp
