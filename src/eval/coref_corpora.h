// Readers for two public cross-document event coreference datasets, turned
// into news documents with gold event clusters and stories, for `newsgraph
// eval clusters` (B-cubed against the clusterer; eval/cluster_score.h).
//
// MEANTIME (NewsReader, CC BY 4.0), the CoNLL export `<lang>/meantime.conll`:
//   #begin document (corpus_airbus/100911); part 000
//   corpus_airbus/100911<TAB>SENTENCE<TAB>TOKEN NUMBER<TAB>TOKEN<TAB>coref...
//   #end document
// 120 Wikinews articles in four topic folders ("corpus_airbus"), the same
// articles translated into es, it and nl under the same document name.
// Sentence 0 is the headline, sentence 1 the date line ("March 01 , 2008",
// "01-Mar-08"). Gold: event = the document name (an article and its
// translations), story = the topic folder.
//
// ECB+ (Cybulska & Vossen 2014, CC BY 3.0), `ECB+/<topic>/<topic>_<n>ecb.xml`
// and `..._<n>ecbplus.xml`: `<token t_id="1" sentence="0" number="0">w</token>`
// elements inside `<Document doc_name=...>`. Each topic holds two seminal
// events: the ECB half and the ECB+ half. Sentence 0 of an ecbplus file is
// the page's URL (kept as the URL, not as text). No publication dates.
// Gold: event = topic + half ("1/ecb", "1/ecbplus"), story = topic.
//
// Texts are rebuilt from the tokens (detokenize), one sentence per line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ng::eval {

struct CorefDocument {
  std::string id;         // unique in the dataset: "en/corpus_airbus/100911", "1_1ecbplus"
  std::string lang;       // ISO 639-1, as the dataset states it
  std::string title;      // MEANTIME: the headline (also the text's first line); ECB+: empty
  std::string text;       // detokenized; one sentence per line (MEANTIME: a blank line after the headline)
  std::string url;        // ECB+ ecbplus files: sentence 0; else empty
  std::string published;  // "YYYY-MM-DD" (MEANTIME's date line), else empty
  std::string gold_event, gold_story;
  std::string source;   // the file it was read from
  std::string locator;  // where in it: "line 12" (MEANTIME), empty for a whole file
};

struct MeantimeOptions {
  // Languages to read (the folder names under output_data/); empty = all found.
  std::vector<std::string> langs;
};

// Reads `path`: the dataset folder (holding output_data/), output_data/
// itself (holding <lang>/meantime.conll), or one .conll file (its language is
// its folder's name). Every document of a language takes the date of the
// English date line of the same name when there is one, else its own date
// line's when it reads as a date with an English month name ("27-Apr-05").
// Errors name the file and line: a missing folder or file, an unreadable
// file, a token line with fewer than 4 fields, a token outside a document, a
// document named twice, no document at all, a language asked for and absent.
Result<std::vector<CorefDocument>> read_meantime(const std::string& path, const MeantimeOptions& options = {});

// Reads `path`: the dataset folder (holding ECB+/) or the ECB+ folder itself
// (topic folders of *ecb.xml and *ecbplus.xml files); lang is "en". Errors
// name the file: no topic folder, a file that is not a token file or has no
// tokens, an unreadable file. Other files are ignored.
Result<std::vector<CorefDocument>> read_ecbplus(const std::string& path);

// Joins tokens into text: no space before closing punctuation and clitics
// ("'s", "n't"), none after opening brackets, quotes and elided articles
// ("l'", "dell'"), hyphens and slashes between words and colons between
// digits joined on both sides, `` and '' as straight double quotes, $ stuck
// to the number after it.
std::string detokenize(const std::vector<std::string>& tokens);

// Parses a date line ("March 01 , 2008", "01-Mar-08", "Mar 1, 2008"): an
// English month name or its three-letter abbreviation, a day and a year
// (two-digit years are 20YY). Returns "YYYY-MM-DD", or "" when it does not
// read as one.
std::string parse_date_line(std::string_view line);

// The order of ingestion: by publication date (undated first), then id.
void sort_for_ingest(std::vector<CorefDocument>& docs);

}  // namespace ng::eval
