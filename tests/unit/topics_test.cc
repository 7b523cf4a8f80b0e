#include "extract/topics.h"

#include <gtest/gtest.h>

#include "process_text.h"

namespace ng {
namespace {

// The topic keys of `text` in `lang`, after the foundation stages.
std::vector<std::string> topics(const std::string& text, const std::string& lang, const std::string& title = "") {
  Document d = testing_support::process_text(text, lang, "", title);
  std::vector<std::string> out;
  for (const Topic& t : d.topics) out.push_back(t.key);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(Topics, OneTopicAcrossLanguages) {
  EXPECT_TRUE(has(topics("Beide Seiten wollen bei der Cybersicherheit enger zusammenarbeiten.", "de"), "cybersecurity"));
  EXPECT_TRUE(has(topics("Länderna ska samarbeta om cybersäkerhet och handel.", "sv"), "cybersecurity"));
  EXPECT_TRUE(has(topics("Kedua negara sepakat memperkuat keamanan siber.", "id"), "cybersecurity"));
  EXPECT_TRUE(has(topics("The two countries agreed to cooperate on cybersecurity.", "en"), "cybersecurity"));
  EXPECT_TRUE(has(topics("Hai bên nhất trí tăng cường hợp tác an ninh mạng.", "vi"), "cybersecurity"));
  EXPECT_TRUE(has(topics("Стороны обсудили вопросы кибербезопасности.", "ru"), "cybersecurity"));
}

TEST(Topics, OneMentionLaterInTheTextIsNotEnough) {
  std::string text =
      "The ministers met in Jakarta on Monday. They spoke for two hours about the region. "
      "Later they visited a school. A farmer watched.";
  auto t = topics(text, "en");
  EXPECT_FALSE(has(t, "agriculture")) << ::testing::PrintToString(t);  // one "farmer", late
  // Twice, or once in the title, is enough.
  EXPECT_TRUE(has(topics(text + " Farmers asked about rice prices.", "en"), "agriculture"));
  EXPECT_TRUE(has(topics(text, "en", "Ministers discuss farm exports"), "agriculture"));
}

TEST(Topics, GermanCompoundsByTheirLastPart) {
  auto t = topics("Die Landesverteidigung und die Energiesicherheit standen im Mittelpunkt.", "de");
  EXPECT_TRUE(has(t, "defence")) << ::testing::PrintToString(t);
}

}  // namespace
}  // namespace ng
