// What the writing commands tell scripts: a removal, an import, a publish.
#include <cmath>

#include "toolcmp/formats/json.h"

namespace toolcmp {

Json removed_json(const std::string& type, const std::string& name) {
  Json json;
  json["schema_version"] = kJsonSchemaVersion;
  json["removed"]["type"] = type;
  json["removed"]["name"] = name;
  return json;
}

Json site_counts_json(const std::string& dir, const SiteCounts& counts) {
  Json json = Json::object();
  json["dir"] = dir;
  json["files"] = counts.written + counts.unchanged;
  json["written"] = counts.written;
  json["unchanged"] = counts.unchanged;
  json["removed"] = counts.removed;
  return json;
}

Json import_summary_json(const ImportSummary& summary) {
  const ImportCounts& c = summary.counts;
  Json json = versioned_json();
  json["dry_run"] = summary.dry_run;
  json["imported"] = {{"reviews", c.reviews}, {"tools", c.tools}, {"votes", c.votes}, {"personas", c.personas},
                        {"decisions", c.decisions}};
  json["updated"] = c.updated;
  json["unchanged"] = c.unchanged;
  json["kept_back"] = c.kept_back;
  json["skipped"] = c.skipped;
  json["failed"] = c.failed;
  json["seconds"] = std::round(summary.seconds * 1000) / 1000;
  json["errors"] = Json::array();
  for (const std::string& error : summary.errors) json["errors"].push_back(error);
  json["changes"] = Json::array();
  for (const std::string& change : summary.changes) json["changes"].push_back(change);
  return json;
}

}  // namespace toolcmp
