// Temporal expressions and each document's event date (a document stage:
// const, thread-safe).
//
// Names: month and weekday names of ~40 languages come from ICU/CLDR
// (icu::DateFormatSymbols: wide and abbreviated, format and standalone
// contexts, so genitive forms like "декабря" are there), case-folded,
// abbreviations with and without their dot. The day/month order of numeric
// dates is the locale's short date pattern. Relative words ("gestern", "hôm
// qua"), modifiers ("last", "vergangenen"), glue words ("de", "năm"),
// anniversary words, future markers and page-stamp words are the team-written
// lexicon data/time/<lang>.tsv (format in data/time/README.md). Matching is a
// hash lookup of 1..4 token phrases over one tokenisation pass: no regex.
//
// Anchoring: a date without a year, a weekday or "yesterday" is resolved on
// the publication date; without one, on evidence from the document (in this
// order: an anniversary "70th anniversary ... 1950" -> 2020, a date in the URL,
// a page date line, the first full date of the text, a year-month tag, the
// most frequent year), else on Options::reference_date, else it stays
// partial ("XXXX-12-09", anchor "none").
//
// Event date: day-precision expressions score by position (earlier
// sentences weigh more), equal dates add up; page stamps ("Updated ...") and
// background dates (more than 45 days before the document's reference date)
// weigh little. Without a dated sentence: the publication date.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace ng {

struct TimeOptions {
  std::string data_dir;  // empty: default_data_dir()
  // "YYYY-MM-DD": when the documents were collected, the last resort for a
  // year nothing in a document gives (empty: such years stay "XXXX").
  std::string reference_date;
  // History narratives (WikiWars): a yearless date takes the year last
  // written before it, not the publication year. News: false.
  bool narrative = false;
};

struct TimeAnnotation {
  std::vector<TimeExpr> times;  // in text order
  std::string event_date;       // YYYY-MM-DD or empty
  std::string event_date_how;
};

class TimeExtractor {
 public:
  static Result<std::unique_ptr<TimeExtractor>> create(const TimeOptions& options = {});
  ~TimeExtractor();

  // Uses the document's text, lang, published, url and sentences.
  TimeAnnotation annotate(const Document& doc) const;

  // Same, for a text alone (sentences are the text's lines).
  TimeAnnotation annotate(const std::string& text, const std::string& lang, const std::string& published,
                          const std::string& url) const;

 private:
  TimeExtractor();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
