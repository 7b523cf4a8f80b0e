// Readable TSV resources under data/: data/<resource>/<lang>.tsv.
//
// Format: UTF-8, one entry per line, fields separated by TAB. Lines that are
// empty or start with '#' are comments. Errors name the file and line.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace ng {

struct TsvRow {
  int line = 0;                     // 1-based line number in the file
  std::vector<std::string> fields;  // trimmed of surrounding spaces
};

struct TsvFile {
  std::string path;
  std::string lang;  // file stem: "de" for data/furniture/de.tsv
  std::vector<TsvRow> rows;
};

// Reads one file. Every row must have between min_fields and max_fields
// fields; otherwise "data/x/de.tsv:12: expected 2 to 3 fields, found 1".
Result<TsvFile> load_tsv(const std::string& path, int min_fields, int max_fields);

// Reads every <lang>.tsv in data_dir/resource, sorted by language.
// A missing directory is an error naming it.
Result<std::vector<TsvFile>> load_resource(const std::string& data_dir, const std::string& resource,
                                           int min_fields, int max_fields);

// The data directory: $NEWSGRAPH_DATA if set, else the installed or source
// tree data/ directory compiled in, else "./data".
std::string default_data_dir();

}  // namespace ng
