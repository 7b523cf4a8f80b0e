// Fuzz target: the JSONL reader on arbitrary bytes (via a temporary file,
// since readers take streams).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  char path[] = "/tmp/ng_jsonl_fuzz_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return 0;
  if (write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    unlink(path);
    return 0;
  }
  close(fd);
  auto in = ng::open_input(path);
  if (in) {
    ng::RecordSink sink;
    size_t n = 0;
    sink.record = [&](ng::RawRecord&& r) { n += r.body.size(); };
    sink.reject = [&](ng::Reject&&) {};
    ng::ReaderOptions o;
    o.max_record_bytes = 1 << 16;
    ng::read_jsonl(**in, path, o, sink);
  }
  unlink(path);
  return 0;
}
