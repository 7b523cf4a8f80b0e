// Stable, platform-independent hashing for document ids and dedup keys.
// Never change the function: stored ids depend on it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ng {

// 64-bit FNV-1a over the bytes.
uint64_t stable_hash64(std::string_view bytes);

// 16 lowercase hex digits.
std::string hex64(uint64_t v);

}  // namespace ng
