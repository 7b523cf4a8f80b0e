#include <gtest/gtest.h>
#include <zlib.h>

#include "ingest/reader.h"
#include "read_bytes.h"

namespace ng {
namespace {

using Out = testing_util::ReadOut;

Out read_warc_bytes(const std::string& bytes, ReaderOptions options = {}) {
  return testing_util::read_bytes(read_warc, bytes, "c.warc", options);
}

// Raw deflate (-15), zlib (15) or gzip (31) compression of `s`.
std::string zlib_deflate(const std::string& s, int window_bits) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, s.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string gzip(const std::string& s) { return zlib_deflate(s, 31); }

// One WARC record; `length` overrides the true Content-Length (to lie).
std::string record(const std::string& type, const std::string& uri, const std::string& block,
                   long long length = -1) {
  std::string h = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) h += "WARC-Target-URI: " + uri + "\r\n";
  h += "WARC-Date: 2026-04-14T09:15:00Z\r\nContent-Type: application/http; msgtype=" + type + "\r\n";
  h += "Content-Length: " + std::to_string(length < 0 ? static_cast<long long>(block.size()) : length) +
       "\r\n\r\n";
  return h + block + "\r\n\r\n";
}

std::string http(const std::string& status, const std::string& ctype, const std::string& body,
                 const std::string& extra = "") {
  return "HTTP/1.1 " + status + "\r\nContent-Type: " + ctype + "\r\n" + extra + "\r\n" + body;
}

const std::string kPage1 = "<html><body><p>To Lam received Sergei Shoigu in Hanoi.</p></body></html>";
const std::string kPage2 = "<html><body><p>Quang and Shoigu signed a plan.</p></body></html>";

TEST(Warc, HtmlResponsesBecomeRecords) {
  std::string warc =
      record("warcinfo", "", "software: test\r\n") +
      record("request", "https://n.example/1", "GET /1 HTTP/1.1\r\nHost: n.example\r\n\r\n") +
      record("response", "<https://n.example/1>", http("200 OK", "text/html; charset=UTF-8", kPage1)) +
      record("response", "https://n.example/logo.png", http("200 OK", "image/png", "\x89PNG")) +
      record("response", "https://n.example/gone", http("404 Not Found", "text/html", "<p>no</p>")) +
      record("response", "https://n.example/moved", http("301 Moved", "text/html", "")) +
      record("response", "https://n.example/2", http("200 OK", "text/html", kPage2));
  Out o = read_warc_bytes(warc);
  EXPECT_TRUE(o.rejects.empty()) << o.rejects[0].locator << ": " << o.rejects[0].reason;
  ASSERT_EQ(o.records.size(), 2u);
  EXPECT_EQ(o.records[0].locator, "record 3");
  EXPECT_EQ(o.records[0].url, "https://n.example/1");  // <...> stripped
  EXPECT_EQ(o.records[0].published, "2026-04-14T09:15:00Z");
  EXPECT_EQ(o.records[0].declared_charset, "utf-8");
  EXPECT_EQ(o.records[0].body, kPage1);
  EXPECT_TRUE(o.records[0].is_html);
  EXPECT_EQ(o.records[0].format, Format::kWarc);
  EXPECT_EQ(o.records[1].locator, "record 7");
  EXPECT_EQ(o.records[1].body, kPage2);
}

TEST(Warc, ChunkedAndGzipBodiesAreDecoded) {
  // Two chunks: 0x10 bytes and the rest (hex size).
  std::string rest = kPage1.substr(16);
  char hex[16];
  std::snprintf(hex, sizeof hex, "%zx", rest.size());
  std::string chunked = "10\r\n" + kPage1.substr(0, 16) + "\r\n" + hex + "\r\n" + rest + "\r\n0\r\n\r\n";
  std::string warc = record("response", "https://n.example/c",
                            http("200 OK", "text/html", chunked, "Transfer-Encoding: chunked\r\n")) +
                     record("response", "https://n.example/g",
                            http("200 OK", "text/html", gzip(kPage2), "Content-Encoding: gzip\r\n")) +
                     record("response", "https://n.example/bad",
                            http("200 OK", "text/html", "not gzip at all", "Content-Encoding: gzip\r\n"));
  Out o = read_warc_bytes(warc);
  ASSERT_EQ(o.records.size(), 2u);
  EXPECT_EQ(o.records[0].body, kPage1);
  EXPECT_EQ(o.records[1].body, kPage2);
  ASSERT_EQ(o.rejects.size(), 1u);
  EXPECT_EQ(o.rejects[0].locator, "record 3");
  EXPECT_NE(o.rejects[0].reason.find("cannot decode gzip body"), std::string::npos) << o.rejects[0].reason;
}

TEST(Warc, GzipPerRecordFileIsRead) {
  std::string warc = gzip(record("response", "https://n.example/1", http("200 OK", "text/html", kPage1))) +
                     gzip(record("response", "https://n.example/2", http("200 OK", "text/html", kPage2)));
  Out o = read_warc_bytes(warc);
  ASSERT_EQ(o.records.size(), 2u);
  EXPECT_EQ(o.records[1].url, "https://n.example/2");
}

TEST(Warc, LyingContentLengthIsRejectedAndReadingResumes) {
  std::string b2 = http("200 OK", "text/html", kPage2);
  std::string warc = record("response", "https://n.example/1", http("200 OK", "text/html", kPage1)) +
                     record("response", "https://n.example/2", b2, static_cast<long long>(b2.size()) - 10) +
                     record("response", "https://n.example/3", http("200 OK", "text/html", kPage1));
  Out o = read_warc_bytes(warc);
  ASSERT_EQ(o.rejects.size(), 1u);
  EXPECT_EQ(o.rejects[0].locator, "record 2");
  EXPECT_NE(o.rejects[0].reason.find("Content-Length"), std::string::npos) << o.rejects[0].reason;
  ASSERT_EQ(o.records.size(), 2u);
  EXPECT_EQ(o.records[0].url, "https://n.example/1");
  EXPECT_EQ(o.records[1].url, "https://n.example/3");
  EXPECT_EQ(o.records[1].locator, "record 3");

  // Too long: the block swallows the start of the next record, which is
  // found again inside it.
  std::string longer = record("response", "https://n.example/1", http("200 OK", "text/html", kPage1),
                              static_cast<long long>(http("200 OK", "text/html", kPage1).size()) + 30) +
                       record("response", "https://n.example/2", http("200 OK", "text/html", kPage2));
  Out l = read_warc_bytes(longer);
  ASSERT_EQ(l.rejects.size(), 1u);
  EXPECT_EQ(l.rejects[0].locator, "record 1");
  ASSERT_EQ(l.records.size(), 1u);
  EXPECT_EQ(l.records[0].url, "https://n.example/2");
}

TEST(Warc, DamagedHeadersAndTruncation) {
  std::string warc =
      "garbage line\r\n\r\n" +
      std::string("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nxx\r\n\r\n") +
      record("response", "https://n.example/ok", http("200 OK", "text/html", kPage1));
  Out o = read_warc_bytes(warc);
  ASSERT_EQ(o.rejects.size(), 2u);
  EXPECT_NE(o.rejects[0].reason.find("expected a \"WARC/1.x\" version line"), std::string::npos);
  EXPECT_NE(o.rejects[1].reason.find("is not a number"), std::string::npos) << o.rejects[1].reason;
  ASSERT_EQ(o.records.size(), 1u);
  EXPECT_EQ(o.records[0].url, "https://n.example/ok");

  std::string full = record("response", "https://n.example/t", http("200 OK", "text/html", kPage1));
  Out t = read_warc_bytes(full.substr(0, full.size() - 30));
  EXPECT_TRUE(t.records.empty());
  ASSERT_EQ(t.rejects.size(), 1u);
  EXPECT_EQ(t.rejects[0].locator, "record 1");
  EXPECT_NE(t.rejects[0].reason.find("truncated"), std::string::npos);
}

TEST(Warc, OversizedRecordIsSkippedNotLoaded) {
  std::string big = http("200 OK", "text/html", "<p>" + std::string(200000, 'a') + "</p>");
  std::string warc = record("response", "https://n.example/big", big) +
                     record("response", "https://n.example/small", http("200 OK", "text/html", kPage2));
  ReaderOptions opt;
  opt.max_record_bytes = 100000;
  Out o = read_warc_bytes(warc, opt);
  ASSERT_EQ(o.rejects.size(), 1u);
  EXPECT_EQ(o.rejects[0].locator, "record 1");
  EXPECT_NE(o.rejects[0].reason.find("exceeds the --max-doc-mb limit"), std::string::npos);
  ASSERT_EQ(o.records.size(), 1u);
  EXPECT_EQ(o.records[0].url, "https://n.example/small");
}


const std::string kPageDe =
    "<html><body><p>Der Bundestag beschloss am Freitag den Haushalt.</p></body></html>";

TEST(Warc, ChunkedGzipDeflateAndCharset) {
  std::string gz = gzip(kPageDe);
  char hex[16];
  std::snprintf(hex, sizeof hex, "%zX", gz.size() - 5);
  // Chunked on top of gzip, with a chunk extension; decoded in that order.
  std::string chunked = std::string(hex) + ";ext=1\r\n" + gz.substr(0, gz.size() - 5) + "\r\n5\r\n" +
                        gz.substr(gz.size() - 5) + "\r\n0\r\nX-Trailer: 1\r\n\r\n";
  std::string warc =
      record("response", "https://de.example/1",
             http("200 OK", "text/html; charset=\"ISO-8859-1\"", chunked,
                  "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n")) +
      record("response", "https://de.example/2",
             http("200 OK", "application/xhtml+xml", zlib_deflate(kPage1, 15),
                  "Content-Encoding: deflate\r\n")) +
      record("response", "https://de.example/3",
             http("200 OK", "text/html;charset=windows-1252", zlib_deflate(kPage2, -15),
                  "Content-Encoding: deflate\r\n")) +
      record("response", "https://de.example/4",
             http("200 OK", "text/html", gzip(kPage1).substr(0, 20), "Content-Encoding: gzip\r\n")) +
      record("response", "https://de.example/5",
             http("200 OK", "text/html", kPage2, "Content-Encoding: br\r\n"));
  Out o = read_warc_bytes(warc);
  ASSERT_EQ(o.records.size(), 3u);
  EXPECT_EQ(o.records[0].body, kPageDe);
  EXPECT_EQ(o.records[0].declared_charset, "iso-8859-1");
  EXPECT_EQ(o.records[1].body, kPage1);
  EXPECT_EQ(o.records[1].declared_charset, "");
  EXPECT_EQ(o.records[2].body, kPage2);  // raw deflate without the zlib header
  EXPECT_EQ(o.records[2].declared_charset, "windows-1252");
  ASSERT_EQ(o.rejects.size(), 2u);
  EXPECT_EQ(o.rejects[0].locator, "record 4");
  EXPECT_EQ(o.rejects[0].reason, "cannot decode gzip body: unexpected end of compressed data");
  EXPECT_EQ(o.rejects[1].locator, "record 5");
  EXPECT_EQ(o.rejects[1].reason, "unsupported Content-Encoding \"br\"");
}

TEST(Warc, LfOnlyFoldedHeadersAndExtraBlankLines) {
  std::string block = "HTTP/1.1 200 OK\nContent-Type: text/html\n\n" + kPageDe;
  std::string warc =
      "\n\nWARC/1.1\nWARC-Type: response\nWARC-Target-URI:\n  https://de.example/lf\n"
      "WARC-Date: 2026-02-03T04:05:06Z\nContent-Length: " +
      std::to_string(block.size()) + "\n\n" + block + "\n\n\n\n";
  Out o = read_warc_bytes(warc);
  EXPECT_TRUE(o.rejects.empty()) << o.rejects[0].reason;
  ASSERT_EQ(o.records.size(), 1u);
  EXPECT_EQ(o.records[0].url, "https://de.example/lf");
  EXPECT_EQ(o.records[0].published, "2026-02-03T04:05:06Z");
  EXPECT_EQ(o.records[0].body, kPageDe);
  EXPECT_EQ(o.records[0].locator, "record 1");
}

TEST(Warc, LyingLengthInSkippedRecordAndNonHtmlOversizedRecords) {
  // The warcinfo record claims 40 bytes more than it has: record 2 starts
  // inside its block and is found there.
  std::string info = "software: test-crawler\r\n";
  std::string warc =
      record("warcinfo", "", info, static_cast<long long>(info.size()) + 40) +
      record("response", "https://n.example/2", http("200 OK", "text/html", kPage2)) +
      record("response", "https://n.example/video", http("200 OK", "video/mp4", std::string(5000, 'v'))) +
      record("response", "https://n.example/4", http("200 OK", "text/html", kPage1));
  ReaderOptions opt;
  opt.max_record_bytes = 1000;
  Out o = read_warc_bytes(warc, opt);
  ASSERT_EQ(o.rejects.size(), 1u);  // the oversized video is not an article: skipped silently
  EXPECT_EQ(o.rejects[0].locator, "record 1");
  ASSERT_EQ(o.records.size(), 2u);
  EXPECT_EQ(o.records[0].locator, "record 2");
  EXPECT_EQ(o.records[0].url, "https://n.example/2");
  EXPECT_EQ(o.records[1].locator, "record 4");
}

TEST(Warc, TruncatedGzipStreamIsReportedAndStops) {
  std::string rec = record("response", "https://n.example/1", http("200 OK", "text/html", kPage1));
  std::string warc =
      gzip(rec) + gzip(record("response", "https://n.example/2", http("200 OK", "text/html", kPage2)));
  Out o = read_warc_bytes(warc.substr(0, warc.size() - 25));
  ASSERT_EQ(o.records.size(), 1u);
  EXPECT_EQ(o.records[0].url, "https://n.example/1");
  ASSERT_EQ(o.rejects.size(), 1u);
  EXPECT_EQ(o.rejects[0].locator, "record 2");
  EXPECT_EQ(o.rejects[0].reason.find("truncated (file ends"), std::string::npos)
      << "the stream's own message";
}

TEST(Warc, ArbitraryBytesEndWithoutLooping) {
  // Every prefix of a small valid file, plus noise around a version line.
  std::string warc = record("response", "https://n.example/1", http("200 OK", "text/html", kPage1)) +
                     record("response", "https://n.example/2", http("200 OK", "text/html", kPage2));
  for (size_t n = 0; n <= warc.size(); n += 7) {
    Out o = read_warc_bytes(warc.substr(0, n));
    EXPECT_LE(o.records.size() + o.rejects.size(), 3u);
  }
  Out noise =
      read_warc_bytes("WARC/1.0\r\n\r\nWARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\nWARC/1.");
  EXPECT_TRUE(noise.records.empty());
  EXPECT_EQ(noise.rejects.size(), 3u);
}

}  // namespace
}  // namespace ng
