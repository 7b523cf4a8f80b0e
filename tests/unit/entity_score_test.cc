#include "eval/entity_score.h"

#include <gtest/gtest.h>

namespace ng::eval {
namespace {

TEST(EntityScore, NormalisesSurfaces) {
  EXPECT_EQ(normalise_surface("  Tô Lâm, "), "tô lâm");
  EXPECT_EQ(normalise_surface("«Шойгу»"), "шойгу");
  EXPECT_EQ(normalise_surface("ＡＳＥＡＮ"), "asean");  // NFKC folds full-width letters
  EXPECT_EQ(normalise_surface("Viet   Nam"), "viet nam");
  EXPECT_EQ(normalise_surface("STRASSE"), normalise_surface("Straße"));
}

TEST(EntityScore, StrictAndRelaxedDocumentScores) {
  DocEntities d;
  d.doc = "a";
  d.lang = "de";
  d.gold = {{"Sergei Shoigu", "PER", {"Sergej Schoigu", "Schoigu"}},
            {"Hanoi", "LOC", {"Hanoi"}},
            {"Communist Party of Vietnam", "ORG", {"Kommunistischen Partei Vietnams"}}};
  d.system = {{"e1", "PER", {"Schoigu"}},                            // strict hit
              {"e2", "ORG", {"Partei Vietnams"}},                    // relaxed hit only
              {"e3", "LOC", {"Moskau"}},                             // wrong
              {"e4", "PER", {"Hanoi"}}};                             // right span, wrong type
  EntityScores s = score_entities({d});
  // Strict: gold found 1 of 3; system correct 1 of 4.
  EXPECT_EQ(s.strict.tp_recall, 1);
  EXPECT_EQ(s.strict.gold, 3);
  EXPECT_EQ(s.strict.tp_precision, 1);
  EXPECT_EQ(s.strict.system, 4);
  // Relaxed: the party is found too.
  EXPECT_EQ(s.relaxed.tp_recall, 2);
  EXPECT_EQ(s.relaxed.tp_precision, 2);
  EXPECT_DOUBLE_EQ(s.relaxed.precision(), 0.5);
  EXPECT_NEAR(s.relaxed.recall(), 2.0 / 3, 1e-12);
  EXPECT_EQ(s.strict_by_type["LOC"].gold, 1);
  EXPECT_EQ(s.strict_by_type["LOC"].tp_recall, 0);
  EXPECT_EQ(s.strict_by_type["PER"].system, 2);
  EXPECT_EQ(s.strict_by_lang["de"].gold, 3);
  // Per language and type: PER has one gold (found) and two system entities
  // (one right); the wrongly typed Hanoi counts against PER, not LOC.
  EXPECT_EQ(s.strict_by_lang_type["de/PER"].gold, 1);
  EXPECT_EQ(s.strict_by_lang_type["de/PER"].tp_recall, 1);
  EXPECT_EQ(s.strict_by_lang_type["de/PER"].system, 2);
  EXPECT_EQ(s.strict_by_lang_type["de/PER"].tp_precision, 1);
  EXPECT_EQ(s.strict_by_lang_type["de/LOC"].system, 1);
  EXPECT_EQ(s.strict_by_lang_type.count("en/PER"), 0u);
}

TEST(EntityScore, CrossDocumentIdentityIsPairwise) {
  // Shoigu in three documents; the system links two of them and gives the
  // third its own id; it also wrongly merges Lavrov into Shoigu's entity.
  auto doc = [](std::string id, std::vector<GoldEntity> g, std::vector<SystemEntity> s) {
    DocEntities d;
    d.doc = std::move(id);
    d.lang = "en";
    d.gold = std::move(g);
    d.system = std::move(s);
    return d;
  };
  std::vector<DocEntities> docs = {
      doc("1", {{"Sergei Shoigu", "PER", {"Shoigu"}}}, {{"S", "PER", {"Shoigu"}}}),
      doc("2", {{"Sergei Shoigu", "PER", {"Schoigu"}}}, {{"S", "PER", {"Schoigu"}}}),
      doc("3", {{"Sergei Shoigu", "PER", {"Шойгу"}}}, {{"T", "PER", {"Шойгу"}}}),
      doc("4", {{"Sergei Lavrov", "PER", {"Lavrov"}}}, {{"S", "PER", {"Lavrov"}}}),
  };
  EntityScores s = score_entities(docs);
  // Gold-positive pairs: Shoigu 1-2, 1-3, 2-3 = 3. System-positive: S in 1, 2, 4 = 3 pairs.
  // Both: 1-2 only.
  EXPECT_EQ(s.identity.tp, 1);
  EXPECT_EQ(s.identity.fp, 2);
  EXPECT_EQ(s.identity.fn, 2);
  EXPECT_NEAR(s.identity.f1(), 1.0 / 3, 1e-12);
}

TEST(EntityScore, PairsInsideOneDocumentDoNotCount) {
  DocEntities d;
  d.doc = "1";
  d.lang = "en";
  d.gold = {{"Hanoi", "LOC", {"Hanoi"}}, {"Ha Noi", "LOC", {"Ha Noi"}}};
  d.system = {{"x", "LOC", {"Hanoi", "Ha Noi"}}};
  EntityScores s = score_entities({d});
  EXPECT_EQ(s.identity.tp + s.identity.fp + s.identity.fn, 0);
  EXPECT_EQ(s.strict.tp_recall, 2);
}

}  // namespace
}  // namespace ng::eval
