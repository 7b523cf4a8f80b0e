#include "cli/ner_data.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace ng::cli {
namespace {

std::vector<std::string> split_ws(const std::string& line) {
  std::vector<std::string> f;
  std::stringstream ss(line);
  std::string x;
  while (ss >> x) f.push_back(x);
  return f;
}

// FactRuEval 2016: per document, NAME.tokens ("id offset length text", blank
// line between sentences), NAME.spans ("id type offset length first_token
// n_tokens # ..."), NAME.objects ("id Type span_id... # text"). An object
// covers the tokens from its first name span's first token to its last name
// span's last token: the name spans (loc_name, org_name, name, surname,
// patronymic, nickname), not descriptors and jobs ("мэрии" of "мэрии Москвы",
// "министр"), which the rest of newsgraph treats as roles, not names. Nested
// objects keep the outermost; Person -> PER, Org -> ORG, Location and LocOrg -> LOC.
bool read_factru(const std::string& dir, std::vector<Annotated>& out, std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    error = dir + ": not a FactRuEval directory";
    return false;
  }
  std::vector<std::string> docs;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".tokens") docs.push_back(e.path().string().substr(0, e.path().string().size() - 7));
  }
  std::sort(docs.begin(), docs.end());
  if (docs.empty()) {
    error = dir + ": no .tokens files";
    return false;
  }
  for (const std::string& base : docs) {
    std::ifstream tin(base + ".tokens"), sin(base + ".spans"), oin(base + ".objects");
    if (!tin || !sin || !oin) {
      error = base + ": missing .tokens, .spans or .objects";
      return false;
    }
    std::vector<Annotated> sentences;
    std::map<long, std::pair<size_t, size_t>> where;  // token id -> (sentence, index)
    std::vector<long> order;                          // token ids in text order
    std::string line;
    Annotated cur;
    auto flush = [&] {
      if (!cur.tokens.empty()) sentences.push_back(std::move(cur));
      cur = Annotated();
    };
    while (std::getline(tin, line)) {
      auto f = split_ws(line);
      if (f.size() < 4) {
        flush();
        continue;
      }
      long id = std::atol(f[0].c_str());
      where[id] = {sentences.size(), cur.tokens.size()};
      order.push_back(id);
      cur.tokens.push_back(f[3]);
      cur.tags.push_back("O");
    }
    flush();
    std::map<long, std::pair<long, long>> spans;  // span id -> (first token id, n tokens)
    while (std::getline(sin, line)) {
      auto f = split_ws(line);
      if (f.size() < 6) continue;
      if (f[1] != "loc_name" && f[1] != "org_name" && f[1] != "name" && f[1] != "surname" && f[1] != "patronymic" &&
          f[1] != "nickname") {
        continue;
      }
      spans[std::atol(f[0].c_str())] = {std::atol(f[4].c_str()), std::atol(f[5].c_str())};
    }
    std::map<long, size_t> position;  // token id -> position in `order`
    for (size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
    struct Object {
      size_t first, last;  // positions in `order`
      std::string type;
    };
    std::vector<Object> objects;
    while (std::getline(oin, line)) {
      auto hash = line.find('#');
      auto f = split_ws(line.substr(0, hash));
      if (f.size() < 3) continue;
      std::string type = f[1] == "Person"                           ? "PER"
                         : f[1] == "Org"                            ? "ORG"
                         : (f[1] == "Location" || f[1] == "LocOrg") ? "LOC"
                                                                    : "";
      if (type.empty()) continue;
      size_t first = SIZE_MAX, last = 0;
      for (size_t k = 2; k < f.size(); ++k) {
        auto s = spans.find(std::atol(f[k].c_str()));
        if (s == spans.end()) continue;
        auto p = position.find(s->second.first);
        if (p == position.end()) continue;
        first = std::min(first, p->second);
        last = std::max(last, p->second + static_cast<size_t>(std::max(1L, s->second.second)) - 1);
      }
      if (first == SIZE_MAX || last >= order.size()) continue;
      objects.push_back({first, last, type});
    }
    // Outermost first; an object overlapping one already placed is dropped.
    std::stable_sort(objects.begin(), objects.end(),
                     [](const Object& a, const Object& b) { return a.last - a.first > b.last - b.first; });
    std::vector<bool> taken(order.size(), false);
    for (const Object& o : objects) {
      auto [s0, i0] = where[order[o.first]];
      auto [s1, i1] = where[order[o.last]];
      if (s0 != s1) continue;  // across a sentence boundary: tokenisation noise
      bool free = true;
      for (size_t k = o.first; k <= o.last; ++k) free = free && !taken[k];
      if (!free) continue;
      for (size_t k = o.first; k <= o.last; ++k) {
        taken[k] = true;
        sentences[s0].tags[i0 + (k - o.first)] = (k == o.first ? "B-" : "I-") + o.type;
      }
    }
    for (auto& s : sentences) out.push_back(std::move(s));
  }
  return true;
}

}  // namespace

bool known_ner_format(const std::string& format) {
  return format == "germeval" || format == "conll" || format == "io" || format == "factru";
}

std::string map_ner_type(std::string tag) {
  if (tag.size() > 2 && tag[1] == '-') tag = tag.substr(2);
  if (tag.find("deriv") != std::string::npos || tag.find("part") != std::string::npos) return "";
  if (tag == "PER" || tag == "PPL" || tag == "PERSON") return "PER";
  if (tag == "ORG" || tag == "IND" || tag == "ORGANIZATION") return "ORG";
  if (tag == "LOC" || tag == "PLC" || tag == "GPE" || tag == "LOCATION") return "LOC";
  return "";
}

std::vector<NerSpan> gold_ner_spans(const std::vector<std::string>& tags) {
  std::vector<NerSpan> out;
  int start = -1;
  std::string type;
  const int n = static_cast<int>(tags.size());
  for (int i = 0; i <= n; ++i) {
    std::string t = i < n ? map_ner_type(tags[i]) : "";
    bool begins = i < n && tags[i].size() > 1 && tags[i][0] == 'B' && tags[i][1] == '-';
    if (start >= 0 && (t != type || begins)) {
      out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), ner_type(ner_begin_tag(type))});
      start = -1;
    }
    if (start < 0 && !t.empty()) {
      start = i;
      type = t;
    }
  }
  return out;
}

bool read_ner_sentences(const std::string& path, const std::string& format, std::vector<Annotated>& out,
                        std::string& error) {
  if (format == "factru") return read_factru(path, out, error);
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot open";
    return false;
  }
  Annotated cur;
  auto flush = [&] {
    if (!cur.tokens.empty()) out.push_back(std::move(cur));
    cur = Annotated();
  };
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    if (format == "germeval") {
      if (line[0] == '#') {
        flush();
        continue;
      }
      std::vector<std::string> f;
      std::stringstream ss(line);
      std::string x;
      while (std::getline(ss, x, '\t')) f.push_back(x);
      if (f.size() < 3) continue;
      cur.tokens.push_back(f[1]);
      cur.tags.push_back(f[2]);
    } else {
      size_t cut = line.find_last_of(" \t");
      if (cut == std::string::npos) continue;
      std::string token = line.substr(0, line.find_first_of(" \t"));
      std::string tag = line.substr(cut + 1);
      if (token.size() > 3 && token[2] == ':' && std::islower(static_cast<unsigned char>(token[0]))) {
        token = token.substr(3);  // "fr:Paris"
      }
      if (format == "io" && tag == "0") tag = "O";
      cur.tokens.push_back(token);
      cur.tags.push_back(tag);
    }
  }
  flush();
  return true;
}

namespace {

bool word_like(const std::string& t) {
  return std::any_of(t.begin(), t.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

}  // namespace

Document ner_document(const std::vector<Annotated>& sentences, size_t from, size_t to, const std::string& lang,
                      std::vector<std::vector<Span>>* token_spans) {
  Document d;
  d.lang = lang;
  for (size_t s = from; s < to && s < sentences.size(); ++s) {
    uint32_t begin = static_cast<uint32_t>(d.text.size());
    std::vector<Span> spans;
    for (const std::string& t : sentences[s].tokens) {
      if (!d.text.empty() && d.text.back() != '\n') d.text += ' ';
      Span sp{static_cast<uint32_t>(d.text.size()), 0};
      d.text += t;
      sp.end = static_cast<uint32_t>(d.text.size());
      spans.push_back(sp);
      d.tokens.push_back(Token{sp, word_like(t)});
    }
    d.sentences.push_back(Sentence{Span{begin, static_cast<uint32_t>(d.text.size())}});
    d.text += '\n';
    if (token_spans) token_spans->push_back(std::move(spans));
  }
  return d;
}

std::vector<NerExample> ner_examples(const std::vector<Annotated>& sentences, const MentionExtractor& rules,
                                     const std::string& lang) {
  std::vector<NerExample> out;
  out.reserve(sentences.size());
  for (size_t g = 0; g < sentences.size(); g += kNerGroup) {
    std::vector<std::vector<Span>> token_spans;
    const Document d = ner_document(sentences, g, g + kNerGroup, lang, &token_spans);
    // The dataset's own tokens (MentionExtractor::tagger_tokens would give
    // the same: they are joined by spaces).
    const std::vector<std::vector<uint8_t>> flags = rules.ner_flags(d, token_spans);
    for (size_t s = g; s < std::min(sentences.size(), g + kNerGroup); ++s) {
      NerExample ex;
      ex.words = sentences[s].tokens;
      ex.lex = flags[s - g];
      ex.tags = tags_of_spans(ex.words.size(), gold_ner_spans(sentences[s].tags));
      out.push_back(std::move(ex));
    }
  }
  return out;
}

}  // namespace ng::cli
