#include "ingest/stream.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

namespace ng {
namespace {

std::string write_temp(const std::string& name, const std::string& bytes) {
  std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = data.size();
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = out.size();
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(Stream, ReadsPlainFile) {
  auto in = open_input(write_temp("plain.txt", "hello\nworld"));
  ASSERT_TRUE(in.is_ok());
  auto all = read_all(**in, 1 << 20);
  ASSERT_TRUE(all.is_ok());
  EXPECT_EQ(*all, "hello\nworld");
}

TEST(Stream, DecompressesMultiMemberGzip) {
  auto in = open_input(write_temp("multi.gz", gzip("first member\n") + gzip("second member\n")));
  ASSERT_TRUE(in.is_ok());
  auto all = read_all(**in, 1 << 20);
  ASSERT_TRUE(all.is_ok()) << all.status().to_string();
  EXPECT_EQ(*all, "first member\nsecond member\n");
}

TEST(Stream, TruncatedGzipIsAnErrorAfterTheGoodBytes) {
  std::string data;
  for (int i = 0; i < 5000; ++i) data += "line " + std::to_string(i) + " of a longer file\n";
  std::string gz = gzip(data);
  auto in = open_input(write_temp("cut.gz", gz.substr(0, gz.size() / 2)));
  ASSERT_TRUE(in.is_ok());
  LineReader lines(**in, 1 << 20);
  std::string line;
  bool too_long;
  int n = 0;
  while (lines.next(line, too_long)) ++n;
  EXPECT_GT(n, 100);
  EXPECT_FALSE(lines.status().is_ok());
  EXPECT_NE(lines.status().message().find("truncated gzip"), std::string::npos) << lines.status().message();
}

TEST(Stream, ReadAllRefusesOverTheLimit) {
  auto in = open_input(write_temp("big.txt", std::string(5000, 'a')));
  ASSERT_TRUE(in.is_ok());
  auto all = read_all(**in, 1000);
  ASSERT_FALSE(all.is_ok());
  EXPECT_EQ(all.status().code(), StatusCode::kTooLarge);
}

TEST(Stream, LineReaderSkipsOverlongLinesAndKeepsCounting) {
  std::string data = "short\n" + std::string(300000, 'x') + "\nafter\r\nlast";
  auto in = open_input(write_temp("lines.txt", data));
  ASSERT_TRUE(in.is_ok());
  LineReader lines(**in, 1000);
  std::string line;
  bool too_long;
  ASSERT_TRUE(lines.next(line, too_long));
  EXPECT_EQ(line, "short");
  ASSERT_TRUE(lines.next(line, too_long));
  EXPECT_TRUE(too_long);
  EXPECT_EQ(lines.line_number(), 2u);
  ASSERT_TRUE(lines.next(line, too_long));
  EXPECT_FALSE(too_long);
  EXPECT_EQ(line, "after");
  ASSERT_TRUE(lines.next(line, too_long));
  EXPECT_EQ(line, "last");
  EXPECT_FALSE(lines.next(line, too_long));
  EXPECT_TRUE(lines.status().is_ok());
}

TEST(Stream, MissingFileIsAnErrorNamingIt) {
  auto in = open_input("/nonexistent/dir/file.txt");
  ASSERT_FALSE(in.is_ok());
  EXPECT_NE(in.status().message().find("/nonexistent/dir/file.txt"), std::string::npos);
}

}  // namespace
}  // namespace ng
