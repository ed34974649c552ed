// How a tool row and a persona row are read and written: the tool's text
// columns named and ordered as kToolTextFields (model.h), the one list of
// them. Private to src/store.
#pragma once

#include <string>

#include "store/sql.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

// Each text field's column through pattern ("{0}" its name, "{1}" its
// parameter, numbered from first), joined with ", ".
std::string text_columns(const char* pattern, int first = 0);
// Every column read_tool reads, in its order.
const std::string& tool_columns();
Tool read_tool(const sql::Statement& stmt);  // without attributes
// Binds the text fields to their parameters, from first on; gives the next.
int bind_text_fields(sql::Statement& stmt, const Tool& tool, int first);
// id, name, focus, weight, removed_at.
Persona read_persona(const sql::Statement& stmt);

}  // namespace toolcmp
