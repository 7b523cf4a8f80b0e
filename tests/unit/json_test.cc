// core/json.h json_string: the escapes of a JSON string, byte runs copied as
// they are (UTF-8 untouched).
#include "core/json.h"

#include <gtest/gtest.h>

namespace ng {
namespace {

std::string as_json(std::string_view s) {
  std::string out = "x";
  json_string(out, s);
  return out;
}

TEST(JsonString, EscapesOnlyWhatJsonNeeds) {
  EXPECT_EQ(as_json(""), "x\"\"");
  EXPECT_EQ(as_json("Tô Lâm"), "x\"Tô Lâm\"");
  EXPECT_EQ(as_json("say \"hi\"\\"), "x\"say \\\"hi\\\"\\\\\"");
  EXPECT_EQ(as_json("\"a\nb\r\tc\b\f"), "x\"\\\"a\\nb\\r\\tc\\b\\f\"");
  EXPECT_EQ(as_json(std::string("a\x01z\x1f", 4)), "x\"a\\u0001z\\u001f\"");
  EXPECT_EQ(as_json(std::string("\0\x7f", 2)), "x\"\\u0000\x7f\"");
  EXPECT_EQ(as_json("<script>"), "x\"<script>\"");
}

}  // namespace
}  // namespace ng
