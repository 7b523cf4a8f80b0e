#include "ingest/reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>
#include <simdjson.h>

namespace ng {
namespace {

namespace fs = std::filesystem;

std::string lower_ext(const std::string& name) {
  std::string n = name;
  for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return n;
}

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

void reject(RecordSink& sink, const std::string& source, const std::string& locator, std::string reason) {
  sink.reject(Reject{source, locator, std::move(reason)});
}

void read_whole(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink,
                Format format, bool is_html) {
  auto bytes = read_all(in, options.max_record_bytes);
  if (!bytes) {
    reject(sink, source, "", bytes.status().message());
    return;
  }
  if (bytes->empty()) {
    reject(sink, source, "", "empty file");
    return;
  }
  RawRecord r;
  r.source = source;
  r.format = format;
  r.is_html = is_html;
  r.body = std::move(*bytes);
  sink.record(std::move(r));
}

// Sniffs the format of a stream without a file name (stdin).
Format sniff_format(std::string_view head) {
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  std::string_view h = head.substr(i);
  if (h.substr(0, 5) == "WARC/") return Format::kWarc;
  if (!h.empty() && h[0] == '{') return Format::kJsonl;
  std::string low = lower_ext(std::string(h.substr(0, 2048)));
  if (low.find("<rss") != std::string::npos || low.find("<feed") != std::string::npos ||
      low.find("<rdf:rdf") != std::string::npos) {
    return Format::kFeed;
  }
  if (!h.empty() && h[0] == '<') return Format::kHtml;
  return Format::kText;
}

void read_stream(InputStream& in, const std::string& source, Format format, const ReaderOptions& options,
                 RecordSink& sink) {
  switch (format) {
    case Format::kText: read_text(in, source, options, sink); break;
    case Format::kHtml: read_html(in, source, options, sink); break;
    case Format::kJsonl: read_jsonl(in, source, options, sink); break;
    case Format::kFeed: read_feed(in, source, options, sink); break;
    case Format::kWarc: read_warc(in, source, options, sink); break;
  }
}

void read_file(const std::string& path, Format format, const ReaderOptions& options, RecordSink& sink) {
  auto in = open_input(path);
  if (!in) {
    reject(sink, path, "", in.status().message());
    return;
  }
  read_stream(**in, path, format, options, sink);
}

struct Walker {
  const ReaderOptions& options;
  RecordSink& sink;
  std::set<std::pair<dev_t, ino_t>> visited_dirs;

  void walk(const fs::path& dir, int depth) {
    struct stat st;
    if (::stat(dir.c_str(), &st) != 0) {
      reject(sink, dir.string(), "", std::string("cannot read directory: ") + std::strerror(errno));
      return;
    }
    if (!visited_dirs.insert({st.st_dev, st.st_ino}).second) {
      reject(sink, dir.string(), "", "directory already visited (symlink loop or repeated link); skipped");
      return;
    }
    if (depth > 64) {
      reject(sink, dir.string(), "", "directories nested deeper than 64 levels; skipped");
      return;
    }
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') continue;  // hidden files and directories
      entries.push_back(it->path());
    }
    if (ec) {
      reject(sink, dir.string(), "", "cannot list directory: " + ec.message());
      return;
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) {
      std::error_code sec;
      auto status = fs::status(p, sec);  // follows symlinks
      if (sec) {
        if (fs::is_symlink(fs::symlink_status(p, sec))) {
          reject(sink, p.string(), "", "broken or looping symbolic link");
        } else {
          reject(sink, p.string(), "", "cannot stat: " + sec.message());
        }
        continue;
      }
      if (fs::is_directory(status)) {
        walk(p, depth + 1);
      } else if (fs::is_regular_file(status)) {
        Format f;
        if (format_from_path(p.string(), f)) read_file(p.string(), f, options, sink);
      }
    }
  }
};

}  // namespace

bool format_from_path(const std::string& path, Format& format) {
  std::string name = lower_ext(fs::path(path).filename().string());
  if (ends_with(name, ".gz")) name.resize(name.size() - 3);
  if (ends_with(name, ".txt") || ends_with(name, ".text")) format = Format::kText;
  else if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml")) format = Format::kHtml;
  else if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) format = Format::kJsonl;
  else if (ends_with(name, ".xml") || ends_with(name, ".rss") || ends_with(name, ".atom")) format = Format::kFeed;
  else if (ends_with(name, ".warc")) format = Format::kWarc;
  else return false;
  return true;
}

void read_inputs(const std::vector<std::string>& paths, const ReaderOptions& options, RecordSink& sink) {
  Walker walker{options, sink, {}};
  for (const auto& path : paths) {
    if (path == "-") {
      auto in = open_input("-");
      if (!in) {
        reject(sink, "-", "", in.status().message());
        continue;
      }
      std::string head(4096, '\0');
      size_t have = 0;
      while (have < head.size()) {
        auto got = (*in)->read(head.data() + have, head.size() - have);
        if (!got || *got == 0) break;
        have += *got;
      }
      head.resize(have);
      Format f = sniff_format(head);
      auto stream = make_prefixed_stream(std::move(head), std::move(*in));
      read_stream(*stream, "-", f, options, sink);
      continue;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      reject(sink, path, "", fs::is_symlink(fs::symlink_status(path, ec)) ? "broken or looping symbolic link"
                                                                           : "no such file or directory");
      continue;
    }
    if (fs::is_directory(status)) {
      walker.walk(path, 0);
    } else {
      Format f;
      if (!format_from_path(path, f)) {
        reject(sink, path, "",
               "unknown file type (expected .txt, .html, .htm, .jsonl[.gz], .xml, .rss, .atom, .warc[.gz])");
        continue;
      }
      read_file(path, f, options, sink);
    }
  }
}

void read_text(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink) {
  read_whole(in, source, options, sink, Format::kText, false);
}

void read_html(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink) {
  read_whole(in, source, options, sink, Format::kHtml, true);
}

namespace {

// A string field, or empty. Numbers are accepted for "id". Returns false when
// the field has a type that cannot be right (an object for "title").
bool get_field(simdjson::dom::object& obj, const char* key, std::string& out, std::string& err) {
  simdjson::dom::element el;
  if (obj[key].get(el) != simdjson::SUCCESS) return true;
  switch (el.type()) {
    case simdjson::dom::element_type::STRING: {
      std::string_view v;
      if (el.get_string().get(v) != simdjson::SUCCESS) return true;
      out.assign(v);
      return true;
    }
    case simdjson::dom::element_type::NULL_VALUE: return true;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
      out = simdjson::to_string(el);
      return true;
    default:
      err = std::string("\"") + key + "\" must be a string";
      return false;
  }
}

}  // namespace

void read_jsonl(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink) {
  LineReader lines(in, options.max_record_bytes);
  simdjson::dom::parser parser;
  std::string line;
  bool too_long = false;
  bool any = false;
  while (lines.next(line, too_long)) {
    std::string loc = "line " + std::to_string(lines.line_number());
    if (too_long) {
      reject(sink, source, loc,
             "line longer than the limit of " + std::to_string(options.max_record_bytes >> 20) +
                 " MiB for one article (raise it with --max-doc-mb)");
      any = true;
      continue;
    }
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    any = true;
    simdjson::dom::element doc;
    auto error = parser.parse(line).get(doc);
    if (error) {
      reject(sink, source, loc, std::string("malformed JSON: ") + simdjson::error_message(error));
      continue;
    }
    simdjson::dom::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) {
      reject(sink, source, loc, "not a JSON object");
      continue;
    }
    RawRecord r;
    r.source = source;
    r.locator = loc;
    r.format = Format::kJsonl;
    r.declared_charset = "UTF-8";
    std::string err;
    if (!get_field(obj, "text", r.body, err) || !get_field(obj, "id", r.id, err) ||
        !get_field(obj, "url", r.url, err) || !get_field(obj, "title", r.title, err) ||
        !get_field(obj, "published", r.published, err) || !get_field(obj, "lang", r.lang, err)) {
      reject(sink, source, loc, err);
      continue;
    }
    if (r.body.find_first_not_of(" \t\r\n") == std::string::npos) {
      reject(sink, source, loc, "missing or empty \"text\"");
      continue;
    }
    sink.record(std::move(r));
  }
  if (!lines.status().is_ok()) {
    reject(sink, source, "line " + std::to_string(lines.line_number() + 1), lines.status().message());
  } else if (!any) {
    reject(sink, source, "", "empty file (no JSON lines)");
  }
}

}  // namespace ng
