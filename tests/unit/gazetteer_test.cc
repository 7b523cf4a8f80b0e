#include "lexicon/gazetteer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <algorithm>

namespace ng {
namespace {

const Gazetteer& gazetteer() {
  static std::unique_ptr<Gazetteer> g = [] {
    auto r = Gazetteer::build();
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return r ? std::move(*r) : nullptr;
  }();
  return *g;
}

// The ids of the places `surface` names.
std::vector<std::string> ids(const std::string& surface) {
  std::vector<std::string> out;
  for (const PlaceName& n : gazetteer().find(surface)) out.push_back(gazetteer().places()[n.place].id);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Gazetteer, CountryNamesInEveryLanguageComeFromCldr) {
  for (const char* name : {"Vietnam", "Việt Nam", "Вьетнам"}) EXPECT_EQ(ids(name), std::vector<std::string>{"VNM"}) << name;
  for (const char* name : {"Russland", "Russia", "Russie", "Rusia", "Ryssland", "Россия"})
    EXPECT_EQ(ids(name), std::vector<std::string>{"RUS"}) << name;
  EXPECT_EQ(ids("Tiongkok"), std::vector<std::string>{"CHN"});  // Indonesian
  EXPECT_EQ(ids("Thụy Điển"), std::vector<std::string>{"SWE"});  // Vietnamese
  EXPECT_EQ(ids("US"), std::vector<std::string>{"USA"});  // CLDR's short name
  EXPECT_TRUE(ids("Narnia").empty());
}

// World regions by their M.49 code, named by CLDR in each language; no country.
TEST(Gazetteer, WorldRegionsFromCldr) {
  EXPECT_EQ(ids("Southeast Asia"), std::vector<std::string>{"m49:035"});
  EXPECT_EQ(ids("Südostasien"), std::vector<std::string>{"m49:035"});
  EXPECT_EQ(ids("Đông Nam Á"), std::vector<std::string>{"m49:035"});
  EXPECT_EQ(ids("Lateinamerika"), std::vector<std::string>{"m49:419"});
  EXPECT_TRUE(ids("中美").empty());  // China-US in the news, not Central America (中美洲)
  auto found = gazetteer().find("Latin America");
  ASSERT_FALSE(found.empty());
  const Place& p = gazetteer().places()[found[0].place];
  EXPECT_EQ(p.kind, PlaceKind::kRegion);
  EXPECT_TRUE(p.country.empty());
}

TEST(Gazetteer, InflectedFormsAreDerivedByRule) {
  EXPECT_EQ(ids("Russlands"), std::vector<std::string>{"RUS"});
  EXPECT_EQ(ids("Rysslands"), std::vector<std::string>{"RUS"});
  EXPECT_EQ(ids("Sveriges"), std::vector<std::string>{"SWE"});
  for (const char* form : {"России", "Россию", "Россией", "Вьетнама", "Вьетнаму", "Вьетнамом", "Китая"})
    EXPECT_FALSE(ids(form).empty()) << form;
  auto found = gazetteer().find("Россией");
  ASSERT_FALSE(found.empty());
  EXPECT_TRUE(found[0].inflected);
  EXPECT_EQ(found[0].lang, "ru");
  EXPECT_FALSE(gazetteer().find("Россия")[0].inflected);
  // Danish and Norwegian genitive.
  EXPECT_EQ(ids("Ruslands"), std::vector<std::string>{"RUS"});
  // Polish: genitive, locative (with the softened consonant), instrumental.
  EXPECT_EQ(ids("Hiszpanii"), std::vector<std::string>{"ESP"});
  EXPECT_EQ(ids("Rosją"), std::vector<std::string>{"RUS"});
  EXPECT_EQ(ids("Polsce"), std::vector<std::string>{"POL"});
  EXPECT_EQ(ids("Wietnamie"), std::vector<std::string>{"VNM"});
  EXPECT_EQ(ids("Wietnamu"), std::vector<std::string>{"VNM"});
  for (const char* form : {"Rzymie", "Rzymu", "Madrycie", "Warszawie", "Warszawą"})
    EXPECT_FALSE(ids(form).empty()) << form;
  EXPECT_EQ(ids("Rzymie"), ids("Rzym"));
}

TEST(Gazetteer, ExemplarCitiesWithTheirCountry) {
  for (const char* name : {"Ho Chi Minh City", "TP Hồ Chí Minh", "Хошимин", "Ho-Chi-Minh-Stadt"}) {
    auto found = gazetteer().find(name);
    ASSERT_EQ(found.size(), 1u) << name;
    const Place& p = gazetteer().places()[found[0].place];
    EXPECT_EQ(p.kind, PlaceKind::kCity);
    EXPECT_EQ(p.id, "Asia/Saigon");  // CLDR's canonical id for Ho Chi Minh City
    EXPECT_EQ(p.country, "VNM");
    EXPECT_EQ(p.name, "Ho Chi Minh City");
  }
  EXPECT_FALSE(ids("Moskau").empty());
  EXPECT_FALSE(ids("Москвой").empty());  // Russian instrumental of a city
  EXPECT_EQ(gazetteer().places()[gazetteer().find("Moskau")[0].place].country, "RUS");
}

TEST(Gazetteer, RulesPerLanguage) {
  EXPECT_EQ(inflected_forms("Russland", "de"), std::vector<std::string>{"Russlands"});
  EXPECT_TRUE(inflected_forms("Paris", "de").empty());          // no -s after s
  EXPECT_EQ(inflected_forms("USA", "sv"), std::vector<std::string>{"USA:s"});
  EXPECT_TRUE(inflected_forms("Vereinigte Staaten", "de").empty());  // several words
  EXPECT_EQ(inflected_forms("Москва", "ru"), (std::vector<std::string>{"Москвы", "Москве", "Москву", "Москвой"}));
  EXPECT_EQ(inflected_forms("Прага", "ru"), (std::vector<std::string>{"Праги", "Праге", "Прагу", "Прагой"}));
  EXPECT_TRUE(inflected_forms("Перу", "ru").empty());  // does not decline
  EXPECT_TRUE(inflected_forms("Vietnam", "en").empty());
  EXPECT_TRUE(inflected_forms("Việt Nam", "vi").empty());
}

TEST(Gazetteer, OnlyTheConfiguredLanguages) {
  GazetteerOptions o;
  o.languages = {"sv"};
  o.cities = false;
  o.iso_codes_dir = "";
  auto g = Gazetteer::build(o);
  ASSERT_TRUE(g.is_ok());
  EXPECT_FALSE((*g)->find("Ryssland").empty());
  EXPECT_TRUE((*g)->find("Russland").empty());
  EXPECT_TRUE((*g)->find("Moskva").empty());
}

// A data/places row whose canonical is a place id adds its surface to that
// place: Arabic "حلب" is the Aleppo governorate German "Aleppo" finds
// through iso-codes; a row naming a place that does not exist is an error
// naming the file and line.
TEST(Gazetteer, TeamRowsJoinAPlaceById) {
  if (!std::filesystem::exists("/usr/share/iso-codes/json/iso_3166-2.json")) GTEST_SKIP() << "iso-codes not installed";
  GazetteerOptions o;
  o.data_dir = NG_TEST_DATA_DIR;
  auto g = Gazetteer::build(o);
  ASSERT_TRUE(g.is_ok()) << g.status().message();
  auto ids_of = [&](const std::string& s) {
    std::vector<std::string> out;
    for (const PlaceName& n : (*g)->find(s)) out.push_back((*g)->places()[n.place].id);
    return out;
  };
  EXPECT_EQ(ids_of("حلب"), std::vector<std::string>{"iso:SY-HL"});
  EXPECT_EQ(ids_of("Aleppo"), std::vector<std::string>{"iso:SY-HL"});
  EXPECT_EQ(ids_of("الدوحة"), ids_of("Doha"));
  EXPECT_EQ(ids_of("واشنطن"), std::vector<std::string>{"place:Washington"});
  EXPECT_EQ(ids_of("加州"), std::vector<std::string>{"iso:US-CA"});
  EXPECT_EQ(ids_of("舊金山"), std::vector<std::string>{"place:San Francisco"});
  EXPECT_EQ(ids_of("Харбине"), ids_of("Harbin"));  // Russian case forms of a team row
  EXPECT_EQ(ids_of("廣州"), ids_of("广州"));

  auto dir = std::filesystem::temp_directory_path() / "gazetteer_bad_id";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "places");
  {
    std::ofstream f(dir / "places" / "bad.tsv");
    f << "# test\nNowhere\tiso:XX-ZZ\tXXX\t\n";
  }
  GazetteerOptions bad;
  bad.data_dir = dir.string();
  auto r = Gazetteer::build(bad);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("bad.tsv:2"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("iso:XX-ZZ"), std::string::npos) << r.status().message();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Gazetteer, TeamPlacesFillWhatCldrLacks) {
  GazetteerOptions o;
  o.data_dir = NG_TEST_DATA_DIR;
  auto g = Gazetteer::build(o);
  ASSERT_TRUE(g.is_ok()) << g.status().message();
  auto place_of = [&](const char* s) -> const Place* {
    auto f = (*g)->find(s);
    return f.empty() ? nullptr : &(*g)->places()[f[0].place];
  };
  const Place* hanoi = place_of("Hanoi");
  ASSERT_NE(hanoi, nullptr);
  EXPECT_EQ(hanoi->country, "VNM");
  EXPECT_EQ(place_of("Hà Nội"), hanoi);
  EXPECT_EQ(place_of("Ханой"), hanoi);
  EXPECT_EQ(place_of("Ханое"), hanoi);  // Russian prepositional, by rule
  // A form of an exemplar city joins that city.
  const Place* moscow = place_of("Moskva");
  ASSERT_NE(moscow, nullptr);
  EXPECT_EQ(moscow->id, "Europe/Moscow");
  // Without the data directory and iso-codes, only CLDR.
  GazetteerOptions cldr;
  cldr.iso_codes_dir = "";
  auto only = Gazetteer::build(cldr);
  ASSERT_TRUE(only.is_ok());
  EXPECT_TRUE((*only)->find("Hà Nội").empty());
}

TEST(Gazetteer, IsoCodesAddCountryNamesAndProvinces) {
  if (!std::filesystem::exists("/usr/share/iso-codes/json/iso_3166-2.json")) GTEST_SKIP() << "iso-codes not installed";
  auto place_of = [](const std::string& s) -> const Place* {
    auto found = gazetteer().find(s);
    return found.empty() ? nullptr : &gazetteer().places()[found[0].place];
  };
  const Place* vn = place_of("Viet Nam");  // ISO 3166-1's English name, not CLDR's
  ASSERT_NE(vn, nullptr);
  EXPECT_EQ(vn->id, "VNM");
  // A province as written locally, without diacritics, and in translation.
  const Place* qn = place_of("Quảng Ninh");
  ASSERT_NE(qn, nullptr);
  EXPECT_EQ(qn->kind, PlaceKind::kRegion);
  EXPECT_EQ(qn->country, "VNM");
  EXPECT_EQ(place_of("Quang Ninh"), qn);
  const Place* ca = place_of("California");
  ASSERT_NE(ca, nullptr);
  EXPECT_EQ(ca->id, "iso:US-CA");
  if (const Place* de = place_of("Kalifornien")) EXPECT_EQ(de, ca);  // when the German catalogue is installed
  // Ordinary words and very short names are not places.
  EXPECT_EQ(place_of("Central"), nullptr);
  EXPECT_EQ(place_of("Van"), nullptr);
}

}  // namespace
}  // namespace ng
