// Test helper: runs a reader on bytes written to a temporary file, collecting
// its records and rejects.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/reader.h"

namespace ng::testing_util {

struct ReadOut {
  std::vector<RawRecord> records;
  std::vector<Reject> rejects;
};

using ReaderFn = void (*)(InputStream&, const std::string&, const ReaderOptions&, RecordSink&);

inline ReadOut read_bytes(ReaderFn reader, const std::string& bytes, const std::string& source,
                          const ReaderOptions& options = {}) {
  // CTest runs tests as parallel processes: one file per test and process.
  std::filesystem::path p =
      std::filesystem::path(::testing::TempDir()) /
      ("ng_read_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
       std::to_string(getpid()));
  std::ofstream(p, std::ios::binary) << bytes;
  ReadOut out;
  RecordSink sink;
  sink.record = [&](RawRecord&& r) { out.records.push_back(std::move(r)); };
  sink.reject = [&](Reject&& r) { out.rejects.push_back(std::move(r)); };
  auto in = open_input(p.string());
  EXPECT_TRUE(in.is_ok()) << in.status().message();
  if (in) reader(**in, source, options, sink);
  std::filesystem::remove(p);
  return out;
}

}  // namespace ng::testing_util
