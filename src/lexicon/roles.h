// Titles and functions ("Generalsekretär", "Tổng Bí thư", "министр обороны")
// found in text and normalised to one role key across languages, from
// data/roles/<lang>.tsv (format in its README). Built once; find() is const
// and thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace ng {

struct RoleMatch {
  Span span;         // byte offsets of the title in the text
  std::string role;  // "minister_defence"
};

struct RoleOptions {
  std::string data_dir;  // empty: default_data_dir()
  // The resource read: "roles" (titles), or another phrase list of the same
  // format ("orgwords": words that make a name an organisation's).
  std::string resource = "roles";
};

class RoleLexicon {
 public:
  // Errors: a missing data/roles directory, a malformed line (file and line).
  static Result<std::unique_ptr<RoleLexicon>> create(const RoleOptions& options = {});
  ~RoleLexicon();

  // Titles of language `lang` in `text`, left to right, longest first at
  // each place, not overlapping; whole words only, case-insensitive. A
  // language without a file finds nothing.
  std::vector<RoleMatch> find(std::string_view text, std::string_view lang) const;

  // Number of phrases loaded for `lang`.
  size_t size(std::string_view lang) const;

 private:
  RoleLexicon();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
