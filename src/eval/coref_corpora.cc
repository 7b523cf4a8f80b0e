#include "eval/coref_corpora.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace ng::eval {

namespace fs = std::filesystem;

namespace {

bool is_word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }
bool wordish(const std::string& t) { return !t.empty() && is_word_char(t.front()) && is_word_char(t.back()); }
bool digits(const std::string& t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); });
}
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool closes(const std::string& t) {
  static const std::set<std::string> k = {".",   ",", ";",  ":", "!", "?", "%", ")",   "]",  "}",
                                          "...", "…", "''", "”", "’", "»", "'", "n't", "N'T"};
  if (k.count(t)) return true;
  // Clitics: 's 're 've 'll 'd 'm (straight or curly apostrophe).
  std::string l = lower(t);
  for (const char* a : {"'", "’"}) {
    if (l.rfind(a, 0) == 0) {
      std::string rest = l.substr(std::strlen(a));
      if (rest == "s" || rest == "re" || rest == "ve" || rest == "ll" || rest == "d" || rest == "m") return true;
    }
  }
  return false;
}

bool opens(const std::string& t) {
  static const std::set<std::string> k = {"(", "[", "{", "``", "“", "‘", "«", "¿", "¡"};
  if (k.count(t)) return true;
  // Elided articles and prepositions: l' dell' d' (Italian, French).
  for (const char* a : {"'", "’"}) {
    size_t n = std::strlen(a);
    if (t.size() > n && t.compare(t.size() - n, n, a) == 0 &&
        std::isalpha(static_cast<unsigned char>(t[t.size() - n - 1])))
      return true;
  }
  return false;
}

std::string surface(const std::string& t) {
  if (t == "``" || t == "''") return "\"";
  if (t == "-LRB-") return "(";
  if (t == "-RRB-") return ")";
  return t;
}

Status cannot_open(const std::string& path) {
  return Status::io_error("cannot open " + path + ": " + std::strerror(errno));
}

int month_number(std::string w) {
  static const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
  w = lower(w);
  if (w.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    std::string m = kMonths[i];
    if (w == m || (w.size() == 3 && m.compare(0, 3, w) == 0) || (w == "sept" && i == 8)) return i + 1;
  }
  return 0;
}

}  // namespace

namespace {

// `in_quote`: inside a straight double quote, carried from one sentence to
// the next.
std::string detokenize(const std::vector<std::string>& tokens, bool& in_quote) {
  std::string out;
  bool glue_next = true;  // no space before the next token
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t.empty()) continue;
    const std::string* prev = i > 0 ? &tokens[i - 1] : nullptr;
    const std::string* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
    bool glue_left = glue_next, glue_right = false;
    if (t == "\"") {
      // A quote may open in one sentence and close in another (each is
      // detokenized alone): at the start it opens, before punctuation or
      // the end it closes, else it alternates.
      bool closing = !prev ? false : (!next || (closes(*next) && *next != "'")) ? true : in_quote;
      if (closing)
        glue_left = true;
      else
        glue_right = true;
      in_quote = !closing;
    } else if (closes(t) || (t == "s" && prev && (*prev == "’" || *prev == "'"))) {
      glue_left = true;
    } else if (opens(t)) {
      glue_right = true;
    }
    // Joined on both sides: word-word, word/word, 4:59.
    if ((t == "-" || t == "/") && prev && next && wordish(*prev) && wordish(*next)) glue_left = glue_right = true;
    if (t == ":" && prev && next && digits(*prev) && !next->empty() &&
        std::isdigit(static_cast<unsigned char>(next->front())))
      glue_left = glue_right = true;
    if ((t == "$" || t == "US$" || t == "€" || t == "£") && next && !next->empty() &&
        std::isdigit(static_cast<unsigned char>(next->front())))
      glue_right = true;
    if (!out.empty() && !glue_left) out += ' ';
    out += surface(t);
    glue_next = glue_right;
  }
  return out;
}

// The sentences' texts, one per line, each ending in a newline.
std::string detokenize_lines(std::map<int, std::vector<std::string>>::const_iterator from,
                             std::map<int, std::vector<std::string>>::const_iterator to) {
  std::string out;
  bool in_quote = false;
  for (; from != to; ++from) {
    out += detokenize(from->second, in_quote);
    out += '\n';
  }
  return out;
}

}  // namespace

std::string detokenize(const std::vector<std::string>& tokens) {
  bool in_quote = false;
  return detokenize(tokens, in_quote);
}

std::string parse_date_line(std::string_view line) {
  // Words and numbers, split on anything else.
  std::vector<std::string> parts;
  std::string cur;
  for (char c : line) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur += c;
    } else if (!cur.empty()) {
      parts.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  int month = 0, day = 0, year = 0;
  for (const auto& p : parts) {
    if (digits(p)) {
      int v = std::stoi(p.substr(0, 6));
      if (p.size() == 4 && !year)
        year = v;
      else if (p.size() <= 2 && !day && v >= 1 && v <= 31)
        day = v;
      else if (p.size() == 2 && !year)
        year = 2000 + v;
      else
        return "";
    } else if (int m = month_number(p); m && !month) {
      month = m;
    } else {
      return "";
    }
  }
  if (!month || !day || !year) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

void sort_for_ingest(std::vector<CorefDocument>& docs) {
  std::sort(docs.begin(), docs.end(), [](const CorefDocument& a, const CorefDocument& b) {
    return std::tie(a.published, a.id) < std::tie(b.published, b.id);
  });
}

// ---------------------------------------------------------------- MEANTIME

namespace {

struct ConllDoc {
  std::string name;
  size_t line = 0;
  std::map<int, std::vector<std::string>> sentences;
};

Result<std::vector<ConllDoc>> read_conll(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::io_error("cannot read " + path + ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return cannot_open(path);
  std::vector<ConllDoc> docs;
  std::set<std::string> names;
  bool open = false;
  std::string line;
  size_t n = 0;
  auto where = [&] { return path + ":line " + std::to_string(n) + ": "; };
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line.rfind("#begin document", 0) == 0) {
      size_t a = line.find('('), b = line.find(')', a == std::string::npos ? 0 : a);
      if (a == std::string::npos || b == std::string::npos || b == a + 1)
        return Status::invalid(where() + "expected \"#begin document (NAME)\"");
      ConllDoc d;
      d.name = line.substr(a + 1, b - a - 1);
      d.line = n;
      if (!names.insert(d.name).second) return Status::invalid(where() + "document " + d.name + " named twice");
      docs.push_back(std::move(d));
      open = true;
      continue;
    }
    if (line.rfind("#end document", 0) == 0) {
      if (!open) return Status::invalid(where() + "\"#end document\" without \"#begin document\"");
      open = false;
      continue;
    }
    if (line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
    if (f.size() < 4)
      return Status::invalid(
          where() + "expected at least 4 tab-separated fields (document, sentence, token number, token), found " +
          std::to_string(f.size()));
    if (!open) return Status::invalid(where() + "token outside a document");
    if (f[0] != docs.back().name)
      return Status::invalid(where() + "token of " + f[0] + " inside document " + docs.back().name);
    if (!digits(f[1]) || f[1].size() > 6)
      return Status::invalid(where() + "sentence number \"" + f[1] + "\" is not a number");
    docs.back().sentences[std::stoi(f[1])].push_back(f[3]);
  }
  if (in.bad()) return Status::io_error("cannot read " + path + ": " + std::strerror(errno));
  if (open) return Status::invalid(path + ": document " + docs.back().name + " has no \"#end document\"");
  if (docs.empty()) return Status::invalid(path + ": no \"#begin document\" line");
  for (const auto& d : docs) {
    if (d.sentences.empty())
      return Status::invalid(path + ":line " + std::to_string(d.line) + ": document " + d.name + " has no tokens");
  }
  return docs;
}

}  // namespace

Result<std::vector<CorefDocument>> read_meantime(const std::string& path, const MeantimeOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::not_found(path + ": no such file or directory");
  std::map<std::string, std::string> files;  // language -> its meantime.conll
  if (fs::is_regular_file(path, ec)) {
    files[fs::absolute(path, ec).parent_path().filename().string()] = path;
  } else {
    fs::path root = path;
    if (fs::is_directory(root / "output_data", ec)) root /= "output_data";
    for (const auto& e : fs::directory_iterator(root, ec)) {
      fs::path f = e.path() / "meantime.conll";
      if (e.is_directory() && fs::exists(f)) files[e.path().filename().string()] = f.string();
    }
    if (ec) return Status::io_error("cannot list " + root.string() + ": " + ec.message());
    if (files.empty()) return Status::not_found(root.string() + ": no <lang>/meantime.conll inside");
  }
  std::map<std::string, std::string> chosen = files;
  if (!options.langs.empty()) {
    chosen.clear();
    for (const auto& l : options.langs) {
      auto it = files.find(l);
      if (it == files.end())
        return Status::not_found(path + ": no language \"" + l + "\" (no " + l + "/meantime.conll)");
      chosen.insert(*it);
    }
  }
  std::map<std::string, std::vector<ConllDoc>> by_lang;
  for (const auto& [lang, file] : chosen) {
    auto docs = read_conll(file);
    if (!docs) return docs.status();
    by_lang[lang] = std::move(*docs);
  }
  // The English date line of each document name (English is read for its
  // dates even when it is not scored).
  std::map<std::string, std::string> en_dates;
  if (files.count("en")) {
    std::vector<ConllDoc> en_read;
    const std::vector<ConllDoc>* en = nullptr;
    if (by_lang.count("en")) {
      en = &by_lang["en"];
    } else {
      auto r = read_conll(files["en"]);
      if (!r) return r.status();
      en_read = std::move(*r);
      en = &en_read;
    }
    for (const auto& d : *en) {
      auto it = d.sentences.find(1);
      if (it == d.sentences.end()) continue;
      std::string date = parse_date_line(detokenize(it->second));
      if (!date.empty()) en_dates[d.name] = date;
    }
  }

  std::vector<CorefDocument> out;
  for (const auto& [lang, docs] : by_lang) {
    for (const auto& d : docs) {
      CorefDocument c;
      c.id = lang + "/" + d.name;
      c.lang = lang;
      c.source = chosen[lang];
      c.locator = "line " + std::to_string(d.line);
      size_t slash = d.name.find('/');
      c.gold_story = slash == std::string::npos ? d.name : d.name.substr(0, slash);
      c.gold_event = d.name;
      auto s = d.sentences.begin();
      if (s->first == 0) {
        c.title = detokenize(s->second);
        c.text = c.title + "\n\n";
        ++s;
      }
      // The date line: sentence 1, short, with a number in it.
      if (s != d.sentences.end() && s->first == 1 && s->second.size() <= 8) {
        std::string line = detokenize(s->second);
        if (std::any_of(line.begin(), line.end(), [](unsigned char ch) { return std::isdigit(ch); })) {
          auto it = en_dates.find(d.name);
          c.published = it != en_dates.end() ? it->second : parse_date_line(line);
          ++s;
        }
      }
      c.text += detokenize_lines(s, d.sentences.cend());
      out.push_back(std::move(c));
    }
  }
  if (out.empty()) return Status::invalid(path + ": no document");
  return out;
}

// ---------------------------------------------------------------- ECB+

namespace {

std::string xml_attr(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  size_t p = tag.find(key);
  if (p == std::string_view::npos) return "";
  p += key.size();
  size_t q = tag.find('"', p);
  return q == std::string_view::npos ? "" : std::string(tag.substr(p, q - p));
}

std::string xml_text(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i++];
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out += '&';
    else if (ent == "lt")
      out += '<';
    else if (ent == "gt")
      out += '>';
    else if (ent == "quot")
      out += '"';
    else if (ent == "apos")
      out += '\'';
    else if (!ent.empty() && ent[0] == '#') {
      unsigned long cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X')
                             ? std::strtoul(std::string(ent.substr(2)).c_str(), nullptr, 16)
                             : std::strtoul(std::string(ent.substr(1)).c_str(), nullptr, 10);
      if (cp == 0 || cp > 0x10FFFF) cp = 0xFFFD;
      if (cp < 0x80)
        out += static_cast<char>(cp);
      else if (cp < 0x800)
        out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
      else if (cp < 0x10000)
        out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
            out += static_cast<char>(0x80 | (cp & 0x3F));
      else
        out += static_cast<char>(0xF0 | (cp >> 18)), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<CorefDocument>> read_ecbplus(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    return Status::not_found(path + (fs::exists(path, ec) ? ": not a directory" : ": no such directory"));
  }
  fs::path root = path;
  if (fs::is_directory(root / "ECB+", ec)) root /= "ECB+";
  std::vector<fs::path> files;
  for (const auto& topic : fs::directory_iterator(root, ec)) {
    if (!topic.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(topic.path(), ec)) {
      std::string name = f.path().filename().string();
      if (name.size() > 7 && (name.ends_with("ecb.xml") || name.ends_with("ecbplus.xml"))) files.push_back(f.path());
    }
  }
  if (ec) return Status::io_error("cannot list " + root.string() + ": " + ec.message());
  if (files.empty())
    return Status::not_found(root.string() + ": no <topic>/<topic>_<n>ecb.xml or ecbplus.xml file inside");
  std::sort(files.begin(), files.end());

  std::vector<CorefDocument> out;
  for (const auto& f : files) {
    std::string file = f.string();
    if (fs::is_directory(f, ec)) return Status::io_error("cannot read " + file + ": it is a directory");
    std::ifstream in(f, std::ios::binary);
    if (!in) return cannot_open(file);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return Status::io_error("cannot read " + file + ": " + std::strerror(errno));
    std::string xml = ss.str();
    if (xml.find("<Document") == std::string::npos)
      return Status::invalid(file + ": not an ECB+ token file (no <Document> element)");
    std::map<int, std::vector<std::string>> sentences;
    size_t pos = 0;
    while ((pos = xml.find("<token ", pos)) != std::string::npos) {
      size_t gt = xml.find('>', pos);
      if (gt == std::string::npos) return Status::invalid(file + ": unterminated <token> element");
      std::string_view tag(xml.data() + pos, gt - pos);
      size_t end = xml.find("</token>", gt);
      if (tag.back() == '/' || end == std::string::npos) {
        pos = gt;
        continue;
      }
      std::string sentence = xml_attr(tag, "sentence");
      if (!digits(sentence) || sentence.size() > 6) {
        size_t line = 1 + std::count(xml.begin(), xml.begin() + static_cast<long>(pos), '\n');
        return Status::invalid(file + ":line " + std::to_string(line) +
                               ": <token> without a numeric sentence attribute");
      }
      sentences[std::stoi(sentence)].push_back(xml_text(std::string_view(xml).substr(gt + 1, end - gt - 1)));
      pos = end;
    }
    if (sentences.empty()) return Status::invalid(file + ": no <token> element");

    std::string stem = f.stem().string();  // 1_10ecbplus
    bool plus = stem.ends_with("ecbplus");
    std::string topic = f.parent_path().filename().string();
    CorefDocument c;
    c.id = stem;
    c.lang = "en";
    c.source = file;
    c.gold_story = topic;
    c.gold_event = topic + (plus ? "/ecbplus" : "/ecb");
    auto s = sentences.cbegin();
    if (plus && s->first == 0) {
      std::string url;
      for (const auto& t : s->second) url += t;
      if (url.rfind("http", 0) == 0 || url.rfind("www.", 0) == 0) {
        c.url = url;
        ++s;
      }
    }
    c.text += detokenize_lines(s, sentences.cend());
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace ng::eval
