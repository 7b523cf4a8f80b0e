// Fuzz target: the RSS/Atom reader on arbitrary bytes.
#include "reader_fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return ng::fuzz::run_reader(data, size, "feed", ng::read_feed);
}
