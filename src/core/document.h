// The data model of the foundation: what a reader produces (RawRecord), what
// the document stages build (Document), and what a rejected input leaves
// behind (Reject).
//
// Offsets: every Span is a half-open byte range [begin, end) into
// Document::text, the decoded, NFC-normalised, cleaned article text that is
// stored. Removed furniture keeps its offset in Document::extracted (the text
// before cleaning), so nothing is lost silently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <utility>

namespace ng {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  std::string_view of(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(const Span&, const Span&) = default;
};

// Which reader produced a record.
enum class Format { kText, kHtml, kJsonl, kFeed, kWarc };
std::string_view format_name(Format f);

// One article as a reader found it, before any document stage ran.
struct RawRecord {
  std::string source;    // file path (or "-" for stdin) the record came from
  std::string locator;   // where inside the source: "line 12", "item 3", "record 7"; empty for whole files
  Format format = Format::kText;
  bool is_html = false;  // `body` is HTML markup to extract from
  std::string body;      // raw bytes of the article (any charset, or HTML)
  std::string declared_charset;  // from the transport/markup, empty if none

  // Metadata given by the source; empty when absent.
  std::string id;         // external id (JSONL "id"): kept as the document id
  std::string url;        // canonical or target URL
  std::string title;
  std::string published;  // as given (ISO 8601 when the source says so)
  std::string lang;       // language given by the input (JSONL "lang")

  // "path", or "path:line 12"/"path:item 3": names the input in messages.
  std::string where() const;
};

// A piece of text that was not article text, kept with the reason it went.
struct Removal {
  Span span;            // in Document::extracted
  std::string text;     // what was removed
  std::string reason;   // "comment counter", "photo credit", "repeated caption", "source line", ...
};

struct Paragraph {
  Span span;                  // in Document::text
  std::string lang = "und";   // ISO 639-1, or "und" when not reliable
  float confidence = 0;       // 0..1
};

struct Sentence {
  Span span;
};

struct Token {
  Span span;
  bool is_word = false;  // letters or digits (ICU word status != none)
};

// A person, organisation or place named in the text (src/extract/mentions).
struct Mention {
  Span span;          // in Document::text
  std::string type;   // "PER", "ORG", "LOC"
  std::string role;   // role key of a title before a person ("minister_defence"), else empty
  std::string place;  // gazetteer id of a LOC found there ("VNM", "Asia/Saigon"), else empty
  std::string org;    // canonical name of a known organisation (data/orgs: "ASEAN" -> "Association of
                      // Southeast Asian Nations"), else empty
  std::string affiliation;  // country (ISO alpha-3) the role belongs to, when the title says ("Russian
                            // Defence Minister", "Sekretär des russischen Sicherheitsrates"), else empty
  int64_t entity = 0; // registry entity (src/link) once linked, else 0
};

// A temporal expression (src/extract/time), normalised to ISO 8601.
struct TimeExpr {
  Span span;            // in Document::text
  // "2025-12-09", "2025-12", "2025", a range "2025-12-08/2025-12-10" or
  // "2020/2025", an ISO week "2025-W49"; "XXXX-12-09" when the year could
  // not be anchored at all; "XXXX-WXX-6" for a weekday (here a Saturday)
  // with no day to count from.
  std::string value;
  std::string kind;     // "date", "range", "month", "year", "week", "weekday", "relative"
  // How the value was anchored: "explicit" (everything is written),
  // "published" (relative to the publication date), "inferred" (year or day
  // taken from other evidence: anniversary, URL, another date in the text),
  // "none" (no anchor found: the unknown part is X).
  std::string anchor;
  std::string evidence; // for "published"/"inferred": what the anchor was ("URL 251209", "anniversary: 70th ... 1950")
  // A day written without its year in a sentence that says it is ahead
  // ("планируют провести переговоры 15 ноября", "will meet on 15 November"):
  // a plan, not the document's happening. Set by the time stage for the
  // event clusterer; not stored.
  bool plan = false;
};

// An area a document is about (src/extract/topics; keys in data/topics/README.md).
struct Topic {
  std::string key;       // "cybersecurity", "defence", ...
  int score = 0;         // phrases of the topic found in the text
  std::string evidence;  // the first of them, as written ("Cybersicherheit")
};

// Who did what to whom, where and when, from one sentence (src/extract/events).
// Actors are mention indices into Document::mentions (linked entities once
// the registry ran); -1 when absent.
struct EventFrame {
  std::string code;      // CAMEO-compatible: "040" consult, "043" host a visit, "057" sign agreement...
  Span trigger;          // the words that made it ("empfing", "held talks")
  Span sentence;         // the sentence it came from
  int actor1 = -1;       // who acts (the host, the speaker, the visitor)
  int actor2 = -1;       // whom it concerns (the guest, the partner)
  std::string country1;  // actor countries (ISO alpha-3): a title's country, a place's own, else empty
  std::string country2;
  int place = -1;        // a place named in the sentence (mention index), else -1
  std::string date;      // YYYY-MM-DD: a dated expression of the sentence, else the document's event date
  float confidence = 0;  // 0..1: how complete the frame is
};

struct Document {
  std::string id;         // stable: external id, else "u" + hash(canonical URL), else "h" + hash(text)
  std::string source;     // RawRecord::where()
  Format format = Format::kText;
  std::string url;
  std::string title;
  std::string published;  // ISO 8601 date or date-time as found, empty if unknown
  std::string agency;     // sign-off / credit that became metadata ("VNA", "TTXVN/Vietnam+")

  std::string charset;        // charset the bytes were decoded from
  uint32_t invalid_bytes = 0; // byte sequences replaced by U+FFFD during decoding
  uint64_t raw_size = 0;      // size in bytes of RawRecord::body

  std::string extracted;      // decoded text before cleaning (main text for HTML)
  std::string text;           // cleaned article text: what is stored and analysed
  std::vector<Removal> removed;

  // Language: `lang` is what the document is taken to be (the given language
  // when the input gives one, else the detected one); `lang_detected` is what
  // CLD2 said ("und" when it was not reliable).
  std::string lang = "und";
  std::string lang_given;
  std::string lang_detected = "und";
  float lang_confidence = 0;
  bool lang_reliable = false;

  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Mention> mentions;  // in text order
  std::vector<TimeExpr> times;    // in text order (src/extract/time)
  // The date of the happening the document mainly reports (YYYY-MM-DD, or
  // empty), and how it was chosen ("first dated sentence: ...",
  // "publication date: no dated sentence").
  std::vector<Topic> topics;  // most matches first
  std::vector<EventFrame> events;  // in text order
  std::string event_date;
  std::string event_date_how;
  // Text fingerprint for clustering (src/extract/fingerprint): stemmed word
  // counts and a MinHash signature. Recomputed, not stored with the document.
  struct Fingerprint {
    // (hash of "lang:stem", count) for words; (hash of "#number", count) for
    // numbers, which are the same in every language. Most frequent first,
    // at most kMaxTerms.
    std::vector<std::pair<uint32_t, uint16_t>> terms;
    std::vector<uint32_t> minhash;  // kMinHashes minima over 3-word shingles; empty for very short texts
    std::vector<uint32_t> cognates; // hashes of name-word prefixes, the same in every language; sorted
    static constexpr size_t kMaxTerms = 400;
    static constexpr size_t kMinHashes = 32;
  } fingerprint;
  // Clustering (src/cluster): the event cluster and story the document
  // belongs to (0 before clustering), and the document it is a near-copy of.
  int64_t event_cluster = 0;
  int64_t story = 0;
  std::string copy_of;
};

// An input that could not become a document, with the reason.
struct Reject {
  std::string source;   // file path or "-"
  std::string locator;  // "line 12", "record 3", or empty
  std::string reason;   // human-readable: what is wrong and, where useful, what to do
};

}  // namespace ng
