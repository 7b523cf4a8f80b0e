#include "eval/event_score.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

namespace ng::eval {
namespace {

std::string read_all(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// attr(" eventcode = \"042\"") -> "042"; tolerates spaces around '='.
std::string attr(std::string_view tag, std::string_view name) {
  for (size_t p = tag.find(name); p != std::string_view::npos; p = tag.find(name, p + 1)) {
    if (p == 0 || !std::isspace(static_cast<unsigned char>(tag[p - 1]))) continue;
    size_t q = p + name.size();
    while (q < tag.size() && tag[q] == ' ') ++q;
    if (q >= tag.size() || tag[q] != '=') continue;
    ++q;
    while (q < tag.size() && tag[q] == ' ') ++q;
    if (q >= tag.size() || tag[q] != '"') continue;
    size_t e = tag.find('"', q + 1);
    if (e == std::string_view::npos) return "";
    return std::string(tag.substr(q + 1, e - q - 1));
  }
  return "";
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string root_of(const std::string& code) { return code.substr(0, std::min<size_t>(2, code.size())); }

std::string country_of(const std::string& actor) { return upper(actor.substr(0, std::min<size_t>(3, actor.size()))); }

}  // namespace

Result<std::vector<CodedSentence>> read_coded_sentences(const std::string& path) {
  bool ok = false;
  std::string x = read_all(path, ok);
  if (!ok) return Status::not_found(path + ": cannot read");
  // Comments may hold example markup: drop them first.
  for (size_t c = x.find("<!--"); c != std::string::npos; c = x.find("<!--", c)) {
    size_t e = x.find("-->", c);
    x.erase(c, e == std::string::npos ? std::string::npos : e + 3 - c);
  }
  std::vector<CodedSentence> out;
  bool any = false;
  for (size_t p = x.find("<Sentence "); p != std::string::npos; p = x.find("<Sentence ", p + 1)) {
    any = true;
    size_t te = x.find('>', p);
    size_t end = x.find("</Sentence>", p);
    if (te == std::string::npos || end == std::string::npos) break;
    std::string_view body = std::string_view(x).substr(te + 1, end - te - 1);
    CodedSentence s;
    s.id = attr(std::string_view(x).substr(p, te - p), "id");
    bool error = false;
    for (size_t c = body.find("<EventCoding"); c != std::string_view::npos; c = body.find("<EventCoding", c + 1)) {
      size_t ce = body.find('>', c);
      std::string_view tag = body.substr(c, ce - c);
      if (!attr(tag, "error").empty()) error = true;
      Coding k{attr(tag, "sourcecode"), attr(tag, "targetcode"), attr(tag, "eventcode")};
      if (!k.event.empty()) s.gold.push_back(k);
    }
    size_t tb = body.find("<Text>"), tz = body.find("</Text>");
    if (error || tb == std::string_view::npos || tz == std::string_view::npos) continue;
    std::string_view text = body.substr(tb + 6, tz - tb - 6);
    // One line: the records wrap sentences.
    bool space = false;
    for (char c : text) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        space = !s.text.empty();
        continue;
      }
      if (space) s.text += ' ';
      space = false;
      s.text += c;
    }
    if (!s.text.empty()) out.push_back(std::move(s));
  }
  if (!any) return Status::invalid(path + ": no <Sentence> records");
  return out;
}

Result<ActorDictionary> ActorDictionary::read(const std::string& path) {
  bool ok = false;
  std::string x = read_all(path, ok);
  if (!ok) return Status::not_found(path + ": cannot read");
  ActorDictionary d;
  std::istringstream in(x);
  std::string line;
  std::vector<size_t> group;  // entries waiting for their code (an entry and its +synonyms)
  bool in_comment = false;
  auto take_code = [&](const std::string& l) {
    // "[ABC]" or a dated "[ABC >990816]": the first undated code wins, else the last one.
    for (size_t b = l.find('['); b != std::string::npos; b = l.find('[', b + 1)) {
      size_t e = l.find(']', b);
      if (e == std::string::npos) return;
      std::string inside = l.substr(b + 1, e - b - 1);
      std::string code = inside.substr(0, inside.find_first_of(" \t<>"));
      bool dated = inside.find_first_of("<>-", code.size()) != std::string::npos;
      bool actor = !code.empty() && std::isalpha(static_cast<unsigned char>(code[0]));
      for (size_t i : group) {
        if (d.entries_[i].code.empty() || !dated) d.entries_[i].code = actor ? code : "-";
      }
      if (!dated) group.clear();
    }
  };
  while (std::getline(in, line)) {
    if (in_comment || line.find("<!--") != std::string::npos) {
      in_comment = line.find("-->") == std::string::npos;
      continue;
    }
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (line[0] == ' ' || line[0] == '\t') {  // a code line of the entry above
      take_code(line);
      continue;
    }
    bool synonym = line[0] == '+';
    std::string name = line.substr(synonym ? 1 : 0, line.find('[') == std::string::npos ? std::string::npos
                                                                                          : line.find('[') - (synonym ? 1 : 0));
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
    if (name.empty()) continue;
    if (!synonym) group.clear();
    Entry e;
    std::string w;
    std::string n = upper(name);
    e.exact = n.back() == '_';
    for (char c : n) {
      if (c == '_' || c == ' ') {
        if (!w.empty()) e.words.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    }
    if (!w.empty()) e.words.push_back(w);
    if (e.words.empty()) continue;
    if (synonym && !group.empty()) e.code = d.entries_[group.front()].code;
    group.push_back(d.entries_.size());
    d.entries_.push_back(std::move(e));
    take_code(line);
  }
  // Entries whose code is a non-actor ("---", "+++") or missing are dropped.
  d.entries_.erase(std::remove_if(d.entries_.begin(), d.entries_.end(),
                                  [](const Entry& e) { return e.code.empty() || e.code == "-"; }),
                   d.entries_.end());
  if (d.entries_.empty()) return Status::invalid(path + ": no actor entries");
  return d;
}

std::vector<ActorSpan> ActorDictionary::find(const std::string& text) const {
  // Words: runs of letters, digits, '-', '\'' (ASCII case-folded).
  struct W {
    size_t b, e;
    std::string u;
  };
  std::vector<W> words;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c) || c >= 0x80) {
      size_t b = i;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) ||
                                 static_cast<unsigned char>(text[i]) >= 0x80 || text[i] == '-' || text[i] == '\''))
        ++i;
      words.push_back({b, i, upper(text.substr(b, i - b))});
    } else {
      ++i;
    }
  }
  std::vector<ActorSpan> out;
  for (size_t i = 0; i < words.size();) {
    size_t best_len = 0;
    const Entry* best = nullptr;
    for (const Entry& e : entries_) {
      size_t n = e.words.size();
      if (i + n > words.size() || n < best_len || (n == best_len && best)) continue;
      bool match = true;
      for (size_t k = 0; k < n && match; ++k) {
        const std::string& have = words[i + k].u;
        const std::string& want = e.words[k];
        bool last = k + 1 == n;
        match = (last && !e.exact) ? have.rfind(want, 0) == 0 : have == want;
      }
      if (match) best = &e, best_len = n;
    }
    if (!best) {
      ++i;
      continue;
    }
    out.push_back({words[i].b, words[i + best_len - 1].e, best->code});
    i += best_len;
  }
  return out;
}

void score_sentence(const CodedSentence& gold, const std::vector<Coding>& system, EventScores& out) {
  ++out.sentences;
  if (!gold.gold.empty()) ++out.with_event;
  std::set<std::string> g_full, s_full, g_root, s_root;
  for (const Coding& c : gold.gold) g_full.insert(c.event), g_root.insert(root_of(c.event));
  for (const Coding& c : system) s_full.insert(c.event), s_root.insert(root_of(c.event));
  auto add = [](const std::set<std::string>& g, const std::set<std::string>& s, CodeCounts& c) {
    c.gold += static_cast<long>(g.size());
    c.system += static_cast<long>(s.size());
    for (const std::string& x : s) c.correct += g.count(x) ? 1 : 0;
  };
  add(g_full, s_full, out.full);
  add(g_root, s_root, out.root);
  for (const std::string& r : g_root) out.per_root[r].gold++;
  for (const std::string& r : s_root) {
    out.per_root[r].system++;
    if (g_root.count(r)) out.per_root[r].correct++;
  }
  // Sides: each system coding with a matched root and a named side, against
  // the gold coding of that root that agrees best.
  for (const Coding& c : system) {
    if (c.source.empty() && c.target.empty()) continue;
    int best = -1;
    bool bs = false, bt = false;
    for (const Coding& g : gold.gold) {
      if (root_of(g.event) != root_of(c.event)) continue;
      bool s = !c.source.empty() && country_of(c.source) == country_of(g.source);
      bool t = !c.target.empty() && country_of(c.target) == country_of(g.target);
      if (int score = int(s) + int(t); score > best) best = score, bs = s, bt = t;
    }
    if (best < 0) continue;
    ++out.sides;
    if (!c.source.empty()) ++out.with_source, out.source_agree += bs;
    if (!c.target.empty()) ++out.with_target, out.target_agree += bt;
  }
}

}  // namespace ng::eval
