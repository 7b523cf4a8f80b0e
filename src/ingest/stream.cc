#include "ingest/stream.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ng {
namespace {

class FileStream : public InputStream {
 public:
  FileStream(std::string name, FILE* f, bool owned) : InputStream(std::move(name)), f_(f), owned_(owned) {}
  ~FileStream() override {
    if (owned_ && f_) std::fclose(f_);
  }
  Result<size_t> read(char* buf, size_t n) override {
    size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_)) {
      return Status::io_error(name() + ": read failed: " + std::strerror(errno));
    }
    pos_ += got;
    return got;
  }
  uint64_t position() const override { return pos_; }

 private:
  FILE* f_;
  bool owned_;
  uint64_t pos_ = 0;
};

// Decompresses gzip (all members, as .warc.gz writes one member per record)
// from an underlying stream. A stream that ends inside a member is an error.
class GzipStream : public InputStream {
 public:
  GzipStream(std::unique_ptr<InputStream> raw, std::string prefix)
      : InputStream(raw->name()), raw_(std::move(raw)), in_(std::move(prefix)) {
    std::memset(&z_, 0, sizeof z_);
    ok_ = inflateInit2(&z_, 15 + 32) == Z_OK;  // 32: detect gzip/zlib header
  }
  ~GzipStream() override { inflateEnd(&z_); }

  Result<size_t> read(char* buf, size_t n) override {
    if (!ok_) return Status::internal(name() + ": zlib initialisation failed");
    if (pending_error_) {
      pending_error_ = false;
      return truncated();
    }
    if (done_ || n == 0) return size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(n > (1u << 30) ? (1u << 30) : n);
    while (z_.avail_out > 0) {
      if (in_pos_ >= in_.size()) {
        in_.resize(1 << 16);
        auto got = raw_->read(in_.data(), in_.size());
        if (!got) return got.status();
        in_.resize(*got);
        in_pos_ = 0;
        if (*got == 0) {
          if (in_member_) {
            done_ = true;
            size_t produced = n - z_.avail_out;
            if (produced > 0) {
              pending_error_ = true;
              return produced;
            }
            return truncated();
          }
          done_ = true;
          break;
        }
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
      z_.avail_in = static_cast<uInt>(in_.size() - in_pos_);
      size_t before = z_.avail_in;
      in_member_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      in_pos_ += before - z_.avail_in;
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&z_);
        // Trailing zero padding after the last member is tolerated.
        continue;
      }
      if (rc == Z_BUF_ERROR) continue;  // needs more input
      if (rc != Z_OK) {
        done_ = true;
        return Status::invalid(name() + ": corrupt gzip data at compressed byte " +
                               std::to_string(raw_->position()) + " (" + (z_.msg ? z_.msg : "zlib error") + ")");
      }
    }
    return n - z_.avail_out;
  }
  uint64_t position() const override { return raw_->position(); }

 private:
  Status truncated() {
    return Status::invalid(name() + ": truncated gzip stream (ends inside a compressed member after " +
                           std::to_string(raw_->position()) + " bytes)");
  }
  std::unique_ptr<InputStream> raw_;
  std::string in_;
  size_t in_pos_ = 0;
  z_stream z_;
  bool ok_ = false;
  bool done_ = false;
  bool in_member_ = false;
  bool pending_error_ = false;
};

// Replays bytes already read (for magic sniffing) before the rest of a stream.
class PrefixedStream : public InputStream {
 public:
  PrefixedStream(std::unique_ptr<InputStream> raw, std::string prefix)
      : InputStream(raw->name()), raw_(std::move(raw)), prefix_(std::move(prefix)) {}
  Result<size_t> read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return raw_->read(buf, n);
  }
  uint64_t position() const override { return raw_->position(); }

 private:
  std::unique_ptr<InputStream> raw_;
  std::string prefix_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::unique_ptr<InputStream>> open_input(const std::string& path) {
  std::unique_ptr<InputStream> raw;
  if (path == "-") {
    raw = std::make_unique<FileStream>("-", stdin, false);
  } else {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return Status::io_error(path + ": cannot open: " + std::strerror(errno));
    raw = std::make_unique<FileStream>(path, f, true);
  }
  // Sniff the gzip magic without seeking (stdin cannot seek).
  std::string head(2, '\0');
  size_t have = 0;
  while (have < 2) {
    auto got = raw->read(head.data() + have, 2 - have);
    if (!got) return got.status();
    if (*got == 0) break;
    have += *got;
  }
  head.resize(have);
  if (have == 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b) {
    return std::unique_ptr<InputStream>(std::make_unique<GzipStream>(std::move(raw), head));
  }
  return std::unique_ptr<InputStream>(std::make_unique<PrefixedStream>(std::move(raw), head));
}

std::unique_ptr<InputStream> make_prefixed_stream(std::string prefix, std::unique_ptr<InputStream> rest) {
  return std::make_unique<PrefixedStream>(std::move(rest), std::move(prefix));
}

Result<std::string> read_all(InputStream& in, uint64_t max_bytes) {
  std::string out;
  char buf[1 << 16];
  while (true) {
    auto got = in.read(buf, sizeof buf);
    if (!got) return got.status();
    if (*got == 0) break;
    if (out.size() + *got > max_bytes) {
      return Status::too_large(in.name() + ": larger than the limit of " + std::to_string(max_bytes >> 20) +
                               " MiB for one article (raise it with --max-doc-mb)");
    }
    out.append(buf, *got);
  }
  return out;
}

LineReader::LineReader(InputStream& in, size_t max_line) : in_(in), max_line_(max_line) {}

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  size_t old = buf_.size();
  buf_.resize(old + (1 << 16));
  auto got = in_.read(buf_.data() + old, 1 << 16);
  if (!got) {
    buf_.resize(old);
    status_ = got.status();
    eof_ = true;
    return false;
  }
  buf_.resize(old + *got);
  if (*got == 0) eof_ = true;
  return *got > 0;
}

bool LineReader::next(std::string& line, bool& too_long) {
  too_long = false;
  line.clear();
  size_t scan = pos_;
  while (true) {
    size_t nl = buf_.find('\n', scan);
    if (nl != std::string::npos) {
      ++line_no_;
      if (too_long) {
        pos_ = nl + 1;
        return true;
      }
      line.assign(buf_, pos_, nl - pos_);
      pos_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (buf_.size() - pos_ > max_line_) {
      // Drop what we have of the over-long line and keep scanning for its end.
      too_long = true;
      buf_.clear();
      pos_ = 0;
    }
    scan = buf_.size();
    size_t rel = scan - pos_;
    if (!fill()) {
      if (buf_.size() > pos_ || too_long) {
        ++line_no_;
        if (!too_long) line.assign(buf_, pos_, std::string::npos);
        pos_ = buf_.size();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
      return false;
    }
    scan = pos_ + rel;
  }
}

}  // namespace ng
