// Test helper: runs every document stage (DocumentProcessor, with the source
// tree's data/) on a text written for the test, as a JSON Lines record would
// arrive. One processor is built per test binary.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "pipeline/pipeline.h"

namespace ng::testing_support {

inline const DocumentProcessor& processor() {
  static std::unique_ptr<DocumentProcessor> p = [] {
    PipelineOptions o;
    o.data_dir = NG_TEST_DATA_DIR;
    auto made = DocumentProcessor::create(o);
    EXPECT_TRUE(made.is_ok()) << made.status().message();
    return made ? std::move(*made) : nullptr;
  }();
  return *p;
}

inline Document process_text(const std::string& text, const std::string& lang, const std::string& published = "",
                             const std::string& title = "") {
  RawRecord r;
  r.source = "t";
  r.format = Format::kJsonl;
  r.id = "t";
  r.body = text;
  r.lang = lang;
  r.published = published;
  r.title = title;
  auto d = processor().process(r);
  EXPECT_TRUE(d.is_ok()) << d.status().message();
  return d ? std::move(*d) : Document();
}

}  // namespace ng::testing_support
