// CAMEO event coding scores against coded sentences (the measuring side of
// the events issue; `newsgraph eval events` runs the event stage and feeds
// it).
//
// Gold: PETRARCH-style validation records, an XML file of <Sentence id=...>
// elements, each with zero or more <EventCoding sourcecode= targetcode=
// eventcode=> (or noevents="True", or error=...) and a <Text>. Records with
// an error coding are left out. Actors there are named by a TABARI-style
// actor dictionary (NAME [CODE], +SYNONYM lines, '_' for a space, a trailing
// '_' for an exact word, else the last word matches as a prefix), read at
// evaluation time only.
//
// Scores, per sentence and summed: the distinct gold event codes against
// the distinct system codes, at the CAMEO root (first two digits) and in
// full; per root code; and, for system codes whose root matches a gold
// coding of the sentence and where the system names a side, whether its
// source and target country (first three letters of the code) agree.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace ng::eval {

struct Coding {
  std::string source, target, event;  // actor codes ("ARNGOV"), CAMEO code ("042")
};

struct CodedSentence {
  std::string id, text;
  std::vector<Coding> gold;  // empty: no event in the sentence
};

// Reads the records; a record with an error coding or without <Text> is
// skipped. Errors: the file cannot be read, or holds no <Sentence>.
Result<std::vector<CodedSentence>> read_coded_sentences(const std::string& path);

// One actor found in a text: byte span and the dictionary's code.
struct ActorSpan {
  size_t begin = 0, end = 0;
  std::string code;
};

class ActorDictionary {
 public:
  // Errors: the file cannot be read or names no actor.
  static Result<ActorDictionary> read(const std::string& path);
  // Longest matches, left to right, on word boundaries, case-insensitive (ASCII).
  std::vector<ActorSpan> find(const std::string& text) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::vector<std::string> words;  // upper case
    bool exact = false;              // the last word must match whole
    std::string code;
  };
  std::vector<Entry> entries_;
};

struct CodeCounts {
  long gold = 0, system = 0, correct = 0;
  double precision() const { return system ? double(correct) / system : 0; }
  double recall() const { return gold ? double(correct) / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct EventScores {
  long sentences = 0, with_event = 0;
  CodeCounts root, full;
  std::map<std::string, CodeCounts> per_root;  // "04" -> counts at the root level
  long sides = 0, source_agree = 0, target_agree = 0;  // frames with a matched root that name a side
  long with_source = 0, with_target = 0;
};

// Adds one sentence: `system` are the codings the event stage produced.
void score_sentence(const CodedSentence& gold, const std::vector<Coding>& system, EventScores& out);

}  // namespace ng::eval
