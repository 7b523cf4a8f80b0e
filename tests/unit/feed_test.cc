#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ingest/reader.h"
#include "read_bytes.h"

namespace ng {
namespace {

namespace fs = std::filesystem;
using Out = testing_util::ReadOut;

Out read_feed_text(const std::string& xml, ReaderOptions options = {}) {
  return testing_util::read_bytes(read_feed, xml, "f.xml", options);
}

TEST(Feed, Rss2ItemsWithContentEncodedAndDescription) {
  Out o = read_feed_text(R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Tin</title><language>vi</language>
<item>
  <title>Bộ trưởng   hội đàm</title>
  <link>https://tin.example/a</link>
  <pubDate>Wed, 20 May 2026 21:15:00 +0700</pubDate>
  <description>Tóm tắt ngắn.</description>
  <content:encoded><![CDATA[<p>Ngày 20/5, hai Bộ trưởng đã hội đàm.</p>]]></content:encoded>
</item>
<item>
  <title>Second</title>
  <guid>https://tin.example/b</guid>
  <pubDate>Thu, 21 May 2026 06:00:00 GMT</pubDate>
  <description>Plain text summary &amp; more.</description>
</item>
</channel></rss>)");
  ASSERT_TRUE(o.rejects.empty()) << o.rejects[0].reason;
  ASSERT_EQ(o.records.size(), 2u);
  const RawRecord& a = o.records[0];
  EXPECT_EQ(a.title, "Bộ trưởng hội đàm");
  EXPECT_EQ(a.url, "https://tin.example/a");
  EXPECT_EQ(a.published, "2026-05-20T21:15:00+07:00");  // local time and offset kept
  EXPECT_EQ(a.body, "<p>Ngày 20/5, hai Bộ trưởng đã hội đàm.</p>");
  EXPECT_TRUE(a.is_html);
  EXPECT_EQ(a.locator, "item 1");
  EXPECT_EQ(a.format, Format::kFeed);
  EXPECT_TRUE(a.lang.empty()) << "a channel's language is not the item's";
  const RawRecord& b = o.records[1];
  EXPECT_EQ(b.url, "https://tin.example/b");  // a permalink guid stands in for the link
  EXPECT_EQ(b.published, "2026-05-21T06:00:00Z");
  EXPECT_EQ(b.body, "Plain text summary & more.");
  EXPECT_FALSE(b.is_html);
}

TEST(Feed, AtomEntriesHtmlAndXhtmlContent) {
  Out o = read_feed_text(R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ex</title>
  <entry>
    <title type="html">Lavrov &lt;b&gt;reçoit&lt;/b&gt; son homologue</title>
    <link rel="self" href="https://ex.example/self/1"/>
    <link rel="alternate" href="https://ex.example/1"/>
    <updated>2026-05-20T18:00:00+02:00</updated>
    <published>2026-05-20T17:30:00+02:00</published>
    <content type="html">&lt;p&gt;Le ministre a reçu mercredi son homologue.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Deux</title>
    <link href="https://ex.example/2"/>
    <updated>2026-07-22T19:45:00+02:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Premier paragraphe.</p><p>Second.</p></div></content>
  </entry>
  <entry>
    <title>Trois</title>
    <summary>Un résumé seulement.</summary>
  </entry>
</feed>)");
  ASSERT_TRUE(o.rejects.empty());
  ASSERT_EQ(o.records.size(), 3u);
  EXPECT_EQ(o.records[0].title, "Lavrov reçoit son homologue");
  EXPECT_EQ(o.records[0].url, "https://ex.example/1");
  EXPECT_EQ(o.records[0].published, "2026-05-20T17:30:00+02:00");
  EXPECT_EQ(o.records[0].body, "<p>Le ministre a reçu mercredi son homologue.</p>");
  EXPECT_TRUE(o.records[0].is_html);
  EXPECT_EQ(o.records[1].published, "2026-07-22T19:45:00+02:00");  // updated when not published
  EXPECT_NE(o.records[1].body.find("<p>Premier paragraphe.</p>"), std::string::npos) << o.records[1].body;
  EXPECT_TRUE(o.records[1].is_html);
  EXPECT_EQ(o.records[2].body, "Un résumé seulement.");
  EXPECT_TRUE(o.records[2].url.empty());
}

TEST(Feed, Rss1RdfItems) {
  Out o = read_feed_text(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://r.example/"><title>R</title></channel>
  <item rdf:about="https://r.example/1"><title>Eins</title><link>https://r.example/1</link>
    <description>Text eins.</description><dc:date>2026-04-14T10:00:00+02:00</dc:date></item>
</rdf:RDF>)");
  ASSERT_EQ(o.records.size(), 1u);
  EXPECT_EQ(o.records[0].published, "2026-04-14T10:00:00+02:00");
  EXPECT_EQ(o.records[0].body, "Text eins.");
}

TEST(Feed, EntitiesAreNeitherExpandedNorFetched) {
  std::string bomb = R"(<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel>
<item><title>Bomb</title><link>https://b.example/1</link><description>start &f; end</description></item>
<item><title>XXE</title><link>https://b.example/2</link><description>leak &secret; here</description></item>
</channel></rss>)";
  Out o = read_feed_text(bomb);
  size_t total = 0;
  for (const auto& r : o.records) {
    total += r.body.size();
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << "external entity was read";
  }
  EXPECT_LT(total, 1000u) << "entities were expanded";
}

TEST(Feed, BadFeedsAndBadItemsAreRejectedWithReasons) {
  // Unclosed elements: libxml2's recovery mode still finds the item.
  Out broken =
      read_feed_text("<rss><channel><item><title>x</title><description>Body & more</description></channel>");
  ASSERT_EQ(broken.records.size(), 1u);
  EXPECT_TRUE(broken.rejects.empty());
  Out garbage = read_feed_text("this is not xml at all");
  ASSERT_EQ(garbage.rejects.size(), 1u);
  EXPECT_NE(garbage.rejects[0].reason.find("not a well-formed feed"), std::string::npos)
      << garbage.rejects[0].reason;
  Out html = read_feed_text("<?xml version=\"1.0\"?><html><body><p>page</p></body></html>");
  ASSERT_EQ(html.rejects.size(), 1u);
  EXPECT_EQ(html.rejects[0].reason, "not an RSS or Atom feed (root element <html>)");
  Out empty = read_feed_text("<rss version=\"2.0\"><channel><title>t</title></channel></rss>");
  ASSERT_EQ(empty.rejects.size(), 1u);
  EXPECT_EQ(empty.rejects[0].reason, "feed has no items");
  Out mixed = read_feed_text(
      "<rss version=\"2.0\"><channel><item><title>Only a title</title></item>"
      "<item><title>Good</title><description>Body text.</description></item></channel></rss>");
  ASSERT_EQ(mixed.records.size(), 1u);
  EXPECT_EQ(mixed.records[0].locator, "item 2");
  ASSERT_EQ(mixed.rejects.size(), 1u);
  EXPECT_EQ(mixed.rejects[0].locator, "item 1");
  EXPECT_EQ(mixed.rejects[0].reason, "empty item (no content, description or summary)");
}

TEST(Feed, DatesThatDoNotParseAreKeptAsGiven) {
  Out o = read_feed_text(
      "<rss version=\"2.0\"><channel><item><title>t</title><pubDate>sometime in May</pubDate>"
      "<description>Body.</description></item><item><title>u</title>"
      "<pubDate>Fri, 2 Oct 2026 08:05 EDT</pubDate><description>Body "
      "two.</description></item></channel></rss>");
  ASSERT_EQ(o.records.size(), 2u);
  EXPECT_EQ(o.records[0].published, "sometime in May");
  EXPECT_EQ(o.records[1].published, "2026-10-02T08:05:00-04:00");
}

TEST(Feed, ExternalEntityFileIsNotRead) {
  fs::path secret = fs::path(testing::TempDir()) / ("feed_secret_" + std::to_string(getpid()) + ".txt");
  std::ofstream(secret, std::ios::binary) << "MARKER-7f3a must never appear";
  Out o =
      read_feed_text("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY s SYSTEM \"file://" + secret.string() +
                     "\">]>\n<rss version=\"2.0\"><channel><item><title>Leak &s;</title>"
                     "<description>Before &s; after.</description></item></channel></rss>");
  fs::remove(secret);
  ASSERT_EQ(o.records.size(), 1u);
  EXPECT_EQ(o.records[0].body.find("MARKER"), std::string::npos);
  EXPECT_EQ(o.records[0].title.find("MARKER"), std::string::npos);
  EXPECT_EQ(o.records[0].body, "Before &s; after.");  // the reference stays as written
}

TEST(Feed, MalformedFeedIsOneRejectWithLibxmlReasonAndNothingOnStderr) {
  testing::internal::CaptureStderr();
  Out o = read_feed_text("Keine Nachrichten heute.");
  Out enc = read_feed_text(
      "<?xml version=\"1.0\" encoding=\"no-such-charset\"?><rss><channel><item><title>t</title>"
      "<description>Text.</description></item></channel></rss>");
  Out bad_utf8 = read_feed_text(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>t</title>"
      "<description>Caf\xe9 und \xff mehr.</description></item></channel></rss>");
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(err, "");
  ASSERT_EQ(o.rejects.size(), 1u);
  EXPECT_TRUE(o.records.empty());
  EXPECT_EQ(o.rejects[0].locator, "");
  EXPECT_EQ(o.rejects[0].reason.rfind("not a well-formed feed: ", 0), 0u) << o.rejects[0].reason;
  EXPECT_NE(o.rejects[0].reason.find("Start tag expected"), std::string::npos) << o.rejects[0].reason;
  ASSERT_EQ(enc.rejects.size(), 1u);
  EXPECT_EQ(enc.rejects[0].reason, "not a well-formed feed: Unsupported encoding no-such-charset (line 1)");
  ASSERT_EQ(bad_utf8.records.size(), 1u);  // recovered; the bad bytes become U+FFFD
  EXPECT_EQ(bad_utf8.records[0].body.rfind("Caf", 0), 0u);
}

TEST(Feed, HtmlEntitiesInBrokenFeedsAreKept) {
  Out o = read_feed_text(
      "<rss version=\"2.0\"><channel><item><title>Caf&eacute;&nbsp;news</title>"
      "<description>Caf&eacute; &amp; Bar &mdash; ge&ouml;ffnet &bogus; "
      "heute.</description></item></channel></rss>");
  ASSERT_EQ(o.records.size(), 1u);
  EXPECT_EQ(o.records[0].title, "Café news");
  EXPECT_EQ(o.records[0].body, "Café & Bar \u2014 geöffnet  heute.");  // unknown &bogus; is lost
}

TEST(Feed, ForeignNamespacesAreNotTakenForItemFields) {
  Out o = read_feed_text(R"(<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"
     xmlns:media="http://search.yahoo.com/mrss/">
<channel><atom:link href="https://n.example/feed" rel="self"/>
<item>
  <media:title>Photo: harbour at dawn</media:title>
  <atom:link href="https://n.example/amp/1" rel="amphtml"/>
  <title>Hafen   wieder offen</title>
  <media:description>Caption only</media:description>
  <link>https://n.example/1</link>
  <guid isPermaLink="false">tag:n.example,2026:1</guid>
  <description>Der Hafen ist seit Montag wieder geöffnet.</description>
</item>
<item>
  <title>Guid is not a permalink</title>
  <guid isPermaLink="false">https://n.example/not-a-link</guid>
  <description>Text zwei.</description>
</item>
</channel></rss>)");
  ASSERT_TRUE(o.rejects.empty());
  ASSERT_EQ(o.records.size(), 2u);
  EXPECT_EQ(o.records[0].title, "Hafen wieder offen");
  EXPECT_EQ(o.records[0].url, "https://n.example/1");
  EXPECT_EQ(o.records[0].body, "Der Hafen ist seit Montag wieder geöffnet.");
  EXPECT_FALSE(o.records[0].is_html);
  EXPECT_EQ(o.records[0].declared_charset, "utf-8");
  EXPECT_TRUE(o.records[0].id.empty());
  EXPECT_TRUE(o.records[1].url.empty());
}

TEST(Feed, TitlesLoseMarkupAndEscapedEntities) {
  Out o = read_feed_text(R"(<rss version="2.0"><channel>
<item><title>Gi&#225; v&#224;ng &amp;amp; USD &lt;em&gt;t&#259;ng&lt;/em&gt;
   m&#7841;nh</title><description>&lt;p&gt;Giá vàng tăng mạnh sáng nay.&lt;/p&gt;</description>
<pubDate>Mon, 05 Jan 2026 23:30:00 -0300</pubDate></item>
<item><title>Score 3 &lt;4 and AT&amp;T</title><description>a &lt; b, plain text</description>
<dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2026-01-06</dc:date></item>
</channel></rss>)");
  ASSERT_EQ(o.records.size(), 2u);
  EXPECT_EQ(o.records[0].title, "Giá vàng & USD tăng mạnh");
  EXPECT_EQ(o.records[0].body, "<p>Giá vàng tăng mạnh sáng nay.</p>");
  EXPECT_TRUE(o.records[0].is_html);
  EXPECT_EQ(o.records[0].published, "2026-01-05T23:30:00-03:00");  // the local date, not UTC's next day
  EXPECT_EQ(o.records[1].title, "Score 3 <4 and AT&T");
  EXPECT_EQ(o.records[1].body, "a < b, plain text");
  EXPECT_FALSE(o.records[1].is_html);
  EXPECT_EQ(o.records[1].published, "2026-01-06");
}

TEST(Feed, AtomTextContentLinkFallbacksAndXmlBase) {
  Out o = read_feed_text(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/news/">
  <entry>
    <title type="text">Plain</title>
    <link rel="enclosure" href="https://a.example/audio.mp3"/>
    <link href="2026/item-1"/>
    <published>2026-03-01T08:00:00Z</published>
    <content type="text">Water levels fell 2 &lt; 3 metres.</content>
    <summary>Unused summary.</summary>
  </entry>
  <entry>
    <title>Out of line</title>
    <content src="https://a.example/x.html" type="text/html"/>
    <summary type="html">&lt;p&gt;Short summary.&lt;/p&gt;</summary>
  </entry>
  <entry><title>Nothing else</title></entry>
</feed>)");
  ASSERT_EQ(o.records.size(), 2u);
  EXPECT_EQ(o.records[0].url, "https://a.example/news/2026/item-1");
  EXPECT_EQ(o.records[0].body, "Water levels fell 2 < 3 metres.");
  EXPECT_FALSE(o.records[0].is_html);
  EXPECT_EQ(o.records[0].published, "2026-03-01T08:00:00Z");
  EXPECT_EQ(o.records[1].body, "<p>Short summary.</p>");
  EXPECT_TRUE(o.records[1].is_html);
  ASSERT_EQ(o.rejects.size(), 1u);
  EXPECT_EQ(o.rejects[0].locator, "item 3");
}

TEST(Feed, OversizedItemIsRejectedOthersKept) {
  ReaderOptions opt;
  opt.max_record_bytes = 1000;
  Out o = read_feed_text("<rss><channel><item><title>big</title><description>" + std::string(5000, 'x') +
                             "</description></item><item><title>small</title><description>Kurz.</description>"
                             "</item></channel></rss>",
                         opt);
  ASSERT_EQ(o.records.size(), 1u);
  EXPECT_EQ(o.records[0].locator, "item 2");
  ASSERT_EQ(o.rejects.size(), 1u);
  EXPECT_EQ(o.rejects[0].locator, "item 1");
  EXPECT_NE(o.rejects[0].reason.find("--max-doc-mb"), std::string::npos);
}

}  // namespace
}  // namespace ng
