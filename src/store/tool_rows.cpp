#include "store/tool_rows.h"

#include <fmt/format.h>

#include "store/stored_values.h"

namespace toolcmp {

std::string text_columns(const char* pattern, int first) {
  std::string joined;
  int parameter = first;
  for (const ToolTextField& field : kToolTextFields) {
    if (!joined.empty()) joined += ", ";
    joined += fmt::format(fmt::runtime(pattern), field.name, parameter++);
  }
  return joined;
}

const std::string& tool_columns() {
  static const std::string columns = fmt::format(
      "id, name, {}, created_at, updated_at, published_ship_pct, published_votes_ship, published_votes_skip",
      text_columns("{0}"));
  return columns;
}

Tool read_tool(const sql::Statement& stmt) {
  Tool tool;
  tool.id = stmt.integer(0);
  tool.name = stmt.text(1);
  int column = 2;
  for (const ToolTextField& field : kToolTextFields) tool.*field.member = stmt.optional_text(column++);
  tool.created_at = stmt.text(column);
  tool.updated_at = stmt.text(column + 1);
  tool.published_ship_pct = stmt.optional_real(column + 2);
  RowName row{"tool", tool.id};
  auto ship = stored_count(stmt, column + 3, row, "published_votes_ship");
  auto skip = stored_count(stmt, column + 4, row, "published_votes_skip");
  if (ship && skip) tool.published_votes = VoteTally{*ship, *skip};
  return tool;
}

int bind_text_fields(sql::Statement& stmt, const Tool& tool, int first) {
  for (const ToolTextField& field : kToolTextFields) stmt.bind(first++, tool.*field.member);
  return first;
}

Persona read_persona(const sql::Statement& stmt) {
  Persona persona;
  persona.id = stmt.integer(0);
  persona.name = stmt.text(1);
  persona.focus = stmt.optional_text(2);
  persona.weight = stored_weight(stmt, 3, {"persona", persona.id});
  persona.removed = !stmt.is_null(4);
  return persona;
}

}  // namespace toolcmp
