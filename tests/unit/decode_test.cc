#include "text/decode.h"

#include <gtest/gtest.h>

namespace ng {
namespace {

TEST(Decode, ValidUtf8PassesThroughUnchanged) {
  auto d = decode_to_utf8("Tổng Bí thư Tô Lâm tiếp Thư ký Hội đồng An ninh Nga", "");
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->charset, "UTF-8");
  EXPECT_EQ(d->invalid, 0u);
  EXPECT_EQ(d->text, "Tổng Bí thư Tô Lâm tiếp Thư ký Hội đồng An ninh Nga");
}

TEST(Decode, NormalisesToNfc) {
  // "é" as e + combining acute (NFD) becomes the single code point U+00E9.
  auto d = decode_to_utf8("Caf\x65\xCC\x81 in Montr\x65\xCC\x81\x61l", "");
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->text, "Caf\xC3\xA9 in Montr\xC3\xA9\x61l");
}

TEST(Decode, StripsUtf8Bom) {
  auto d = decode_to_utf8("\xEF\xBB\xBFHallo Welt", "");
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->text, "Hallo Welt");
}

TEST(Decode, DeclaredLegacyCharsetIsConverted) {
  // "Größere Übungen in Köln" in windows-1252.
  std::string cp1252 = "Gr\xF6\xDF\x65re \xDC\x62ungen in K\xF6ln";
  auto d = decode_to_utf8(cp1252, "windows-1252");
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->text, "Größere Übungen in Köln");
  EXPECT_EQ(d->invalid, 0u);
}

TEST(Decode, ValidUtf8WinsOverAWrongLegacyDeclaration) {
  auto d = decode_to_utf8("Größere Übungen in Köln, Düsseldorf und Mönchengladbach", "iso-8859-1");
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->charset, "UTF-8");
  EXPECT_EQ(d->text, "Größere Übungen in Köln, Düsseldorf und Mönchengladbach");
}

TEST(Decode, StrayInvalidBytesInUtf8TextAreReplacedAndCounted) {
  std::string s = "Bộ trưởng Quốc phòng \xFF gặp người đồng cấp Nga tại Mát-xcơ-va \xC3";
  auto d = decode_to_utf8(s, "");
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->charset, "UTF-8");
  EXPECT_EQ(d->invalid, 2u);
  EXPECT_NE(d->text.find("phòng \xEF\xBF\xBD gặp"), std::string::npos);
  EXPECT_TRUE(is_valid_utf8(d->text));
}

TEST(Decode, BinaryIsRejected) {
  std::string bin("\x7F" "ELF\x02\x01\x01\x00\x00\x00\x00\x00", 12);
  auto d = decode_to_utf8(bin, "");
  ASSERT_FALSE(d.is_ok());
  EXPECT_NE(d.status().message().find("binary"), std::string::npos);
}

TEST(Decode, Utf16WithBomIsDecoded) {
  std::string le("\xFF\xFE" "H\0i\0", 6);
  auto d = decode_to_utf8(le, "");
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->text, "Hi");
}

TEST(Decode, RepairUtf8ReplacesEachInvalidRunOnce) {
  std::string out;
  EXPECT_EQ(repair_utf8("a\xFF\xFE" "b\xC0\xAF" "c", out), 2u);
  EXPECT_EQ(out, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));  // overlong
  EXPECT_TRUE(is_valid_utf8("Шойгу 😀"));
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Decode, MostlyInvalidBytesAreRejectedByTheirShare) {
  // Bytes 0x80-0xFF in a fixed pseudo-random order: not UTF-8, not text.
  std::string noise;
  uint32_t x = 12345;
  for (int i = 0; i < 4000; ++i) {
    x = x * 1103515245 + 12345;
    noise += static_cast<char>(0x80 | ((x >> 16) & 0x7F));
  }
  auto d = decode_to_utf8(noise, "");
  ASSERT_FALSE(d.is_ok());
  EXPECT_NE(d.status().message().find("undecodable"), std::string::npos) << d.status().message();
  // A few stray bytes in otherwise good UTF-8 are repaired and counted.
  auto ok = decode_to_utf8("Hà Nội \xff ngày 14/4, Bộ trưởng \xfe đã tiếp đoàn.", "");
  ASSERT_TRUE(ok.is_ok()) << ok.status().message();
  EXPECT_EQ(ok->invalid, 2u);
}

}  // namespace
}  // namespace ng
