// Turning one parsed object into a checked import record.
#pragma once

#include <string>

#include "toolcmp/app/import.h"
#include "toolcmp/formats/field_list.h"
#include "toolcmp/formats/json.h"

namespace toolcmp {

// fields come from a JSON line, or from a CSV row when text_values is
// set: then every value is a string, numbers and booleans included, and
// "attr.KEY" fields are attributes. Throws RecordError naming where. A
// review read into a Record that held one reuses its buffers.
void read_record(const FieldList& fields, const std::string& where, bool text_values, Record& record);

// The record types, in the order an error lists them.
inline const std::vector<std::string> kRecordTypes{"persona", "tool", "review", "vote", "decision"};
// The field names of each record type, in the order export writes them.
const std::vector<std::string>& record_fields(const std::string& type);

}  // namespace toolcmp
