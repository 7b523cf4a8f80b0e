// Fuzz target: the WARC reader on arbitrary bytes.
#include "reader_fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return ng::fuzz::run_reader(data, size, "warc", ng::read_warc);
}
