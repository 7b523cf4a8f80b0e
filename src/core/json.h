// Minimal JSON writing for CLI and HTTP output (escaping per RFC 8259).
#pragma once

#include <string>
#include <string_view>

namespace ng {

// Appends `s` as a JSON string literal (with quotes) to `out`.
void json_string(std::string& out, std::string_view s);

// A JSON array of the strings of `v` (any range of string-like values).
template <typename Range>
std::string json_string_array(const Range& v) {
  std::string out = "[";
  for (const auto& s : v) {
    if (out.size() > 1) out += ',';
    json_string(out, s);
  }
  return out + "]";
}

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
