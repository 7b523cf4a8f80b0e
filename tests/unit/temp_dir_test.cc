// Every unit test process writes its temporary files under a directory of
// its own (TEST_TMPDIR and TMPDIR, read by testing::TempDir() and
// std::filesystem::temp_directory_path()): ctest runs tests in parallel, and
// two checkouts may test at once on one machine, so a fixed name under /tmp
// would be shared. Removed when the process ends.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;

struct OwnTempDir {
  std::string dir;
  OwnTempDir() {
    const char* base = std::getenv("TMPDIR");
    fs::path p = fs::path(base && *base ? base : "/tmp") / ("ng-unit-" + std::to_string(getpid()));
    std::error_code ec;
    fs::create_directories(p, ec);
    if (ec) return;  // keep the defaults
    dir = p.string() + "/";
    setenv("TEST_TMPDIR", dir.c_str(), 1);
    setenv("TMPDIR", dir.c_str(), 1);
  }
  ~OwnTempDir() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
};

const OwnTempDir own_temp_dir;

TEST(TempDir, IsThisProcessOwn) {
  ASSERT_FALSE(own_temp_dir.dir.empty());
  EXPECT_EQ(testing::TempDir(), own_temp_dir.dir);
  EXPECT_NE(testing::TempDir().find("ng-unit-" + std::to_string(getpid())), std::string::npos);
}

}  // namespace
