// WARC reader: every HTML response record of a crawl is an article.
//
// Streamed: a record's block is read only when it is needed and not larger
// than ReaderOptions::max_record_bytes, so multi-gigabyte crawls run in
// bounded memory. A damaged record (no version line, no or a lying
// Content-Length) is rejected and reading resumes at the next "WARC/1." line.
#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "ingest/reader.h"

namespace ng {
namespace {

constexpr size_t kMaxHeaderBytes = 64 << 10;
constexpr size_t kMaxLine = 64 << 10;

// A read buffer over an InputStream with line reads, exact reads, skips and
// push-back.
class Buffered {
 public:
  explicit Buffered(InputStream& in) : in_(in) {}

  // Makes at least `n` bytes available unless the stream ends first; false
  // on a stream error (see error()).
  bool fill(size_t n) {
    while (buf_.size() - pos_ < n && !eof_) {
      if (pos_ > 0 && pos_ >= buf_.size() / 2) {
        buf_.erase(0, pos_);
        pos_ = 0;
      }
      size_t old = buf_.size();
      size_t chunk = std::max<size_t>(64 << 10, n - (buf_.size() - pos_));
      buf_.resize(old + chunk);
      auto got = in_.read(buf_.data() + old, chunk);
      if (!got) {
        buf_.resize(old);
        error_ = got.status();
        eof_ = true;
        return false;
      }
      buf_.resize(old + *got);
      if (*got == 0) eof_ = true;
    }
    return true;
  }
  size_t available() const { return buf_.size() - pos_; }
  std::string_view peek() const { return std::string_view(buf_).substr(pos_); }

  // Reads a line without its "\n" / "\r\n". Returns false at the end of the
  // stream. A line longer than kMaxLine is consumed and returned cut.
  bool line(std::string& out) {
    out.clear();
    bool any = false;
    for (;;) {
      if (available() == 0 && (!fill(1) || available() == 0)) return any;
      std::string_view v = peek();
      size_t nl = v.find('\n');
      size_t take = nl == std::string_view::npos ? v.size() : nl;
      if (out.size() < kMaxLine) out.append(v.substr(0, std::min(take, kMaxLine - out.size())));
      any = true;
      pos_ += nl == std::string_view::npos ? v.size() : nl + 1;
      if (nl != std::string_view::npos) {
        if (!out.empty() && out.back() == '\r') out.pop_back();
        return true;
      }
    }
  }
  // Reads exactly `n` bytes into `out`; false if the stream ends first.
  bool read(size_t n, std::string& out) {
    out.clear();
    if (!fill(n)) return false;
    size_t k = std::min(n, available());
    out.assign(buf_, pos_, k);
    pos_ += k;
    return k == n;
  }
  // Skips `n` bytes in chunks; false if the stream ends first.
  bool skip(uint64_t n) {
    while (n > 0) {
      if (available() == 0 && (!fill(1) || available() == 0)) return false;
      size_t k = static_cast<size_t>(std::min<uint64_t>(n, available()));
      pos_ += k;
      n -= k;
    }
    return true;
  }
  void unread(std::string_view bytes) {
    buf_.replace(0, pos_, bytes);
    pos_ = 0;
  }
  const Status& error() const { return error_; }

 private:
  InputStream& in_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  Status error_;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

struct Header {
  std::string name;  // lowercased
  std::string value;
};

const std::string* find_header(const std::vector<Header>& hs, const char* name) {
  for (const auto& h : hs) {
    if (h.name == name) return &h.value;
  }
  return nullptr;
}

bool parse_header_line(std::string_view line, std::vector<Header>& out) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  out.push_back({lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
  return true;
}

bool parse_u64(std::string_view s, uint64_t& v) {
  s = trim(s);
  if (s.empty() || s.size() > 19) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

// Decodes a chunked HTTP body; false if it is malformed or exceeds `limit`.
bool dechunk(std::string_view in, uint64_t limit, std::string& out) {
  out.clear();
  size_t i = 0;
  for (;;) {
    size_t eol = in.find('\n', i);
    if (eol == std::string_view::npos) return false;
    std::string_view size_line = trim(in.substr(i, eol - i));
    size_line = size_line.substr(0, size_line.find(';'));  // chunk extensions
    uint64_t n = 0;
    if (size_line.empty() || size_line.size() > 15) return false;
    for (char c : size_line) {
      int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      n = n * 16 + static_cast<uint64_t>(d);
    }
    i = eol + 1;
    if (n == 0) return true;  // trailers ignored
    if (n > in.size() - i || out.size() + n > limit) return false;
    out.append(in.substr(i, n));
    i += n;
    if (i < in.size() && in[i] == '\r') ++i;
    if (i < in.size() && in[i] == '\n') ++i;
  }
}

// Inflates a gzip, zlib or raw deflate body; an error message on failure.
std::string inflate_body(std::string_view in, uint64_t limit, std::string& out) {
  for (int window : {15 + 32, -15}) {  // gzip/zlib auto-detected, then raw deflate
    out.clear();
    z_stream z{};
    if (inflateInit2(&z, window) != Z_OK) return "zlib initialisation failed";
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
    char buf[64 << 10];
    int rc = Z_OK;
    bool too_large = false;
    while (rc == Z_OK) {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof(buf);
      rc = inflate(&z, Z_NO_FLUSH);
      out.append(buf, sizeof(buf) - z.avail_out);
      if (out.size() > limit) {
        too_large = true;
        break;
      }
      if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated
    }
    std::string msg = z.msg ? z.msg : "";
    inflateEnd(&z);
    if (too_large) return "decompressed body exceeds the --max-doc-mb limit";
    if (rc == Z_STREAM_END) return {};
    if (window == -15) return msg.empty() ? "truncated or corrupt compressed body" : msg;
  }
  return "corrupt compressed body";
}

class WarcReader {
 public:
  WarcReader(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink)
      : buf_(in), source_(source), options_(options), sink_(sink) {}

  void run() {
    std::string line;
    bool have_line = false;
    for (;;) {
      if (!have_line) {
        // Records are separated by blank lines.
        do {
          if (!buf_.line(line)) return finish();
        } while (trim(line).empty());
      }
      have_line = false;
      ++n_;
      if (!line.starts_with("WARC/")) {
        std::string shown = line.substr(0, 40);
        reject("not a WARC record: expected a \"WARC/1.x\" version line, found \"" + printable(shown) + "\"");
        if (!resync(line)) return finish();
        have_line = true;
        continue;
      }
      std::vector<Header> headers;
      size_t header_bytes = 0;
      bool bad_header = false, ended = false;
      while (true) {
        if (!buf_.line(line)) {
          ended = true;
          break;
        }
        if (line.empty()) break;
        header_bytes += line.size();
        if (header_bytes > kMaxHeaderBytes || !parse_header_line(line, headers)) {
          bad_header = true;
          break;
        }
      }
      if (ended) {
        reject("truncated (file ends inside the record's header)");
        return finish();
      }
      if (bad_header) {
        reject(header_bytes > kMaxHeaderBytes ? "record header larger than 64 KiB"
                                              : "malformed header line \"" + printable(line.substr(0, 60)) + "\"");
        if (!resync(line)) return finish();
        have_line = true;
        continue;
      }
      uint64_t length = 0;
      const std::string* cl = find_header(headers, "content-length");
      if (!cl || !parse_u64(*cl, length)) {
        reject(cl ? "Content-Length \"" + printable(*cl) + "\" is not a number" : "no Content-Length header");
        if (!resync(line)) return finish();
        have_line = true;
        continue;
      }
      const std::string* type = find_header(headers, "warc-type");
      bool wanted = type && lower(*type) == "response";
      if (wanted && length > options_.max_record_bytes) {
        reject("body of " + std::to_string(length) + " bytes exceeds the --max-doc-mb limit (" +
               std::to_string(options_.max_record_bytes >> 20) + " MiB)");
        wanted = false;
      }
      std::string block;
      if (wanted) {
        if (!buf_.read(static_cast<size_t>(length), block)) {
          reject("truncated (file ends inside the record)");
          return finish();
        }
      } else if (!buf_.skip(length)) {
        reject("truncated (file ends inside the record)");
        return finish();
      }
      // The block is followed by CRLF CRLF. Anything else means the
      // Content-Length lied: the record is not trusted, and the next record
      // may start inside what was taken as its block.
      if (!separator_follows()) {
        reject("Content-Length " + std::to_string(length) + " does not match the record (no blank line after " +
               "its block)");
        if (size_t k = find_record_start(block); k != std::string::npos) buf_.unread(std::string_view(block).substr(k));
        if (!resync(line)) return finish();
        have_line = true;
        continue;
      }
      if (wanted) response(headers, block);
    }
  }

 private:
  void finish() {
    if (!buf_.error().is_ok()) reject(buf_.error().message());
  }

  void reject(std::string reason) {
    sink_.reject(Reject{source_, "record " + std::to_string(n_), std::move(reason)});
  }

  static std::string printable(std::string_view s) {
    std::string out;
    for (char c : s) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return out;
  }

  // Consumes the "\r\n\r\n" after a block (also "\n\n"; the end of the file
  // is accepted too). False if something else follows.
  bool separator_follows() {
    buf_.fill(4);
    std::string_view v = buf_.peek();
    if (v.empty()) return true;
    for (std::string_view sep : {"\r\n\r\n", "\n\n", "\r\n"}) {
      if (v.starts_with(sep)) {
        buf_.skip(sep.size());
        return true;
      }
    }
    return false;
  }

  // Offset of a line starting with "WARC/1." inside a block, or npos.
  static size_t find_record_start(std::string_view block) {
    for (size_t p = block.find("WARC/1."); p != std::string_view::npos; p = block.find("WARC/1.", p + 1)) {
      if (p == 0 || block[p - 1] == '\n') return p;
    }
    return std::string::npos;
  }

  // Skips to the next line starting with "WARC/1." and leaves it in `line`.
  bool resync(std::string& line) {
    while (buf_.line(line)) {
      if (line.starts_with("WARC/1.")) return true;
    }
    return false;
  }

  void response(const std::vector<Header>& warc, const std::string& block) {
    if (const std::string* ct = find_header(warc, "content-type");
        ct && lower(*ct).find("application/http") == std::string::npos) {
      return;  // a stored resource, not an HTTP exchange
    }
    // HTTP status line and headers.
    size_t i = 0;
    auto next_line = [&](std::string_view& l) {
      if (i >= block.size()) return false;
      size_t nl = block.find('\n', i);
      if (nl == std::string::npos) nl = block.size();
      l = std::string_view(block).substr(i, nl - i);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      i = nl + 1;
      return true;
    };
    std::string_view status;
    if (!next_line(status) || !status.starts_with("HTTP/")) {
      reject("response record without an HTTP status line");
      return;
    }
    size_t sp = status.find(' ');
    if (sp == std::string_view::npos || sp + 4 > status.size()) {
      reject("malformed HTTP status line \"" + printable(status.substr(0, 60)) + "\"");
      return;
    }
    if (status[sp + 1] != '2') return;  // redirects, errors: not articles
    std::vector<Header> http;
    std::string_view l;
    while (next_line(l) && !l.empty()) parse_header_line(l, http);
    const std::string* ctype = find_header(http, "content-type");
    if (!ctype || lower(*ctype).find("html") == std::string::npos) return;
    std::string body = i < block.size() ? block.substr(i) : std::string();
    if (const std::string* te = find_header(http, "transfer-encoding"); te && lower(*te).find("chunked") != std::string::npos) {
      std::string plain;
      if (!dechunk(body, options_.max_record_bytes, plain)) {
        reject("malformed chunked HTTP body");
        return;
      }
      body = std::move(plain);
    }
    if (const std::string* ce = find_header(http, "content-encoding")) {
      std::string enc = lower(trim(*ce));
      if (enc == "gzip" || enc == "x-gzip" || enc == "deflate") {
        std::string plain;
        std::string err = inflate_body(body, options_.max_record_bytes, plain);
        if (!err.empty()) {
          reject("cannot decode " + enc + " body: " + err);
          return;
        }
        body = std::move(plain);
      } else if (!enc.empty() && enc != "identity") {
        reject("unsupported Content-Encoding \"" + printable(enc) + "\"");
        return;
      }
    }
    if (trim(body).empty()) {
      reject("empty HTML body");
      return;
    }
    RawRecord r;
    r.source = source_;
    r.locator = "record " + std::to_string(n_);
    r.format = Format::kWarc;
    r.is_html = true;
    r.body = std::move(body);
    std::string lct = lower(*ctype);
    if (size_t c = lct.find("charset="); c != std::string::npos) {
      std::string_view cs = std::string_view(lct).substr(c + 8);
      cs = cs.substr(0, cs.find_first_of("; "));
      while (!cs.empty() && (cs.front() == '"' || cs.front() == '\'')) cs.remove_prefix(1);
      while (!cs.empty() && (cs.back() == '"' || cs.back() == '\'')) cs.remove_suffix(1);
      r.declared_charset = std::string(cs);
    }
    if (const std::string* uri = find_header(warc, "warc-target-uri")) {
      std::string_view u = trim(*uri);
      if (u.starts_with("<") && u.ends_with(">")) u = u.substr(1, u.size() - 2);
      r.url = std::string(u);
    }
    if (const std::string* date = find_header(warc, "warc-date")) r.published = *date;
    sink_.record(std::move(r));
  }

  Buffered buf_;
  const std::string& source_;
  const ReaderOptions& options_;
  RecordSink& sink_;
  uint64_t n_ = 0;  // number of the current record, 1-based
};

}  // namespace

void read_warc(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink) {
  WarcReader(in, source, options, sink).run();
}

}  // namespace ng
