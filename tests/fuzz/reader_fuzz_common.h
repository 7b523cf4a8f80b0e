// Runs one reader on arbitrary bytes through a temporary file (readers take
// streams; the file also exercises gzip sniffing) and checks what every
// reader promises: records carry a locator and a body, nothing crashes.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/reader.h"

namespace ng::fuzz {

template <typename Reader>
int run_reader(const uint8_t* data, size_t size, const char* name, Reader reader) {
  std::string tmpl = std::string("/tmp/ng_") + name + "_fuzz_XXXXXX";
  int fd = mkstemp(tmpl.data());
  if (fd < 0) return 0;
  bool ok = write(fd, data, size) == static_cast<ssize_t>(size);
  close(fd);
  if (ok) {
    auto in = open_input(tmpl);
    if (in) {
      RecordSink sink;
      sink.record = [](RawRecord&& r) {
        if (r.body.empty() || r.locator.empty()) std::abort();
      };
      sink.reject = [](Reject&& r) {
        if (r.reason.empty()) std::abort();
      };
      ReaderOptions o;
      o.max_record_bytes = 1 << 16;
      o.max_feed_bytes = 1 << 20;
      reader(**in, tmpl, o, sink);
    }
  }
  unlink(tmpl.c_str());
  return 0;
}

}  // namespace ng::fuzz
