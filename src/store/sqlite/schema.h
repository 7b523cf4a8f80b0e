// The SQLite schema as numbered migrations. Migration N brings a database
// from PRAGMA user_version N-1 to N, inside one transaction. Never edit a
// migration that has shipped: add the next one. docs/schema.md describes the
// tables for people who query the file directly.
#pragma once

#include <span>
#include <string_view>

namespace ng::sqlite {

// migrations()[i] is the SQL of migration i+1.
std::span<const std::string_view> migrations();

}  // namespace ng::sqlite
