// Cleaning: removes page furniture from article text (a document stage).
//
// Works line by line on decoded text (plain text, or the main text extracted
// from HTML). What it removes is driven by data/furniture/<lang>.tsv (every
// language's file applies to every document: furniture is recognised before
// the language is known, and sites mix languages in their chrome), plus one
// rule that needs no lexicon: a photo caption repeated on one of the next
// lines (with or without a credit appended) is kept once.
//
// Nothing is lost silently: every removed line or part of a line is returned
// as a Removal with its byte span in the input and the reason. Source lines
// ("Quelle: URL") become the document URL; agency sign-offs ("VNA",
// "(TTXVN/Vietnam+)") become its agency.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace ng {

struct CleanOptions {
  std::string data_dir;  // holds furniture/<lang>.tsv
  // Lines longer than this (bytes) are never whole-line furniture.
  size_t max_furniture_line = 240;
  // How many preceding lines a repeated caption is compared with.
  int caption_window = 3;
};

struct CleanResult {
  std::string text;              // the input without furniture; lines joined by '\n', trailing space trimmed
  std::vector<Removal> removed;  // spans are offsets in the input
  std::string url;               // from a source line, empty if none
  std::string agency;            // from sign-offs/credits turned metadata, "; "-joined, empty if none
  std::string title;             // the first line when it reads as a headline (see guess_title)
};

class Cleaner {
 public:
  // Loads data/furniture/*.tsv. Errors name the file and line (bad kind, bad
  // regex).
  static Result<std::unique_ptr<Cleaner>> create(const CleanOptions& options);
  ~Cleaner();

  // Thread-safe. `want_title`: also guess a headline (plain-text inputs).
  CleanResult clean(std::string_view text, bool want_title) const;

 private:
  Cleaner();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The headline among the first lines of `text`, or empty: a line of 3 to 30
// words and at most 200 bytes that does not end like a sentence ('.', ':',
// ';', ','), is not only a date, and is followed by more text.
std::string guess_title(std::string_view text);

}  // namespace ng
