#include "lexicon/tsv.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ng {
namespace {

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

}  // namespace

Result<TsvFile> load_tsv(const std::string& path, int min_fields, int max_fields) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::not_found(path + ": cannot open resource file");
  TsvFile file;
  file.path = path;
  file.lang = std::filesystem::path(path).stem().string();
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    TsvRow row;
    row.line = n;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      row.fields.push_back(trim(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start)));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    int count = static_cast<int>(row.fields.size());
    if (count < min_fields || count > max_fields) {
      return Status::invalid(path + ":" + std::to_string(n) + ": expected " + std::to_string(min_fields) +
                             (min_fields == max_fields ? "" : " to " + std::to_string(max_fields)) +
                             " tab-separated fields, found " + std::to_string(count));
    }
    if (row.fields[0].empty()) {
      return Status::invalid(path + ":" + std::to_string(n) + ": first field is empty");
    }
    file.rows.push_back(std::move(row));
  }
  return file;
}

Result<std::vector<TsvFile>> load_resource(const std::string& data_dir, const std::string& resource,
                                           int min_fields, int max_fields) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(data_dir) / resource;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::not_found(dir.string() + ": resource directory missing (set --data or NEWSGRAPH_DATA)");
  }
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".tsv") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<TsvFile> files;
  for (const auto& p : paths) {
    auto f = load_tsv(p, min_fields, max_fields);
    if (!f) return f.status();
    files.push_back(std::move(f.value()));
  }
  return files;
}

std::string default_data_dir() {
  if (const char* env = std::getenv("NEWSGRAPH_DATA"); env && *env) return env;
  namespace fs = std::filesystem;
  std::error_code ec;
#ifdef NEWSGRAPH_INSTALLED_DATA_DIR
  if (fs::is_directory(NEWSGRAPH_INSTALLED_DATA_DIR, ec)) return NEWSGRAPH_INSTALLED_DATA_DIR;
#endif
#ifdef NEWSGRAPH_SOURCE_DATA_DIR
  if (fs::is_directory(NEWSGRAPH_SOURCE_DATA_DIR, ec)) return NEWSGRAPH_SOURCE_DATA_DIR;
#endif
  return "data";
}

}  // namespace ng
