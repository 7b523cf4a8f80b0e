// Test helper: a path for a SQLite store that no earlier run left behind.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace ng {

// `name` in the directory `dir` under the test's temp dir (created; empty
// `dir`: the temp dir itself), with the database and its -wal and -shm files
// of an earlier run removed.
inline std::filesystem::path fresh_db(const std::string& dir, const std::string& name) {
  std::filesystem::path d = std::filesystem::path(testing::TempDir()) / dir;
  std::filesystem::create_directories(d);
  std::filesystem::path p = d / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
  return p;
}

}  // namespace ng
