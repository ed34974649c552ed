// publish DIR: a static site of the panel, all read on one snapshot: an
// index (the ranking), a page per tool, per saved decision and per pair,
// with stable file names (slugs) decided before the first page is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "toolcmp/app/site.h"
#include "toolcmp/formats/render_html.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

class Store;

// Every page is named and claimed in dir before the first is written
// (SiteDir::claim: a file no manifest lists is refused unless force);
// pairs: the tools of each comparison page. Throws UsageError for a pair
// whose page name would be too long, before anything is written.
SiteCounts publish_site(Store& store, const PageRenderer& pages, const std::string& dir,
                        const std::vector<std::vector<std::int64_t>>& pairs, Method method, bool force);

}  // namespace toolcmp
