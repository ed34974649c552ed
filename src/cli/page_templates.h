// --template DIR: the page templates found there, by name, in place of the
// built-in ones (the rest stay built in).
#pragma once

#include <string>

#include "cli/command.h"
#include "toolcmp/formats/render_html.h"

namespace toolcmp {

// Empty dir: none. Throws Error when DIR is not a directory, holds none of
// the templates' names, or one of them is not a regular file.
TemplateSet load_template_dir(Context& ctx, const std::string& dir);

}  // namespace toolcmp
