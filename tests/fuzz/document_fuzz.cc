// Fuzz target: every document stage (decode, extract, clean, language,
// segment, mentions, time) on arbitrary bytes, as plain text and as HTML. Checks the
// invariants the rest of the system relies on: output text is valid UTF-8 and
// every span lies inside it, in order.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "lexicon/tsv.h"
#include "pipeline/pipeline.h"
#include "text/decode.h"

namespace {

const ng::DocumentProcessor& processor() {
  static std::unique_ptr<ng::DocumentProcessor> p = [] {
    ng::PipelineOptions o;
    o.data_dir = ng::default_data_dir();
    auto r = ng::DocumentProcessor::create(o);
    if (!r) std::abort();
    return std::move(r.value());
  }();
  return *p;
}

void check(const ng::Document& d) {
  if (!ng::is_valid_utf8(d.text)) std::abort();
  uint32_t last = 0;
  for (const auto& s : d.sentences) {
    if (s.span.begin > s.span.end || s.span.end > d.text.size() || s.span.begin < last) std::abort();
    last = s.span.end;
  }
  for (const auto& t : d.tokens)
    if (t.span.begin > t.span.end || t.span.end > d.text.size()) std::abort();
  for (const auto& p : d.paragraphs)
    if (p.span.begin > p.span.end || p.span.end > d.text.size()) std::abort();
  for (const auto& r : d.removed)
    if (r.span.end > d.extracted.size()) std::abort();
  last = 0;
  for (const auto& t : d.times) {
    if (t.span.begin >= t.span.end || t.span.end > d.text.size() || t.span.begin < last || t.value.empty()) std::abort();
    last = t.span.end;
  }
  if (!d.event_date.empty() && d.event_date.size() != 10) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (bool html : {false, true}) {
    ng::RawRecord r;
    r.source = "fuzz";
    r.format = html ? ng::Format::kHtml : ng::Format::kText;
    r.is_html = html;
    r.body.assign(reinterpret_cast<const char*>(data), size);
    auto d = processor().process(r);
    if (d) check(*d);
  }
  return 0;
}
