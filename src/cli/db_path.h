// Where the database is: --db, else TOOLCMP_DB, else
// $XDG_DATA_HOME/toolcmp/toolcmp.db, else ~/.local/share/toolcmp/toolcmp.db.
#pragma once

#include <string>

namespace toolcmp {

std::string resolve_db_path(const std::string& flag_value, bool flag_given);
// True when neither --db nor TOOLCMP_DB chose the path (a write may then
// make the default directories).
bool db_path_is_default(bool flag_given);

}  // namespace toolcmp
