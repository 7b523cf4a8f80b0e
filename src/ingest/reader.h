// Input readers: turn files, directories and stdin into RawRecords.
//
// Readers do only what needs the container format (splitting a JSONL file into
// lines, a WARC file into records, a feed into items). Everything per article
// that costs CPU (decoding, HTML extraction, cleaning) is a document stage run
// later in parallel by the pipeline.
//
// Errors never stop a batch: a bad file, line, item or record becomes a Reject
// delivered to the sink, with the path, the place inside it and the reason,
// and reading goes on with the next one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "ingest/stream.h"

namespace ng {

struct ReaderOptions {
  // Largest single article (a .txt or .html file, a JSONL line, a feed item, a
  // WARC record body). Larger ones are rejected with a message; streams
  // (JSONL, WARC, feeds inside gzip) are read in chunks and may be any size.
  uint64_t max_record_bytes = 32ull << 20;  // 32 MiB
  // Largest feed file (.xml/.rss/.atom), which libxml2 parses whole.
  uint64_t max_feed_bytes = 256ull << 20;   // 256 MiB
};

struct RecordSink {
  std::function<void(RawRecord&&)> record;
  std::function<void(Reject&&)> reject;
};

// Format chosen from the file name: .txt .text -> text; .html .htm -> html;
// .jsonl .ndjson (optionally .gz) -> jsonl; .xml .rss .atom -> feed;
// .warc (optionally .gz) -> warc. Unknown extensions return false.
bool format_from_path(const std::string& path, Format& format);

// Reads every path in order: files, directories (recursively, in sorted order,
// following symlinks but never entering a directory twice, so symlink loops
// end with a Reject), and "-" for stdin (format sniffed from the content).
// Files with unknown extensions inside directories are skipped silently;
// named explicitly, they are rejected.
void read_inputs(const std::vector<std::string>& paths, const ReaderOptions& options,
                 RecordSink& sink);

// Per-format readers. `source` names the input in records and rejects.
void read_text(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink);
void read_html(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink);
void read_jsonl(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink);
void read_feed(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink);
void read_warc(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink);

}  // namespace ng
