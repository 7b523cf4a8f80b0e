// WARC reader: every HTML response record of a crawl is an article.
//
// Streamed: records are read one at a time through a small buffer; a block
// is held in memory only up to ReaderOptions::max_record_bytes (larger ones
// are streamed past), so multi-gigabyte crawls run in bounded memory. A
// damaged record (no version line, no or a lying Content-Length) is rejected
// and reading resumes at the next "WARC/1." line.
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

// Parses "Name: value" into `out`; a line starting with a space or tab
// continues the previous value (folded header).
bool parse_header_or_fold(std::string_view line, std::vector<Header>& out) {
  if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !out.empty()) {
    out.back().value += ' ';
    out.back().value += trim(line);
    return true;
  }
  return parse_header_line(line, out);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes a chunked HTTP body; false if it is malformed or exceeds `limit`.
// A body cut inside a chunk (a crawler's size limit, WARC-Truncated) keeps
// what it has.
bool dechunk(std::string_view in, uint64_t limit, std::string& out) {
  out.clear();
  size_t i = 0;
  for (;;) {
    size_t eol = in.find('\n', i);
    if (eol == std::string_view::npos) return trim(in.substr(i)).empty() && !out.empty();
    std::string_view size_line = trim(in.substr(i, eol - i));
    size_line = trim(size_line.substr(0, size_line.find(';')));  // chunk extensions
    if (size_line.empty() || size_line.size() > 15) return false;
    uint64_t n = 0;
    for (char c : size_line) {
      int d = hex_digit(c);
      if (d < 0) return false;
      n = n * 16 + static_cast<uint64_t>(d);
    }
    i = eol + 1;
    if (n == 0) return true;  // trailers ignored
    uint64_t take = std::min<uint64_t>(n, in.size() - i);
    if (out.size() + take > limit) return false;
    out.append(in.substr(i, static_cast<size_t>(take)));
    i += static_cast<size_t>(take);
    if (take < n) return true;
    if (i < in.size() && in[i] == '\r') ++i;
    if (i < in.size() && in[i] == '\n') ++i;
  }
}

// Inflates a gzip or zlib body (and, for "deflate", a raw deflate one, which
// some servers send). Returns an error message, empty on success.
std::string inflate_body(std::string_view in, bool deflate, uint64_t limit, std::string& out) {
  std::string first_error;
  for (int window : {15 + 32, -15}) {  // gzip/zlib header auto-detected, then raw deflate
    if (window == -15 && !deflate) break;
    out.clear();
    z_stream z{};
    if (inflateInit2(&z, window) != Z_OK) return "zlib initialisation failed";
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());  // blocks are at most max_record_bytes
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
    }
    std::string msg = rc == Z_BUF_ERROR ? "unexpected end of compressed data"
                      : z.msg           ? z.msg
                                        : "corrupt data";
    inflateEnd(&z);
    if (too_large) return "decompressed body exceeds the --max-doc-mb limit";
    if (rc == Z_STREAM_END) return {};
    if (first_error.empty()) first_error = msg;
  }
  return first_error;
}

// The HTTP response head at the start of a response record's block.
struct HttpHead {
  int status = 0;
  std::vector<Header> headers;
  size_t body = 0;  // offset of the payload in the block
};

// False if the block does not start with an HTTP status line.
bool parse_http_head(std::string_view block, HttpHead& head) {
  size_t i = 0;
  auto next_line = [&](std::string_view& l) {
    if (i >= block.size()) return false;
    size_t nl = block.find('\n', i);
    if (nl == std::string_view::npos) nl = block.size();
    l = block.substr(i, nl - i);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    i = nl + 1;
    return true;
  };
  std::string_view status;
  if (!next_line(status) || !status.starts_with("HTTP/")) return false;
  // "HTTP/1.1 200 OK", "HTTP/2 200"
  size_t sp = status.find(' ');
  if (sp == std::string_view::npos) return false;
  std::string_view code = trim(status.substr(sp + 1)).substr(0, 3);
  if (code.size() != 3 ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  head.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  std::string_view l;
  while (next_line(l) && !l.empty()) parse_header_or_fold(l, head.headers);  // junk header lines are ignored
  head.body = std::min(i, block.size());
  return true;
}

// A 2xx response whose payload is HTML: the only records that are articles.
bool is_html_article(const HttpHead& head) {
  if (head.status < 200 || head.status > 299) return false;
  const std::string* ctype = find_header(head.headers, "content-type");
  return ctype && lower(*ctype).find("html") != std::string::npos;
}

class WarcReader {
 public:
  WarcReader(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink)
      : buf_(in), source_(source), options_(options), sink_(sink) {}

  void run() {
    std::string line;
    bool have_line = false;  // `line` already holds the next version line (after a resync)
    for (;;) {
      if (!have_line) {
        // Records are separated by blank lines; tolerate extra ones.
        do {
          if (!buf_.line(line)) return stream_end(n_ + 1);
        } while (trim(line).empty());
      }
      have_line = false;
      ++n_;
      if (!buf_.error().is_ok()) return stream_end(n_);
      if (!line.starts_with("WARC/")) {
        reject("not a WARC record: expected a \"WARC/1.x\" version line, found \"" +
               printable(line.substr(0, 40)) + "\"");
        if (!resync(line)) return stream_end(n_);
        have_line = true;
        continue;
      }
      std::vector<Header> headers;
      size_t header_bytes = 0;
      bool bad_header = false, ended = false;
      for (;;) {
        if (!buf_.line(line)) {
          ended = true;
          break;
        }
        if (line.empty()) break;
        header_bytes += line.size() + 1;
        if (header_bytes > kMaxHeaderBytes || line.size() >= kMaxLine ||
            !parse_header_or_fold(line, headers)) {
          bad_header = true;
          break;
        }
      }
      if (!buf_.error().is_ok()) return stream_end(n_);
      if (ended) {
        reject("truncated (file ends inside the record)");
        return;
      }
      if (bad_header) {
        reject(header_bytes > kMaxHeaderBytes || line.size() >= kMaxLine
                   ? "record header larger than 64 KiB"
                   : "malformed header line \"" + printable(line.substr(0, 60)) + "\"");
        if (!resync(line)) return stream_end(n_);
        have_line = true;
        continue;
      }
      uint64_t length = 0;
      const std::string* cl = find_header(headers, "content-length");
      if (!cl || !parse_u64(*cl, length)) {
        reject(cl ? "Content-Length \"" + printable(cl->substr(0, 40)) + "\" is not a number"
                  : "no Content-Length header");
        if (!resync(line)) return stream_end(n_);
        have_line = true;
        continue;
      }
      // Blocks up to the article limit are read whole (also those of records
      // that are skipped: if their Content-Length lies, the next record may
      // start inside them). Larger ones: only the start, for the HTTP head.
      bool whole = length <= options_.max_record_bytes;
      std::string block;
      uint64_t first = whole ? length : std::min<uint64_t>(length, kMaxHeaderBytes);
      bool complete = buf_.read(static_cast<size_t>(first), block);
      if (complete && !whole) complete = buf_.skip(length - first);
      if (!buf_.error().is_ok()) return stream_end(n_);
      if (!complete) {
        reject("truncated (file ends inside the record)");
        size_t k = whole ? find_record_start(block) : std::string::npos;
        if (k == std::string::npos) return;
        buf_.unread(std::string_view(block).substr(k));  // a lying Content-Length swallowed the next record
        continue;
      }
      // The block is followed by CRLF CRLF. Anything else means the
      // Content-Length lied: the record is not trusted, and the next record
      // may start inside what was taken as its block.
      if (!separator_follows()) {
        if (!buf_.error().is_ok()) return stream_end(n_);
        reject("Content-Length " + std::to_string(length) +
               " does not match the record (its block is not followed by CRLF CRLF)");
        if (size_t k = whole ? find_record_start(block) : std::string::npos; k != std::string::npos) {
          buf_.unread(std::string_view(block).substr(k));
        }
        if (!resync(line)) return stream_end(n_);
        have_line = true;
        continue;
      }
      const std::string* type = find_header(headers, "warc-type");
      if (!type || lower(trim(*type)) != "response") continue;  // warcinfo, request, metadata, revisit...
      if (const std::string* ct = find_header(headers, "content-type");
          ct && lower(*ct).find("application/http") == std::string::npos) {
        continue;  // dns: and other non-HTTP responses
      }
      HttpHead head;
      if (!parse_http_head(block, head)) {
        reject("response record without an HTTP status line");
        continue;
      }
      if (!is_html_article(head)) continue;  // redirects, errors, images, PDFs: not articles
      if (!whole) {
        reject("body of " + std::to_string(length) + " bytes exceeds the --max-doc-mb limit (" +
               std::to_string(options_.max_record_bytes >> 20) + " MiB)");
        continue;
      }
      response(headers, head, block);
    }
  }

 private:
  // End of input: a stream error (truncated gzip...) is reported, then reading stops.
  void stream_end(uint64_t n) {
    if (!buf_.error().is_ok()) {
      sink_.reject(Reject{source_, "record " + std::to_string(n), buf_.error().message()});
    }
  }

  void reject(std::string reason) {
    sink_.reject(Reject{source_, "record " + std::to_string(n_), std::move(reason)});
  }

  static std::string printable(std::string_view s) {
    std::string out;
    for (char c : s) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return out;
  }

  // Consumes the "\r\n\r\n" after a block ("\n\n" is tolerated, and so is
  // the end of the file after at most one line end). False, consuming
  // nothing, if something else follows.
  bool separator_follows() {
    buf_.fill(4);
    std::string_view v = buf_.peek();
    for (std::string_view sep : {"\r\n\r\n", "\n\n", "\r\n\n", "\n\r\n"}) {
      if (v.starts_with(sep)) return buf_.skip(sep.size());
    }
    if (v.empty() || v == "\r\n" || v == "\n") return buf_.skip(v.size());
    return false;
  }

  // Offset of a line starting with "WARC/1." inside a block, or npos.
  static size_t find_record_start(std::string_view block) {
    for (size_t p = block.find("WARC/1."); p != std::string_view::npos; p = block.find("WARC/1.", p + 1)) {
      if (p > 0 && block[p - 1] == '\n') return p;
    }
    return std::string::npos;
  }

  // Skips to the next line starting with "WARC/1." and leaves it in `line`.
  // Lines are read cut to kMaxLine, so memory stays bounded.
  bool resync(std::string& line) {
    while (buf_.line(line)) {
      if (line.starts_with("WARC/1.")) return true;
    }
    return false;
  }

  void response(const std::vector<Header>& warc, const HttpHead& head, const std::string& block) {
    std::string body = block.substr(head.body);
    if (const std::string* te = find_header(head.headers, "transfer-encoding");
        te && lower(*te).find("chunked") != std::string::npos) {
      std::string plain;
      if (!dechunk(body, options_.max_record_bytes, plain)) {
        reject("malformed chunked transfer encoding in the HTTP body");
        return;
      }
      body = std::move(plain);
    }
    if (const std::string* ce = find_header(head.headers, "content-encoding")) {
      std::string enc = lower(trim(*ce));
      bool gzip = enc == "gzip" || enc == "x-gzip";
      // Some crawlers store the decoded payload but keep the header: markup
      // where gzip data should start (0x1f 0x8b) is taken as it is.
      std::string_view t = trim(body);
      bool already_plain = gzip && !t.starts_with("\x1f\x8b") && t.starts_with("<");
      if ((gzip || enc == "deflate") && !already_plain) {
        std::string plain;
        std::string err = inflate_body(body, enc == "deflate", options_.max_record_bytes, plain);
        if (!err.empty()) {
          reject("cannot decode " + std::string(gzip ? "gzip" : "deflate") + " body: " + err);
          return;
        }
        body = std::move(plain);
      } else if (!gzip && !enc.empty() && enc != "identity") {
        reject("unsupported Content-Encoding \"" + printable(enc.substr(0, 40)) + "\"");
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
    std::string lct = lower(*find_header(head.headers, "content-type"));
    if (size_t c = lct.find("charset="); c != std::string::npos) {
      std::string_view cs = trim(std::string_view(lct).substr(c + 8));
      while (!cs.empty() && (cs.front() == '"' || cs.front() == '\'')) cs.remove_prefix(1);
      cs = cs.substr(0, cs.find_first_of("\"'; \t,"));
      r.declared_charset = std::string(cs);
    }
    if (const std::string* uri = find_header(warc, "warc-target-uri")) {
      std::string_view u = trim(*uri);
      if (u.size() >= 2 && u.starts_with("<") && u.ends_with(">")) u = u.substr(1, u.size() - 2);
      r.url = std::string(u);
    }
    if (const std::string* date = find_header(warc, "warc-date")) r.published = std::string(trim(*date));
    sink_.record(std::move(r));
  }

  Buffered buf_;
  const std::string& source_;
  const ReaderOptions& options_;
  RecordSink& sink_;
  uint64_t n_ = 0;  // number of the current record, 1-based, counting every record type
};

}  // namespace

void read_warc(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink) {
  WarcReader(in, source, options, sink).run();
}

}  // namespace ng
