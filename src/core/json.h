// Minimal JSON writing for CLI and HTTP output (escaping per RFC 8259).
#pragma once

#include <string>
#include <string_view>

namespace ng {

// Appends `s` as a JSON string literal (with quotes) to `out`.
void json_string(std::string& out, std::string_view s);

// Builds one JSON object: Obj o; o.str("id", x).num("n", 3); o.done().
class JsonObject {
 public:
  JsonObject& str(std::string_view key, std::string_view value);
  // Empty string -> null.
  JsonObject& str_or_null(std::string_view key, std::string_view value);
  JsonObject& num(std::string_view key, double value);
  JsonObject& integer(std::string_view key, long long value);
  JsonObject& boolean(std::string_view key, bool value);
  JsonObject& raw(std::string_view key, std::string_view json);  // value already JSON
  std::string done();

 private:
  void key(std::string_view k);
  std::string out_ = "{";
  bool first_ = true;
};

}  // namespace ng
