// /api/stories and /api/stories/{id}: the story clusters of src/cluster
// (issue 5), through Store::list_stories and Store::get_cluster.
#include "core/json.h"
#include "query/dyad.h"
#include "serve/api_impl.h"

namespace ng::serve {

namespace {

std::string cluster_json(const ClusterSummary& c) {
  std::string ents = "[";
  for (const auto& [id, name] : c.entities) {
    if (ents.size() > 1) ents += ',';
    ents += JsonObject().integer("id", id).str("name", name).done();
  }
  return JsonObject()
      .integer("id", c.id)
      .str("level", c.level)
      .str("label", c.label)
      .str_or_null("date", c.date)
      .str_or_null("first_date", c.first_date)
      .str_or_null("last_date", c.last_date)
      .raw("story", c.story > 0 ? std::to_string(c.story) : "null")
      .integer("documents", c.documents)
      .integer("sources", c.sources)
      .raw("langs", json_string_array(c.langs))
      .raw("entities", ents + "]")
      .done();
}

}  // namespace

ApiResponse Api::Impl::stories(Store& store, Params& p) {
  StoryQuery q;
  q.from = p.date("from");
  q.to = p.date("to");
  q.entity = p.id("entity");
  int64_t limit = p.limit(50);
  q.offset = p.cursor();
  if (p.error) return json_error(p.error->status, p.error->message);
  q.limit = limit + 1;
  auto got = store.list_stories(q);
  if (!got) return status_error(got.status());
  std::vector<std::string> items;
  for (size_t i = 0; i < got->size() && items.size() < static_cast<size_t>(limit); ++i) {
    items.push_back(cluster_json((*got)[i]));
  }
  return json_ok(page_json(items, q.offset, got->size() > static_cast<size_t>(limit)));
}

ApiResponse Api::Impl::story(Store& store, int64_t id) {
  auto got = store.get_cluster(id);
  if (!got) return status_error(got.status());
  if (!got->has_value()) return json_error(404, "no story or event cluster " + std::to_string(id));
  const ClusterDetail& c = **got;
  std::string members = "[";
  for (const auto& m : c.members) {
    if (members.size() > 1) members += ',';
    members += JsonObject()
                   .str("doc", m.doc)
                   .str("lang", m.lang)
                   .str_or_null("title", m.title)
                   .str_or_null("published", m.published)
                   .str_or_null("event_date", m.event_date)
                   .str_or_null("copy_of", m.copy_of)
                   .raw("event", m.event > 0 ? std::to_string(m.event) : "null")
                   .num("score", m.score)
                   .str_or_null("why", m.why)
                   .done();
  }
  std::string events = "[";
  for (const auto& e : c.events) events += (events.size() > 1 ? "," : "") + cluster_json(e);
  std::string frames = "[";
  for (const auto& f : c.frames) frames += (frames.size() > 1 ? "," : "") + event_json(f);
  return json_ok(JsonObject()
                     .raw("story", cluster_json(c.summary))
                     .raw("members", members + "]")
                     .raw("events", events + "]")
                     .raw("frames", frames + "]")
                     .done());
}


}  // namespace ng::serve
