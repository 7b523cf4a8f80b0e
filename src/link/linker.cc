#include "link/linker.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "lexicon/gazetteer.h"
#include "lexicon/tsv.h"
#include "text/name_key.h"

namespace ng {
namespace {

std::vector<std::string> split_words(const std::string& key) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < key.size()) {
    size_t e = key.find(' ', b);
    if (e == std::string::npos) e = key.size();
    if (e > b) out.push_back(key.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// Every letter in Latin script (and at least one letter).
bool is_latin(std::string_view s) {
  bool any = false;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &st);
    if (sc != USCRIPT_LATIN && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) return false;
    any = true;
  }
  return any;
}

// The consonant skeleton of a name key ("joe biden" -> "j bdn", "dzho
// baiden" -> "j bdn", "si tszinpin" -> "s jnpn", "xi jinping" -> "s jnpn"):
// what survives of a foreign name through another script's spelling.
// Vowels, doubled letters and spelling digraphs go; empty when a word has no
// consonant or the whole is too short to say anything.
std::string skeleton(const std::vector<std::string>& words) {
  std::string out;
  size_t letters = 0;
  for (const std::string& word : words) {
    std::string w = word;
    auto replace_all = [&](const std::string& from, const std::string& to) {
      for (size_t at = w.find(from); at != std::string::npos; at = w.find(from, at + to.size())) w.replace(at, from.size(), to);
    };
    for (auto [from, to] : {std::pair{"dzh", "j"}, {"tsz", "j"}, {"dj", "j"}, {"zh", "j"}, {"kh", "h"}, {"ph", "f"},
                            {"ck", "k"}, {"w", "v"}}) {
      replace_all(from, to);
    }
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "ng") == 0) w.pop_back();  // Chinese -ng, Russian -н
    if (!w.empty() && w[0] == 'x') w[0] = 's';                                 // pinyin x, Russian с
    std::string k;
    for (char c : w) {
      if (std::string_view("aeiouy").find(c) != std::string_view::npos) continue;
      if (!k.empty() && k.back() == c) continue;
      k += c;
    }
    if (k.empty()) return {};
    letters += k.size();
    out += (out.empty() ? "" : " ") + k;
  }
  return letters >= 4 ? out : std::string();
}

// One distinct written form of a name in a document.
struct Form {
  std::string surface;
  std::vector<std::string> keys;       // full keys (text/name_key)
  std::vector<std::string> stem_keys;  // keys with case endings stripped, when they differ
  std::vector<std::string> words;      // words of the last (language-specific) key
  std::set<std::string> word_set;      // words and their stems
};

// The mentions of one entity in one document.
struct Instance {
  std::vector<size_t> mentions;
  std::vector<size_t> forms;  // indices into the document's forms
  std::string place;
  std::string org;  // canonical name of a known organisation
  std::string type;
  size_t longest = 0;  // form with the most words
};

int type_rank(const std::string& t) { return t == "LOC" ? 3 : t == "ORG" ? 2 : t == "PER" ? 1 : 0; }

// What stands between two items of a list of names: a comma, a semicolon or
// a slash, or a conjunction ("Messi, Dybala, Paredes e Montiel").
bool list_separator(std::string_view between) {
  static const std::set<std::string_view> kAnd = {"and", "und", "et", "e", "y", "i", "og", "och", "en", "ja", "a",
                                                  "dan", "và", "и", "і", "ve", "or", "oder", "ou", "o", "eller"};
  size_t b = between.find_first_not_of(" \t");
  if (b == std::string_view::npos) return false;
  between = between.substr(b, between.find_last_not_of(" \t") - b + 1);
  if (between == "," || between == ";" || between == "/") return true;
  if (between.starts_with(",")) between = between.substr(between.find_first_not_of(" ,"));
  return kAnd.count(between) > 0;
}

}  // namespace

struct Linker::Impl {
  std::unique_ptr<NameKeyer> keyer;
  std::map<std::string, std::vector<std::string>, std::less<>> endings;  // longest first
  std::unordered_map<std::string, std::string> place_names;              // gazetteer id -> English name

  struct Entity {
    std::string type;
    std::string place;
    std::map<std::string, int> type_docs;  // documents per type
    std::vector<int64_t> docs;             // document ordinals, in arrival order
    std::set<std::string> words;           // words (and stems) of its multi-word names
    bool multi = false;                    // has a name of two or more words
    bool latin = false;                    // has a name written in Latin script
    std::set<std::string> roles;           // "role|country" of its titled mentions
  };
  std::vector<Entity> ents;  // entity id = index + 1
  // "p:" place id, "n:" full key, "s:" stem key, "o:" sorted words, "t:" a word
  // of a person's multi-word name -> entities.
  std::unordered_map<std::string, std::vector<int64_t>> index;
  std::unordered_map<int64_t, std::vector<int64_t>> doc_ents;
  std::unordered_map<std::string, std::vector<int64_t>> by_title;  // "role|country" -> entities
  int64_t next_doc = 1;

  // The key of a regnal name under its title ("c:pope||fran"): only for
  // titles held under one name (popes, monarchs), whose name a language
  // translates; a surname of four shared letters (Schmidt, Schmitz) says
  // nothing.
  static std::string regnal_key(const Mention& x, const std::string& word) {
    if ((x.role != "pope" && x.role != "king") || word.size() < 5) return {};
    return "c:" + x.role + "|" + x.affiliation + "|" + word.substr(0, 4);
  }

  void add_title(int64_t id, const std::string& title) {
    if (ent(id).roles.insert(title).second) by_title[title].push_back(id);
  }

  std::string stem(const std::string& word, std::string_view lang) const {
    auto it = endings.find(lang);
    if (it == endings.end() || word.size() < 5) return word;
    for (const auto& e : it->second) {
      if (word.size() >= e.size() + 3 && word.compare(word.size() - e.size(), e.size(), e) == 0) {
        return word.substr(0, word.size() - e.size());
      }
    }
    return word;
  }

  // Forms by language and surface: transliteration and respelling cost far
  // more than a lookup, and names repeat across documents. Bounded: cleared
  // when full.
  mutable std::unordered_map<std::string, Form> form_cache;
  static constexpr size_t kFormCacheSize = 1 << 18;

  const Form& form(const std::string& surface, std::string_view lang) const {
    std::string key = std::string(lang) + '\x1f' + surface;
    if (auto it = form_cache.find(key); it != form_cache.end()) return it->second;
    if (form_cache.size() >= kFormCacheSize) form_cache.clear();
    return form_cache.emplace(std::move(key), make_form(surface, lang)).first->second;
  }

  Form make_form(const std::string& surface, std::string_view lang) const {
    Form f;
    f.surface = surface;
    f.keys = keyer->keys(surface, lang);
    for (const auto& k : f.keys) {
      auto words = split_words(k);
      for (auto& w : words) w = stem(w, lang);
      std::string sk = join_words(words);
      if (std::find(f.keys.begin(), f.keys.end(), sk) == f.keys.end() &&
          std::find(f.stem_keys.begin(), f.stem_keys.end(), sk) == f.stem_keys.end()) {
        f.stem_keys.push_back(sk);
      }
    }
    if (!f.keys.empty()) f.words = split_words(f.keys.back());
    for (const auto& w : f.words) {
      f.word_set.insert(w);
      f.word_set.insert(stem(w, lang));
    }
    return f;
  }

  Entity& ent(int64_t id) { return ents[static_cast<size_t>(id - 1)]; }

  bool add_key(const std::string& key, int64_t id, RegistryDelta* delta) {
    auto& v = index[key];
    if (std::find(v.begin(), v.end(), id) != v.end()) return false;
    v.push_back(id);
    if (delta) delta->keys.emplace_back(key, id);
    return true;
  }

  void index_form(const Form& f, int64_t id, const std::string& type, RegistryDelta* delta) {
    for (const auto& k : f.keys) {
      add_key("n:" + k, id, delta);
      add_key("s:" + k, id, delta);
    }
    for (const auto& k : f.stem_keys) add_key("s:" + k, id, delta);
    if (f.words.size() >= 2) {
      std::vector<std::string> sorted = f.words;
      std::sort(sorted.begin(), sorted.end());
      add_key("o:" + join_words(sorted), id, delta);
      ent(id).multi = true;
      if (type == "PER") {
        for (const auto& w : f.word_set) {
          if (w.size() < 2) continue;
          add_key("t:" + w, id, delta);
          ent(id).words.insert(w);
        }
      }
    }
  }

  std::vector<int64_t> lookup(const std::string& key, const std::string& type) const {
    std::vector<int64_t> out;
    auto it = index.find(key);
    if (it == index.end()) return out;
    for (int64_t id : it->second) {
      if (ents[static_cast<size_t>(id - 1)].type == type) out.push_back(id);
    }
    return out;
  }

  // How many of the entity's recent documents share an entity with `here`.
  int context_score(int64_t id, const std::set<int64_t>& here) const {
    const auto& docs = ents[static_cast<size_t>(id - 1)].docs;
    int score = 0;
    size_t from = docs.size() > 200 ? docs.size() - 200 : 0;
    for (size_t i = from; i < docs.size(); ++i) {
      auto it = doc_ents.find(docs[i]);
      if (it == doc_ents.end()) continue;
      for (int64_t e : it->second) {
        if (e != id && here.count(e)) {
          ++score;
          break;
        }
      }
    }
    return score;
  }

  // Of several candidates, the one this document's context favours; with no
  // context difference, `prefer_known` picks the most documented one (full
  // names rarely belong to two people), else none (a partial name is too
  // weak to choose).
  int64_t choose(std::vector<int64_t> cands, const std::set<int64_t>& here, bool prefer_known,
                 std::string& why) const {
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    if (cands.size() == 1) return cands[0];
    std::vector<std::pair<int, int64_t>> scored;
    for (int64_t c : cands) scored.emplace_back(context_score(c, here), c);
    std::stable_sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first > b.first; });
    if (scored[0].first > scored[1].first) {
      why = "; of " + std::to_string(cands.size()) + " candidates, the one co-mentioned with this document's "
            "entities in " + std::to_string(scored[0].first) + " earlier document(s)";
      return scored[0].second;
    }
    if (!prefer_known) return 0;
    int64_t best = cands[0];
    for (int64_t c : cands) {
      if (ents[static_cast<size_t>(c - 1)].docs.size() > ents[static_cast<size_t>(best - 1)].docs.size()) best = c;
    }
    why = "; of " + std::to_string(cands.size()) + " candidates with no context to choose, the most documented";
    return best;
  }
};

Linker::Linker() : impl_(std::make_unique<Impl>()) {}
Linker::~Linker() = default;

Result<std::unique_ptr<Linker>> Linker::create(const LinkOptions& options) {
  std::unique_ptr<Linker> l(new Linker());
  NameKeyOptions ko;
  ko.data_dir = options.data_dir;
  auto keyer = NameKeyer::create(ko);
  if (!keyer) return keyer.status();
  l->impl_->keyer = std::move(*keyer);
  std::string dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  std::shared_ptr<const Gazetteer> gazetteer = options.gazetteer;
  if (!gazetteer) {
    GazetteerOptions go;
    go.data_dir = dir;
    auto built = Gazetteer::build(go);
    if (!built) return built.status();
    gazetteer = std::move(*built);
  }
  for (const Place& p : gazetteer->places()) l->impl_->place_names[p.id] = p.name;
  auto files = load_resource(dir, "nameforms", 1, 1);
  if (!files) return files.status();
  for (const auto& file : *files) {
    auto& list = l->impl_->endings[file.lang];
    for (const auto& row : file.rows) {
      const std::string& e = row.fields[0];
      if (e.empty() || !std::all_of(e.begin(), e.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
        return Status::invalid(file.path + ":" + std::to_string(row.line) +
                               ": an ending must be lower-case ASCII letters (key space)");
      }
      list.push_back(e);
    }
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  }
  return l;
}

void Linker::restore(const RegistrySnapshot& snapshot) {
  Impl& m = *impl_;
  m.ents.clear();
  m.index.clear();
  m.doc_ents.clear();
  m.next_doc = 1;
  for (const auto& e : snapshot.entities) {
    if (e.id <= 0) continue;
    if (static_cast<size_t>(e.id) > m.ents.size()) m.ents.resize(static_cast<size_t>(e.id));
    m.ent(e.id).type = e.type;
    m.ent(e.id).place = e.place;
  }
  for (const auto& [key, id] : snapshot.keys) {
    if (id <= 0 || static_cast<size_t>(id) > m.ents.size()) continue;
    m.index[key].push_back(id);
    if (key.rfind("t:", 0) == 0) m.ent(id).words.insert(key.substr(2));
    if (key.rfind("o:", 0) == 0) m.ent(id).multi = true;
  }
  m.by_title.clear();
  for (const auto& [id, role] : snapshot.roles) {
    if (id > 0 && static_cast<size_t>(id) <= m.ents.size()) m.add_title(id, role);
  }
  for (int64_t id : snapshot.latin) {
    if (id > 0 && static_cast<size_t>(id) <= m.ents.size()) m.ent(id).latin = true;
  }
  for (const auto& o : snapshot.occurrences) {
    if (o.entity <= 0 || static_cast<size_t>(o.entity) > m.ents.size()) continue;
    auto& e = m.ent(o.entity);
    e.type_docs[o.type]++;
    if (e.docs.empty() || e.docs.back() != o.doc) e.docs.push_back(o.doc);
    auto& de = m.doc_ents[o.doc];
    if (std::find(de.begin(), de.end(), o.entity) == de.end()) de.push_back(o.entity);
    m.next_doc = std::max(m.next_doc, o.doc + 1);
  }
}

std::vector<std::string> Linker::lookup_keys(std::string_view name, std::string_view lang) const {
  Form f = impl_->make_form(std::string(name), lang);
  std::vector<std::string> out;
  for (const auto& k : f.keys) out.push_back("n:" + k);
  for (const auto& k : f.stem_keys) out.push_back("s:" + k);
  return out;
}

std::string Linker::country(int64_t entity) const {
  if (entity <= 0 || static_cast<size_t>(entity) > impl_->ents.size()) return "";
  std::map<std::string, int> n;
  for (const auto& t : impl_->ents[static_cast<size_t>(entity - 1)].roles) {
    std::string c = t.substr(t.find('|') + 1);
    if (!c.empty()) ++n[c];
  }
  std::string best;
  int most = 0;
  for (const auto& [c, k] : n) {
    if (k > most) most = k, best = c;
  }
  return best;
}

RegistryDelta Linker::link(std::vector<Document>& docs, const std::function<void(Document&)>& after_each) {
  Impl& m = *impl_;
  RegistryDelta delta;
  for (Document& d : docs) {
    const int64_t docno = m.next_doc++;
    // Distinct forms and, per mention, its form.
    std::vector<Form> forms;
    std::map<std::string, size_t> form_of_surface;
    std::vector<size_t> mention_form(d.mentions.size());
    for (size_t i = 0; i < d.mentions.size(); ++i) {
      std::string surface(d.mentions[i].span.of(d.text));
      auto [it, fresh] = form_of_surface.emplace(surface, forms.size());
      if (fresh) forms.push_back(m.form(surface, d.lang));
      mention_form[i] = it->second;
    }

    // Group mentions: same place id, same key or stem key (unless one is a
    // titled person and the other a gazetteer place).
    std::vector<size_t> parent(d.mentions.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](size_t x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    auto unite = [&](size_t a, size_t b) {
      a = find(a), b = find(b);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    };
    std::map<std::string, size_t> first_with;
    for (size_t i = 0; i < d.mentions.size(); ++i) {
      const Mention& mi = d.mentions[i];
      const Form& f = forms[mention_form[i]];
      if (f.keys.empty()) continue;
      std::vector<std::string> keys;
      if (!mi.place.empty()) keys.push_back("p:" + mi.place);
      if (!mi.org.empty()) keys.push_back("g:" + mi.org);  // ASEAN and its full name
      for (const auto& k : f.keys) keys.push_back("k:" + k);
      for (const auto& k : f.stem_keys) keys.push_back("k:" + k);
      for (const auto& k : keys) {
        auto [it, fresh] = first_with.emplace(k, i);
        if (fresh) continue;
        const Mention& mj = d.mentions[it->second];
        bool clash = (!mi.place.empty() && !mj.role.empty()) || (!mi.role.empty() && !mj.place.empty()) ||
                     (!mi.place.empty() && !mj.place.empty() && mi.place != mj.place);
        if (!clash) unite(i, it->second);
      }
    }

    auto build = [&] {
      std::map<size_t, size_t> slot;
      std::vector<Instance> out;
      for (size_t i = 0; i < d.mentions.size(); ++i) {
        if (forms[mention_form[i]].keys.empty()) continue;
        auto [it, fresh] = slot.emplace(find(i), out.size());
        if (fresh) out.emplace_back();
        Instance& in = out[it->second];
        in.mentions.push_back(i);
        if (std::find(in.forms.begin(), in.forms.end(), mention_form[i]) == in.forms.end()) {
          in.forms.push_back(mention_form[i]);
        }
        if (in.place.empty()) in.place = d.mentions[i].place;
        if (in.org.empty()) in.org = d.mentions[i].org;
      }
      for (Instance& in : out) {
        // Type by weighted vote: a title, a gazetteer match or a known
        // organisation (data/orgs) outweighs the extractor's default guess.
        std::map<std::string, int> votes;
        for (size_t i : in.mentions) {
          const Mention& mi = d.mentions[i];
          int w = (!mi.role.empty() || !mi.place.empty() || !mi.org.empty()) ? 3 : 1;
          votes[mi.type] += w;
        }
        in.type.clear();
        int best = -1;
        for (const auto& [t, v] : votes) {
          if (v > best || (v == best && type_rank(t) > type_rank(in.type))) best = v, in.type = t;
        }
        in.longest = in.forms[0];
        for (size_t f : in.forms) {
          if (forms[f].words.size() > forms[in.longest].words.size()) in.longest = f;
        }
      }
      return out;
    };
    std::vector<Instance> inst = build();

    // A shorter form joins the one longer person name containing its words.
    auto contains = [&](const Instance& big, const Form& small) {
      for (const auto& w : small.words) {
        if (w.size() < 2) continue;  // initials decide nothing
        bool found = false;
        for (size_t f : big.forms) found = found || forms[f].word_set.count(w);
        if (!found) return false;
      }
      return true;
    };
    std::vector<std::string> short_note(d.mentions.size());
    for (size_t a = 0; a < inst.size(); ++a) {
      const Form& small = forms[inst[a].longest];
      if (!inst[a].place.empty() || inst[a].type == "LOC" || small.words.empty()) continue;
      size_t target = inst.size();
      int count = 0;
      for (size_t b = 0; b < inst.size(); ++b) {
        if (b == a || inst[b].type != "PER") continue;
        if (forms[inst[b].longest].words.size() <= small.words.size()) continue;
        if (!contains(inst[b], small)) continue;
        if (target == inst.size() || find(inst[b].mentions[0]) != find(inst[target].mentions[0])) ++count;
        target = b;
      }
      if (count == 1) {
        unite(inst[a].mentions[0], inst[target].mentions[0]);
        short_note[find(inst[a].mentions[0])] += (short_note[find(inst[a].mentions[0])].empty() ? "" : "; ") +
                                                 std::string("'") + small.surface + "' is a short form of '" +
                                                 forms[inst[target].longest].surface + "' in this document";
      }
    }
    // Notes were keyed by roots that may have changed: collect them per root.
    std::map<size_t, std::string> notes;
    for (size_t i = 0; i < short_note.size(); ++i) {
      if (short_note[i].empty()) continue;
      auto& n = notes[find(i)];
      n += (n.empty() ? "" : "; ") + short_note[i];
    }
    inst = build();

    // Link: places first (unambiguous context), then longer names first.
    std::vector<size_t> order(inst.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      bool pa = !inst[a].place.empty() || !inst[a].org.empty(), pb = !inst[b].place.empty() || !inst[b].org.empty();
      if (pa != pb) return pa;
      return forms[inst[a].longest].words.size() > forms[inst[b].longest].words.size();
    });
    std::set<int64_t> here;
    std::vector<int64_t> linked(inst.size(), 0);
    for (size_t idx : order) {
      Instance& in = inst[idx];
      const Form& main = forms[in.longest];
      std::string rule, evidence, why;
      int64_t id = 0;
      if (!in.place.empty()) {
        auto c = m.index.find("p:" + in.place);
        if (c != m.index.end() && !c->second.empty()) id = c->second[0];
        rule = "place";
        evidence = "gazetteer id " + in.place;
      } else if (!in.org.empty()) {
        auto c = m.index.find("g:" + in.org);
        if (c != m.index.end() && !c->second.empty()) id = c->second[0];
        rule = "known organisation";
        evidence = "'" + main.surface + "' is a name of " + in.org + " (data/orgs)";
      }
      auto try_keys = [&](const char* prefix, bool stems, bool prefer_known, const char* r) {
        if (id) return;
        std::vector<int64_t> cands;
        std::string matched;
        for (size_t f : in.forms) {
          std::vector<std::string> ks = forms[f].keys;
          if (stems) ks.insert(ks.end(), forms[f].stem_keys.begin(), forms[f].stem_keys.end());
          for (const auto& k : ks) {
            auto found = m.lookup(prefix + k, in.type);
            if (!found.empty() && matched.empty()) matched = "'" + forms[f].surface + "' has the key '" + k + "'";
            cands.insert(cands.end(), found.begin(), found.end());
          }
        }
        if (cands.empty()) return;
        id = m.choose(cands, here, prefer_known, why);
        if (id) rule = r, evidence = matched + " of a known name" + why;
      };
      bool single_person = in.type == "PER" && main.words.size() == 1;
      auto try_partial = [&] {
        if (id || in.type != "PER" || main.words.empty()) return;
        std::vector<int64_t> cands;
        for (const auto& w : main.words) {
          if (w.size() < 2) continue;
          auto found = m.lookup("t:" + w, "PER");
          if (std::string st = m.stem(w, d.lang); st != w) {
            auto more = m.lookup("t:" + st, "PER");
            found.insert(found.end(), more.begin(), more.end());
          }
          for (int64_t c : found) {
            const auto& e = m.ent(c);
            // Every (unstemmed) word must be a word of the entity's names.
            bool all = std::all_of(main.words.begin(), main.words.end(), [&](const std::string& y) {
              return y.size() < 2 || e.words.count(y) || e.words.count(m.stem(y, d.lang));
            });
            if (all) cands.push_back(c);
          }
          break;  // candidates come from the first full word; all words are checked
        }
        if (cands.empty()) return;
        id = m.choose(cands, here, false, why);
        if (id) {
          rule = "short form";
          evidence = "'" + main.surface + "' is part of the name of the only matching known person" + why;
        }
      };
      if (single_person) try_partial();
      try_keys("n:", false, true, "name key");
      try_keys("s:", true, true, "inflected form");
      if (!id && main.words.size() >= 2) {
        std::vector<std::string> sorted = main.words;
        std::sort(sorted.begin(), sorted.end());
        auto cands = m.lookup("o:" + join_words(sorted), in.type);
        if (!cands.empty()) {
          id = m.choose(cands, here, true, why);
          if (id) rule = "token set", evidence = "'" + main.surface + "' has the same words in another order" + why;
        }
      }
      if (!single_person) try_partial();
      // A name in another script (拜登, Байден not yet known) with a title
      // naming a country: the one known person with that title and country
      // whose Latin-script name this document's context supports.
      if (!id && in.type == "PER" && !is_latin(main.surface)) {
        std::set<std::string> titles;
        for (size_t i : in.mentions) {
          const Mention& x = d.mentions[i];
          if (!x.role.empty() && x.role != "honorific" && !x.affiliation.empty()) {
            titles.insert(x.role + "|" + x.affiliation);
          }
        }
        std::set<int64_t> cands;
        for (const auto& t : titles) {
          if (auto found = m.by_title.find(t); found != m.by_title.end()) cands.insert(found->second.begin(), found->second.end());
        }
        std::vector<std::pair<int, int64_t>> scored;
        for (int64_t c : cands) {
          if (m.ent(c).type == "PER" && m.ent(c).latin) scored.emplace_back(m.context_score(c, here), c);
        }
        std::stable_sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first > b.first; });
        if (!scored.empty() && scored[0].first > 0 && (scored.size() == 1 || scored[0].first > scored[1].first)) {
          id = scored[0].second;
          rule = "title and context";
          evidence = "'" + main.surface + "' has the title " + *titles.begin() +
                     " of a known person co-mentioned with this document's entities in " +
                     std::to_string(scored[0].first) + " earlier document(s)";
        }
      }
      // A full name in another script (Джо Байден) whose consonants are a
      // known Latin-script person's (Joe Biden), when this document's other
      // entities were co-mentioned with that person before: the spelling
      // alone is too weak ("bdn" is also Boden), the context decides.
      if (!id && in.type == "PER" && !is_latin(main.surface) && main.words.size() >= 2) {
        if (auto k = skeleton(main.words); !k.empty()) {
          std::vector<std::pair<int, int64_t>> scored;
          for (int64_t c : m.lookup("k:" + k, "PER")) scored.emplace_back(m.context_score(c, here), c);
          std::stable_sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first > b.first; });
          if (!scored.empty() && scored[0].first > 0 && (scored.size() == 1 || scored[0].first > scored[1].first)) {
            id = scored[0].second;
            rule = "spelling and context";
            evidence = "'" + main.surface + "' has the consonants '" + k +
                       "' of a known Latin-script name, co-mentioned with this document's entities in " +
                       std::to_string(scored[0].first) + " earlier document(s)";
          }
        }
      }
      // A regnal name (a pope's, a monarch's) is translated, not
      // transliterated: Francis, Franziskus, Francesco, Franciszek. A single
      // titled name takes the known holder of the same title whose name
      // begins with the same four letters (key space), when context leaves
      // one such holder.
      if (!id && in.type == "PER" && main.words.size() == 1) {
        std::vector<int64_t> cands;
        std::string title;
        for (size_t i : in.mentions) {
          const Mention& x = d.mentions[i];
          if (auto key = Impl::regnal_key(x, main.words[0]); !key.empty()) {
            auto found = m.lookup(key, "PER");
            cands.insert(cands.end(), found.begin(), found.end());
            if (!found.empty()) title = x.role;
          }
        }
        if (!cands.empty()) id = m.choose(cands, here, false, why);
        if (id) {
          rule = "title and cognate";
          evidence = "'" + main.surface + "' has the title " + title + " of a known person whose name begins '" +
                     main.words[0].substr(0, 4) + "'" + why;
        }
      }
      // A lone capitalised word is a person only with evidence: a title
      // before it, or a known person's name containing it. Without either
      // it is far more often a sentence opener, a demonym or a common noun
      // of a language we do not model ("Richter", "Vescovo"); it is dropped.
      if (single_person) {
        bool titled = std::any_of(in.mentions.begin(), in.mentions.end(),
                                  [&](size_t i) { return !d.mentions[i].role.empty(); });
        bool known = id && m.ent(id).multi;
        // Or listed with a person already linked ("Messi, Dybala, Paredes e
        // Montiel": longer names and known people are linked first, then
        // the list in text order).
        // A list has a comma somewhere: "Sanità e Igiene" of an organisation
        // the extractor split is no list of people.
        const std::string_view text = d.text;
        auto between = [&](const Mention& a, const Mention& b) {  // a before b
          return text.substr(a.span.end, b.span.begin - a.span.end);
        };
        auto adjacent = [&](const Mention& a, const Mention& b) {
          if (a.span.end <= b.span.begin) return b.span.begin - a.span.end <= 12 && list_separator(between(a, b));
          return b.span.end <= a.span.begin && a.span.begin - b.span.end <= 12 && list_separator(between(b, a));
        };
        auto comma = [&](const Mention& a, const Mention& b) {
          std::string_view s = a.span.end <= b.span.begin ? between(a, b) : between(b, a);
          return s.find(',') != std::string_view::npos || s.find(';') != std::string_view::npos;
        };
        auto listed = [&](size_t i) {
          const Mention& x = d.mentions[i];
          for (const Mention& y : d.mentions) {
            if (y.entity <= 0 || y.type != "PER" || !adjacent(x, y)) continue;
            if (comma(x, y)) return true;
            for (const Mention& z : d.mentions) {
              if (&z != &x && &z != &y && z.type == "PER" && adjacent(y, z) && comma(y, z)) return true;
            }
          }
          return false;
        };
        if (!titled && !known && std::none_of(in.mentions.begin(), in.mentions.end(), listed)) {
          for (size_t i : in.mentions) d.mentions[i].entity = -1;  // removed below
          continue;
        }
      }
      if (!id) {
        id = static_cast<int64_t>(m.ents.size()) + 1;
        m.ents.emplace_back();
        m.ent(id).type = in.type;
        m.ent(id).place = in.place;
        std::string name;
        if (auto pn = m.place_names.find(in.place); pn != m.place_names.end()) name = pn->second;
        delta.created.push_back({id, in.type, in.place, name});
        if (!in.place.empty()) m.add_key("p:" + in.place, id, &delta);
        if (!in.org.empty()) m.add_key("g:" + in.org, id, &delta);
        rule = "new";
        evidence = "no known entity matches '" + main.surface + "'";
      }
      if (auto n = notes.find(find(in.mentions[0])); n != notes.end()) evidence += "; " + n->second;
      linked[idx] = id;
      here.insert(id);

      // What the registry learns.
      auto& e = m.ent(id);
      for (size_t f : in.forms) {
        m.index_form(forms[f], id, e.type.empty() ? in.type : e.type, &delta);
        delta.aliases.push_back({id, d.id, forms[f].surface, d.lang, is_latin(forms[f].surface),
                                 static_cast<int>(forms[f].words.size())});
      }
      e.type_docs[in.type]++;
      if (e.docs.empty() || e.docs.back() != docno) e.docs.push_back(docno);
      std::string majority = e.type;
      int best = e.type_docs.count(e.type) ? e.type_docs[e.type] : 0;
      for (const auto& [t, n] : e.type_docs) {
        if (n > best) best = n, majority = t;
      }
      if (majority != e.type) {
        e.type = majority;
        delta.types.emplace_back(id, majority);
      }
      for (size_t i : in.mentions) {
        d.mentions[i].entity = id;
        d.mentions[i].type = in.type;
        const Mention& x = d.mentions[i];
        if (!x.role.empty() && x.role != "honorific") m.add_title(id, x.role + "|" + x.affiliation);
        if (in.type != "PER") continue;
        for (size_t f : in.forms) {
          if (forms[f].words.empty()) continue;
          if (auto key = Impl::regnal_key(x, forms[f].words.back()); !key.empty()) m.add_key(key, id, &delta);
        }
      }
      for (size_t f : in.forms) e.latin = e.latin || is_latin(forms[f].surface);
      if (in.type == "PER") {
        for (size_t f : in.forms) {
          if (forms[f].words.size() < 2 || !is_latin(forms[f].surface)) continue;
          if (auto k = skeleton(forms[f].words); !k.empty()) m.add_key("k:" + k, id, &delta);
        }
      }
      delta.links.push_back({d.id, id, in.type, rule, evidence, static_cast<int>(in.mentions.size())});
    }
    d.mentions.erase(std::remove_if(d.mentions.begin(), d.mentions.end(), [](const Mention& x) { return x.entity < 0; }),
                     d.mentions.end());
    auto& de = m.doc_ents[docno];
    for (int64_t id : linked) {
      if (id && std::find(de.begin(), de.end(), id) == de.end()) de.push_back(id);
    }
    if (after_each) after_each(d);
  }
  return delta;
}

}  // namespace ng
