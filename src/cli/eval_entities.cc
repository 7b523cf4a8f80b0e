#include "cli/eval_entities.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/common.h"
#include "cli/json.h"

namespace ng::cli {

Status each_gold_line(const std::string& path,
                      const std::function<Status(std::string_view id, simdjson::dom::element e)>& line) {
  std::ifstream in(path);
  if (!in) return Status::not_found(path + ": cannot open the gold file");
  simdjson::dom::parser parser;
  std::string text;
  int n = 0;
  while (std::getline(in, text)) {
    ++n;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::element e;
    if (parser.parse(text).get(e) != simdjson::SUCCESS || !e.is_object()) {
      return Status::invalid(path + ":" + std::to_string(n) + ": not a JSON object");
    }
    std::string_view id;
    if (e["id"].get(id) != simdjson::SUCCESS) return Status::invalid(path + ":" + std::to_string(n) + ": no \"id\"");
    NG_RETURN_IF_ERROR(line(id, e));
  }
  return Status::ok();
}

Result<eval::EntityScores> score_stored_entities(const std::string& gold_path, Store& store,
                                                 const std::string& data_dir) {
  std::map<std::string, std::vector<eval::GoldEntity>> gold;
  NG_RETURN_IF_ERROR(each_gold_line(gold_path, [&](std::string_view id, simdjson::dom::element e) {
    std::vector<eval::GoldEntity>& list = gold[std::string(id)];
    simdjson::dom::array entities;
    if (e["entities"].get(entities) != simdjson::SUCCESS) return Status::ok();
    for (simdjson::dom::element x : entities) {
      eval::GoldEntity g;
      std::string_view v;
      if (x["name"].get(v) == simdjson::SUCCESS) g.name = std::string(v);
      if (x["type"].get(v) == simdjson::SUCCESS) g.type = std::string(v);
      simdjson::dom::array surfaces;
      if (x["surface"].get(surfaces) == simdjson::SUCCESS) {
        for (simdjson::dom::element s : surfaces) {
          if (s.get(v) == simdjson::SUCCESS) g.surfaces.emplace_back(v);
        }
      }
      list.push_back(std::move(g));
    }
    return Status::ok();
  }));
  (void)data_dir;
  std::vector<eval::DocEntities> docs;
  Status st = store.for_each_document({}, [&](const Document& d) {
    auto it = gold.find(d.id);
    if (it == gold.end()) return true;
    eval::DocEntities de;
    de.doc = d.id;
    de.lang = d.lang;
    de.gold = it->second;
    // What ingest stored: a document's entity is its mentions linked to one
    // registry entity (their type settled per document by the linker).
    std::map<int64_t, size_t> slot;
    for (const Mention& m : d.mentions) {
      if (m.entity <= 0) continue;
      auto [pos, fresh] = slot.emplace(m.entity, de.system.size());
      if (fresh) de.system.push_back({"e" + std::to_string(m.entity), m.type, {}});
      auto& surfaces = de.system[pos->second].surfaces;
      std::string surface(m.span.of(d.text));
      if (std::find(surfaces.begin(), surfaces.end(), surface) == surfaces.end()) surfaces.push_back(surface);
    }
    docs.push_back(std::move(de));
    return true;
  });
  if (!st.is_ok()) return st;
  return eval::score_entities(docs);
}

namespace {
void row(std::string& out, const std::string& name, const eval::Prf& s, const eval::Prf& r) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "  %-6s %5ld %5ld  %5.3f %5.3f %5.3f   %5.3f %5.3f %5.3f\n", name.c_str(), s.gold,
                s.system, s.precision(), s.recall(), s.f1(), r.precision(), r.recall(), r.f1());
  out += buf;
}
std::string prf_json(const eval::Prf& p) {
  return JsonObject()
      .integer("gold", p.gold)
      .integer("system", p.system)
      .num("precision", p.precision())
      .num("recall", p.recall())
      .num("f1", p.f1())
      .done();
}
std::string map_json(const std::map<std::string, eval::Prf>& strict, const std::map<std::string, eval::Prf>& relaxed) {
  std::string out = "{";
  for (const auto& [k, v] : strict) {
    if (out.size() > 1) out += ',';
    json_string(out, k);
    out += ':' + JsonObject().raw("strict", prf_json(v)).raw("relaxed", prf_json(relaxed.at(k))).done();
  }
  return out + "}";
}
}  // namespace

std::string entity_table(const eval::EntityScores& s) {
  std::string out = "entities (document level)        strict              relaxed\n";
  out += "  what    gold   sys      P     R    F1       P     R    F1\n";
  row(out, "all", s.strict, s.relaxed);
  for (const auto& [t, v] : s.strict_by_type) row(out, t, v, s.relaxed_by_type.at(t));
  for (const auto& [l, v] : s.strict_by_lang) row(out, l, v, s.relaxed_by_lang.at(l));
  // Per language and type, strict F1 only, for the languages with the most gold.
  out += "  strict F1 by language and type (languages with 50+ gold entities)\n";
  char buf[200];
  for (const auto& [l, v] : s.strict_by_lang) {
    if (v.gold < 50) continue;
    std::string line = "  " + l;
    for (const char* t : {"PER", "ORG", "LOC"}) {
      auto it = s.strict_by_lang_type.find(l + '/' + t);
      if (it == s.strict_by_lang_type.end()) continue;
      std::snprintf(buf, sizeof buf, "  %s %5.3f (%ld)", t, it->second.f1(), it->second.gold);
      line += buf;
    }
    out += line + "\n";
  }
  std::snprintf(buf, sizeof buf, "cross-document identity (pairs)  P %.3f  R %.3f  F1 %.3f  (tp %ld fp %ld fn %ld)\n",
                s.identity.precision(), s.identity.recall(), s.identity.f1(), s.identity.tp, s.identity.fp,
                s.identity.fn);
  out += buf;
  return out;
}

std::string entity_json(const eval::EntityScores& s) {
  return JsonObject()
      .raw("strict", prf_json(s.strict))
      .raw("relaxed", prf_json(s.relaxed))
      .raw("by_type", map_json(s.strict_by_type, s.relaxed_by_type))
      .raw("by_lang", map_json(s.strict_by_lang, s.relaxed_by_lang))
      .raw("by_lang_type", map_json(s.strict_by_lang_type, s.relaxed_by_lang_type))
      .raw("identity", JsonObject()
                           .integer("tp", s.identity.tp)
                           .integer("fp", s.identity.fp)
                           .integer("fn", s.identity.fn)
                           .num("precision", s.identity.precision())
                           .num("recall", s.identity.recall())
                           .num("f1", s.identity.f1())
                           .done())
      .done();
}

}  // namespace ng::cli
