// Byte streams over files, gzip files and stdin, read in chunks so that
// inputs larger than memory are never loaded whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"

namespace ng {

class InputStream {
 public:
  virtual ~InputStream() = default;
  // Reads up to `n` bytes into `buf`. Returns the number read; 0 means end of
  // stream. A truncated or corrupt gzip stream, or a read error, is an error
  // Status naming the source; bytes returned before it stay valid.
  virtual Result<size_t> read(char* buf, size_t n) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes for gzip).
  virtual uint64_t position() const = 0;
  const std::string& name() const { return name_; }

 protected:
  explicit InputStream(std::string name) : name_(std::move(name)) {}

 private:
  std::string name_;
};

// Opens `path` ("-" is stdin). Gzip is recognised by its magic bytes, not by
// the file name, and decompressed transparently (multi-member streams too).
Result<std::unique_ptr<InputStream>> open_input(const std::string& path);

// A stream that yields `prefix` and then the rest of `rest` (used after
// peeking at the first bytes to sniff a format).
std::unique_ptr<InputStream> make_prefixed_stream(std::string prefix, std::unique_ptr<InputStream> rest);

// Reads a whole stream, refusing more than `max_bytes` (the Status says the
// limit and the option that raises it).
Result<std::string> read_all(InputStream& in, uint64_t max_bytes);

// Splits a stream into lines ('\n', a trailing '\r' removed). A line longer
// than `max_line` is skipped to its end and reported as too large, so one
// huge line never exhausts memory.
class LineReader {
 public:
  LineReader(InputStream& in, size_t max_line);
  // Returns true and sets `line` when a line was read; false at the end of the
  // stream or on a stream error (see status()). `too_long` is set when the
  // line exceeded max_line (then `line` is empty).
  bool next(std::string& line, bool& too_long);
  uint64_t line_number() const { return line_no_; }
  // Error that ended the stream early (truncated gzip...), ok otherwise.
  const Status& status() const { return status_; }

 private:
  bool fill();
  InputStream& in_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  uint64_t line_no_ = 0;
  Status status_;
};

}  // namespace ng
