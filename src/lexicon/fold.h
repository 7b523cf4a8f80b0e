// Unicode case folding for matching lexicon entries (ICU full case folding;
// pure ASCII text takes a fast path with the same result).
#pragma once

#include <string>
#include <string_view>

namespace ng {

// `utf8` case-folded ("Außenminister" -> "aussenminister", "ДОМ" -> "дом").
std::string fold_case(std::string_view utf8);

}  // namespace ng
