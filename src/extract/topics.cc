#include "extract/topics.h"

#include <algorithm>
#include <map>

#include "lexicon/roles.h"

namespace ng {

struct TopicTagger::Impl {
  std::unique_ptr<RoleLexicon> phrases;  // the phrase matcher of data/roles, on data/topics
};

TopicTagger::TopicTagger() : impl_(std::make_unique<Impl>()) {}
TopicTagger::~TopicTagger() = default;

Result<std::unique_ptr<TopicTagger>> TopicTagger::create(const TopicOptions& options) {
  std::unique_ptr<TopicTagger> t(new TopicTagger());
  RoleOptions ro;
  ro.data_dir = options.data_dir;
  ro.resource = "topics";
  auto phrases = RoleLexicon::create(ro);
  if (!phrases) return phrases.status();
  t->impl_->phrases = std::move(*phrases);
  return t;
}

std::vector<Topic> TopicTagger::tag(const Document& doc) const {
  struct Count {
    int matches = 0;
    bool early = false;  // in the title or the first sentence
    std::string evidence;
  };
  std::map<std::string, Count> counts;
  uint32_t lead_end = doc.sentences.empty() ? 0 : doc.sentences[0].span.end;
  for (const RoleMatch& m : impl_->phrases->find(doc.text, doc.lang)) {
    Count& c = counts[m.role];
    if (c.matches++ == 0) c.evidence = std::string(m.span.of(doc.text));
    c.early = c.early || m.span.begin < lead_end;
  }
  if (!doc.title.empty()) {
    for (const RoleMatch& m : impl_->phrases->find(doc.title, doc.lang)) {
      Count& c = counts[m.role];
      if (c.matches == 0) c.evidence = std::string(m.span.of(doc.title));
      c.early = true;
    }
  }
  std::vector<Topic> out;
  for (const auto& [key, c] : counts) {
    if (c.matches >= 2 || c.early) out.push_back({key, std::max(1, c.matches), c.evidence});
  }
  std::stable_sort(out.begin(), out.end(), [](const Topic& a, const Topic& b) { return a.score > b.score; });
  return out;
}

}  // namespace ng
