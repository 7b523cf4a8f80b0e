#include "link/linker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "fresh_db.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace ng {
namespace {

namespace fs = std::filesystem;

struct M {
  std::string surface, type, role, place, affiliation;
};

// A document whose mentions are the given surfaces, found in text order.
Document doc(const std::string& id, const std::string& lang, const std::string& text, const std::vector<M>& ms) {
  Document d;
  d.id = id;
  d.lang = lang;
  d.text = text;
  size_t from = 0;
  for (const auto& m : ms) {
    size_t at = text.find(m.surface, from);
    EXPECT_NE(at, std::string::npos) << m.surface;
    if (at == std::string::npos) continue;
    Mention x;
    x.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + m.surface.size())};
    x.type = m.type;
    x.role = m.role;
    x.place = m.place;
    x.affiliation = m.affiliation;
    d.mentions.push_back(x);
    from = at + m.surface.size();
  }
  return d;
}

std::unique_ptr<Linker> linker() {
  LinkOptions o;
  o.data_dir = NG_TEST_DATA_DIR;
  auto l = Linker::create(o);
  EXPECT_TRUE(l.is_ok()) << l.status().message();
  return l ? std::move(*l) : nullptr;
}

// The entity of the mention written `surface` in `d`.
int64_t entity_of(const Document& d, const std::string& surface) {
  for (const auto& m : d.mentions) {
    if (m.span.of(d.text) == surface) return m.entity;
  }
  ADD_FAILURE() << "no mention " << surface;
  return -1;
}

TEST(Linker, OnePersonAcrossLanguagesAndScripts) {
  auto l = linker();
  std::vector<Document> docs = {
      doc("en", "en", "Sergei Shoigu arrived in Hanoi.", {{"Sergei Shoigu", "PER"}, {"Hanoi", "LOC", "", "Asia/Saigon"}}),
      doc("de", "de", "Sergej Schoigu traf in Hanoi ein.", {{"Sergej Schoigu", "PER"}, {"Hanoi", "LOC", "", "Asia/Saigon"}}),
      doc("sv", "sv", "Sergej Sjojgu kom till Hanoi.", {{"Sergej Sjojgu", "PER"}, {"Hanoi", "LOC", "", "Asia/Saigon"}}),
      doc("ru", "ru", "Сергей Шойгу прибыл в Ханой.", {{"Сергей Шойгу", "PER"}, {"Ханой", "LOC", "", "Asia/Saigon"}}),
      doc("fr", "fr", "Sergueï Choïgou est arrivé.", {{"Sergueï Choïgou", "PER"}}),
  };
  RegistryDelta delta = l->link(docs);
  int64_t shoigu = entity_of(docs[0], "Sergei Shoigu");
  EXPECT_GT(shoigu, 0);
  EXPECT_EQ(entity_of(docs[1], "Sergej Schoigu"), shoigu);
  EXPECT_EQ(entity_of(docs[2], "Sergej Sjojgu"), shoigu);
  EXPECT_EQ(entity_of(docs[3], "Сергей Шойгу"), shoigu);
  EXPECT_EQ(entity_of(docs[4], "Sergueï Choïgou"), shoigu);
  EXPECT_EQ(entity_of(docs[3], "Ханой"), entity_of(docs[0], "Hanoi"));
  EXPECT_NE(entity_of(docs[0], "Hanoi"), shoigu);
  // Two entities, five documents linked to each person, each link explained.
  EXPECT_EQ(delta.created.size(), 2u);
  ASSERT_EQ(delta.links.size(), 9u);
  EXPECT_EQ(delta.links[0].rule, "new");
  EXPECT_EQ(delta.links[3].rule, "name key");  // Sergej Schoigu
  EXPECT_NE(delta.links[3].evidence.find("sergei shoigu"), std::string::npos) << delta.links[3].evidence;
}

TEST(Linker, ShortFormsResolveInsideTheDocument) {
  auto l = linker();
  std::vector<Document> docs = {
      doc("vi", "vi", "Tổng Bí thư Tô Lâm tiếp đoàn. Lâm cho biết hai nước sẽ hợp tác.",
          {{"Tô Lâm", "PER", "general_secretary"}, {"Lâm", "PER"}}),
      doc("en", "en", "To Lam met the minister. Later, Lam said the talks went well.",
          {{"To Lam", "PER"}, {"Lam", "PER"}}),
      doc("de", "de", "Der Minister Schoigu sprach mit Journalisten.", {{"Schoigu", "PER", "minister"}}),
      doc("en2", "en", "Sergei Shoigu flew home. Shoigu said nothing.", {{"Sergei Shoigu", "PER"}, {"Shoigu", "PER"}}),
  };
  RegistryDelta delta = l->link(docs);
  int64_t lam = entity_of(docs[0], "Tô Lâm");
  EXPECT_EQ(entity_of(docs[0], "Lâm"), lam);
  EXPECT_EQ(entity_of(docs[1], "To Lam"), lam);
  EXPECT_EQ(entity_of(docs[1], "Lam"), lam);
  // "Schoigu" came before any full name: its own entity; the full name in a
  // later document does not steal it, and its short form follows it.
  EXPECT_EQ(entity_of(docs[3], "Shoigu"), entity_of(docs[3], "Sergei Shoigu"));
  bool noted = false;
  for (const auto& link : delta.links) {
    noted = noted || link.evidence.find("'Lâm' is a short form of 'Tô Lâm'") != std::string::npos;
  }
  EXPECT_TRUE(noted);
}

TEST(Linker, AShortFormJoinsAKnownPersonInALaterDocument) {
  auto l = linker();
  std::vector<Document> docs = {
      doc("a", "en", "Ngo Xuan Lich visited Moscow.", {{"Ngo Xuan Lich", "PER"}, {"Moscow", "LOC", "", "Europe/Moscow"}}),
      doc("b", "en", "Lich returned to Hanoi.", {{"Lich", "PER"}, {"Hanoi", "LOC", "", "Asia/Saigon"}}),
      doc("c", "ru", "Министр встретился с Путиным.", {{"Путиным", "PER"}}),
      doc("d", "en", "Vladimir Putin spoke.", {{"Vladimir Putin", "PER"}}),
      doc("e", "ru", "Слова Путина.", {{"Путина", "PER"}}),
  };
  RegistryDelta delta = l->link(docs);
  EXPECT_EQ(entity_of(docs[1], "Lich"), entity_of(docs[0], "Ngo Xuan Lich"));
  // An inflected surname finds the person through its stem.
  EXPECT_EQ(entity_of(docs[4], "Путина"), entity_of(docs[3], "Vladimir Putin"));
  EXPECT_EQ(delta.links.back().rule, "short form");
}

TEST(Linker, SimilarNamesStayApart) {
  auto l = linker();
  std::vector<Document> docs = {
      doc("a", "en", "Nguyen Minh Triet met Kim Jong Un.", {{"Nguyen Minh Triet", "PER"}, {"Kim Jong Un", "PER"}}),
      doc("b", "en", "Nguyen Minh Vu met Kim Yo Jong.", {{"Nguyen Minh Vu", "PER"}, {"Kim Yo Jong", "PER"}}),
      // A titled "Kim" beside both Kims is ambiguous: it joins neither.
      doc("c", "en", "Kim Jong Un and Kim Yo Jong arrived; Chairman Kim spoke first.",
          {{"Kim Jong Un", "PER"}, {"Kim Yo Jong", "PER"}, {"Kim", "PER", "chairman"}}),
  };
  l->link(docs);
  EXPECT_NE(entity_of(docs[0], "Nguyen Minh Triet"), entity_of(docs[1], "Nguyen Minh Vu"));
  EXPECT_NE(entity_of(docs[0], "Kim Jong Un"), entity_of(docs[1], "Kim Yo Jong"));
  EXPECT_EQ(entity_of(docs[2], "Kim Jong Un"), entity_of(docs[0], "Kim Jong Un"));
  EXPECT_EQ(entity_of(docs[2], "Kim Yo Jong"), entity_of(docs[1], "Kim Yo Jong"));
  int64_t kim = entity_of(docs[2], "Kim");
  EXPECT_NE(kim, entity_of(docs[0], "Kim Jong Un"));
  EXPECT_NE(kim, entity_of(docs[1], "Kim Yo Jong"));
}

TEST(Linker, ALoneWordIsAPersonOnlyWithEvidence) {
  auto l = linker();
  std::vector<Document> docs = {
      doc("a", "en", "Joe Biden spoke in Lima.", {{"Joe Biden", "PER"}, {"Lima", "LOC", "", "America/Lima"}}),
      // "Biden" is a known person's name; "Richter" has no title and names
      // nobody known: not reported.
      doc("b", "en", "Biden said the quake measured 6 on the Richter scale.", {{"Biden", "PER"}, {"Richter", "PER"}}),
      doc("c", "de", "Kanzler Scholz reiste ab.", {{"Scholz", "PER", "chancellor"}}),
  };
  l->link(docs);
  ASSERT_EQ(docs[1].mentions.size(), 1u);
  EXPECT_EQ(docs[1].mentions[0].entity, entity_of(docs[0], "Joe Biden"));
  ASSERT_EQ(docs[2].mentions.size(), 1u);  // a title is evidence
  EXPECT_GT(docs[2].mentions[0].entity, 0);
}

// A lone surname in a comma list with a linked person is a person too;
// joined by a conjunction alone to a split organisation name it is not.
TEST(Linker, ALoneWordListedWithPeopleIsAPerson) {
  auto l = linker();
  std::vector<Document> docs = {
      doc("a", "pt", "Lionel Messi, Dybala, Paredes e Montiel marcaram.",
          {{"Lionel Messi", "PER"}, {"Dybala", "PER"}, {"Paredes", "PER"}, {"Montiel", "PER"}}),
      doc("b", "it", "La Direzione di Sanità e Igiene ha parlato.", {{"Direzione di Sanità", "PER"}, {"Igiene", "PER"}}),
  };
  l->link(docs);
  ASSERT_EQ(docs[0].mentions.size(), 4u);
  for (const auto& m : docs[0].mentions) EXPECT_GT(m.entity, 0) << m.span.of(docs[0].text);
  EXPECT_NE(entity_of(docs[0], "Dybala"), entity_of(docs[0], "Montiel"));
  ASSERT_EQ(docs[1].mentions.size(), 1u);
  EXPECT_EQ(docs[1].mentions[0].span.of(docs[1].text), "Direzione di Sanità");
}

TEST(Linker, OneTypePerEntityInADocument) {
  auto l = linker();
  // The extractor guessed PER for one "Marrakesh" and found the other in the
  // gazetteer: the document has one place.
  std::vector<Document> docs = {doc("a", "en", "Marrakesh was quiet. Rescuers reached Marrakesh at noon.",
                                    {{"Marrakesh", "PER"}, {"Marrakesh", "LOC", "", "place:Marrakesh"}})};
  l->link(docs);
  ASSERT_EQ(docs[0].mentions.size(), 2u);
  EXPECT_EQ(docs[0].mentions[0].entity, docs[0].mentions[1].entity);
  EXPECT_EQ(docs[0].mentions[0].type, "LOC");
}

TEST(Linker, ANameInAnotherScriptJoinsByTitleCountryAndContext) {
  auto l = linker();
  const M sf{"San Francisco", "LOC", "", "America/Los_Angeles"};
  std::vector<Document> docs = {
      doc("a", "en", "U.S. President Joe Biden met Chinese President Xi Jinping in San Francisco.",
          {{"Joe Biden", "PER", "president", "", "USA"}, {"Xi Jinping", "PER", "president", "", "CHN"}, sf}),
      doc("b", "en", "President Joe Biden returned from San Francisco.",
          {{"Joe Biden", "PER", "president", "", "USA"}, sf}),
      doc("c", "en", "President Donald Trump spoke in Ohio.", {{"Donald Trump", "PER", "president", "", "USA"}}),
      // 拜登 shares no key with "Joe Biden": the title, its country and the
      // co-mentioned city decide (Trump has the same title, not the context).
      doc("d", "zh", "美国总统拜登在旧金山发表讲话。",
          {{"拜登", "PER", "president", "", "USA"}, {"旧金山", "LOC", "", "America/Los_Angeles"}}),
      // Without a context that tells the two presidents apart: a new entity.
      doc("e", "zh", "美国总统川普发表讲话。", {{"川普", "PER", "president", "", "USA"}}),
  };
  RegistryDelta delta = l->link(docs);
  EXPECT_EQ(entity_of(docs[3], "拜登"), entity_of(docs[0], "Joe Biden"));
  auto link = std::find_if(delta.links.begin(), delta.links.end(),
                           [&](const EntityLink& x) { return x.doc == "d" && x.entity == entity_of(docs[3], "拜登"); });
  ASSERT_NE(link, delta.links.end());
  EXPECT_EQ(link->rule, "title and context");
  int64_t trump = entity_of(docs[2], "Donald Trump");
  EXPECT_NE(entity_of(docs[4], "川普"), trump);
  EXPECT_NE(entity_of(docs[4], "川普"), entity_of(docs[0], "Joe Biden"));
}


// A full name in Cyrillic without a title joins the Latin-script person
// whose consonants it keeps, when the document's context was seen with
// that person; without that context it stays apart.
TEST(Linker, AFullNameInAnotherScriptJoinsBySpellingAndContext) {
  auto l = linker();
  const M sf{"San Francisco", "LOC", "", "America/Los_Angeles"};
  const M sf_ru{"Сан-Франциско", "LOC", "", "America/Los_Angeles"};
  std::vector<Document> docs = {
      doc("a", "en", "Joe Biden met Xi Jinping in San Francisco.",
          {{"Joe Biden", "PER"}, {"Xi Jinping", "PER"}, sf}),
      doc("b", "ru", "Джо Байден и Си Цзиньпин встретились в Сан-Франциско.",
          {{"Джо Байден", "PER"}, {"Си Цзиньпин", "PER"}, sf_ru}),
      // The same consonants, no shared context: not enough.
      doc("c", "ru", "Джо Боден выступил в Омске.", {{"Джо Боден", "PER"}}),
  };
  RegistryDelta delta = l->link(docs);
  EXPECT_EQ(entity_of(docs[1], "Джо Байден"), entity_of(docs[0], "Joe Biden"));
  EXPECT_EQ(entity_of(docs[1], "Си Цзиньпин"), entity_of(docs[0], "Xi Jinping"));
  EXPECT_NE(entity_of(docs[2], "Джо Боден"), entity_of(docs[0], "Joe Biden"));
  auto link = std::find_if(delta.links.begin(), delta.links.end(), [&](const EntityLink& x) {
    return x.doc == "b" && x.entity == entity_of(docs[0], "Joe Biden");
  });
  ASSERT_NE(link, delta.links.end());
  EXPECT_EQ(link->rule, "spelling and context");
}

// Regnal names are translated: a pope's name in five languages is one
// person; another pope, and a minister whose surname begins alike, are not.
TEST(Linker, ARegnalNameJoinsTheHolderOfItsTitleAcrossLanguages) {
  auto l = linker();
  std::vector<Document> docs = {
      doc("a", "it", "Papa Francesco ha celebrato la messa a Roma.", {{"Francesco", "PER", "pope"}}),
      doc("b", "pl", "Papież Franciszek odprawił mszę.", {{"Franciszek", "PER", "pope"}}),
      doc("c", "de", "Papst Franziskus empfing Gäste.", {{"Franziskus", "PER", "pope"}}),
      doc("d", "fr", "Le pape Benoît a démissionné.", {{"Benoît", "PER", "pope"}}),
      doc("e", "de", "Minister Schmidt sprach.", {{"Schmidt", "PER", "minister", "", "DEU"}}),
      doc("f", "de", "Minister Schmitz antwortete.", {{"Schmitz", "PER", "minister", "", "DEU"}}),
      // A name without the title is not a regnal name.
      doc("g", "es", "Francisco Franco murió en Madrid.", {{"Francisco Franco", "PER"}}),
  };
  RegistryDelta delta = l->link(docs);
  int64_t pope = entity_of(docs[0], "Francesco");
  EXPECT_EQ(entity_of(docs[1], "Franciszek"), pope);
  EXPECT_EQ(entity_of(docs[2], "Franziskus"), pope);
  EXPECT_NE(entity_of(docs[3], "Benoît"), pope);
  EXPECT_NE(entity_of(docs[4], "Schmidt"), entity_of(docs[5], "Schmitz"));
  EXPECT_NE(entity_of(docs[6], "Francisco Franco"), pope);
  auto link = std::find_if(delta.links.begin(), delta.links.end(), [&](const EntityLink& x) { return x.doc == "b"; });
  ASSERT_NE(link, delta.links.end());
  EXPECT_EQ(link->rule, "title and cognate");
}
// The registry continues from the store: linking in one run or in several,
// with any number of threads, gives the same entities.
TEST(Linker, SameEntitiesWhateverTheThreadsAndRuns) {
  std::vector<RawRecord> records;
  const char* texts[] = {
      "Defence Minister Sergei Shoigu arrived in Hanoi on Monday. Shoigu met General Secretary To Lam.",
      "Verteidigungsminister Sergej Schoigu ist in Hanoi eingetroffen. Er traf Generalsekretär To Lam.",
      "Министр обороны Сергей Шойгу прибыл в Ханой.",
      "President Vladimir Putin called Tô Lâm. Putin thanked Lâm for the visit.",
      "Tổng Bí thư Tô Lâm tiếp Bộ trưởng Quốc phòng Nga Sergei Shoigu tại Hà Nội.",
      "Kim Jong Un met Vladimir Putin in Vladivostok. Kim praised Putin.",
  };
  const char* langs[] = {"en", "de", "ru", "en", "vi", "en"};
  for (int i = 0; i < 6; ++i) {
    RawRecord r;
    r.source = "mem";
    r.locator = "item " + std::to_string(i + 1);
    r.format = Format::kJsonl;
    r.id = "doc" + std::to_string(i + 1);
    r.lang = langs[i];
    r.body = texts[i];
    records.push_back(r);
  }
  auto run = [&](const std::string& name, int threads, size_t batch, int splits) {
    fs::path p = fresh_db("", "linker_" + name + ".db");
    std::vector<std::vector<int64_t>> out;
    auto store = open_sqlite_store(p.string());
    EXPECT_TRUE(store.is_ok());
    PipelineOptions o;
    o.data_dir = NG_TEST_DATA_DIR;
    o.threads = threads;
    o.batch_size = batch;
    size_t per = (records.size() + splits - 1) / splits;
    for (size_t from = 0; from < records.size(); from += per) {
      // A new pipeline per part: the registry must come back from the store.
      auto pipeline = Pipeline::create(o, **store);
      EXPECT_TRUE(pipeline.is_ok());
      std::vector<RawRecord> part(records.begin() + from, records.begin() + std::min(records.size(), from + per));
      EXPECT_TRUE((*pipeline)->ingest_records(part).is_ok());
    }
    for (const auto& r : records) {
      auto d = (*store)->get_document(r.id);
      EXPECT_TRUE(d.is_ok() && d->has_value());
      std::vector<int64_t> ids;
      for (const auto& m : (**d).mentions) ids.push_back(m.entity);
      out.push_back(ids);
    }
    return out;
  };
  auto one = run("one", 1, 256, 1);
  EXPECT_EQ(run("many", 4, 2, 1), one);
  EXPECT_EQ(run("split", 2, 1, 3), one);
  // And the store answers for Shoigu with one entity in documents 1, 2, 3, 5.
  fs::path p = fs::path(testing::TempDir()) / "linker_one.db";
  auto store = open_sqlite_store(p.string());
  ASSERT_TRUE(store.is_ok());
  auto l = linker();
  auto found = (*store)->find_entities(l->lookup_keys("Sergej Schoigu", "de"), "Sergej Schoigu");
  ASSERT_TRUE(found.is_ok());
  ASSERT_EQ(found->size(), 1u);
  auto e = (*store)->get_entity(found->front());
  ASSERT_TRUE(e.is_ok() && e->has_value());
  std::vector<std::string> where;
  for (const auto& o : (**e).documents) where.push_back(o.doc);
  EXPECT_EQ(where, (std::vector<std::string>{"doc1", "doc2", "doc3", "doc5"}));
  EXPECT_EQ((**e).summary.type, "PER");
  EXPECT_EQ((**e).summary.name, "Sergei Shoigu");  // the most used Latin-script full form
}

}  // namespace
}  // namespace ng
