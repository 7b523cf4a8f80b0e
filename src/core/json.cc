#include "core/json.h"

#include <cmath>
#include <cstdio>

namespace ng {

void json_string(std::string& out, std::string_view s) {
  out += '"';
  // Runs of bytes that need no escape are copied at once.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void JsonObject::key(std::string_view k) {
  if (!first_) out_ += ',';
  first_ = false;
  json_string(out_, k);
  out_ += ':';
}

JsonObject& JsonObject::str(std::string_view k, std::string_view v) {
  key(k);
  json_string(out_, v);
  return *this;
}

JsonObject& JsonObject::str_or_null(std::string_view k, std::string_view v) {
  if (v.empty()) return raw(k, "null");
  return str(k, v);
}

JsonObject& JsonObject::num(std::string_view k, double v) {
  key(k);
  if (!std::isfinite(v)) {
    out_ += "null";
  } else {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    out_ += buf;
  }
  return *this;
}

JsonObject& JsonObject::integer(std::string_view k, long long v) {
  key(k);
  out_ += std::to_string(v);
  return *this;
}

JsonObject& JsonObject::boolean(std::string_view k, bool v) {
  key(k);
  out_ += v ? "true" : "false";
  return *this;
}

JsonObject& JsonObject::raw(std::string_view k, std::string_view json) {
  key(k);
  out_ += json;
  return *this;
}

std::string JsonObject::done() {
  out_ += '}';
  return std::move(out_);
}

}  // namespace ng
