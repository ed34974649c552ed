#include "toolcmp/formats/field_list.h"

#include <fmt/format.h>

namespace toolcmp {

const char* FieldValue::type_name() const {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Boolean: return "boolean";
    case Kind::String: return "string";
    case Kind::Object: return "object";
    case Kind::Array: return "array";
    default: return "number";
  }
}

std::string FieldValue::dump_number() const {
  switch (kind) {
    case Kind::Integer: return fmt::format("{}", integer);
    case Kind::Unsigned: return fmt::format("{}", uinteger);
    case Kind::Float: return fmt::format("{}", number);
    default: return std::string(text);
  }
}

std::string FieldValue::dump() const {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Boolean: return boolean ? "true" : "false";
    case Kind::String: return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
    case Kind::Object:
    case Kind::Array: return std::string(text);
    default: return dump_number();
  }
}

Json FieldValue::json() const {
  switch (kind) {
    case Kind::Null: return Json();
    case Kind::Boolean: return Json(boolean);
    case Kind::Integer: return Json(integer);
    case Kind::Unsigned: return Json(uinteger);
    case Kind::Float: return Json(number);
    case Kind::String: return Json(std::string(text));
    default: break;
  }
  Json parsed;
  if (parse_json_bounded(text, kMaxJsonDepth, parsed) != JsonStatus::Ok) return Json();
  return parsed;
}

FieldValue field_value(const Json& value) {
  FieldValue field;
  switch (value.type()) {
    case Json::value_t::boolean:
      field.kind = FieldValue::Kind::Boolean;
      field.boolean = value.get<bool>();
      break;
    case Json::value_t::number_integer:
      field.kind = FieldValue::Kind::Integer;
      field.integer = value.get<std::int64_t>();
      break;
    case Json::value_t::number_unsigned:
      field.kind = FieldValue::Kind::Unsigned;
      field.uinteger = value.get<std::uint64_t>();
      break;
    case Json::value_t::number_float:
      field.kind = FieldValue::Kind::Float;
      field.number = value.get<double>();
      break;
    case Json::value_t::string:
      field.kind = FieldValue::Kind::String;
      field.text = value.get_ref<const std::string&>();
      break;
    case Json::value_t::object: field.kind = FieldValue::Kind::Object; break;
    case Json::value_t::array: field.kind = FieldValue::Kind::Array; break;
    default: break;
  }
  return field;
}

}  // namespace toolcmp
