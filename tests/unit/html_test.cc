#include "ingest/html.h"

#include <gtest/gtest.h>

namespace ng {
namespace {

HtmlArticle extract(const std::string& html) {
  auto a = extract_html(html);
  EXPECT_TRUE(a.is_ok()) << a.status().message();
  return a.is_ok() ? *a : HtmlArticle{};
}

const char* kPage = R"(<!DOCTYPE html>
<html lang="de-AT"><head>
<title>Verteidigungsminister reisen nach Hanoi | Beispiel-Zeitung</title>
<meta property="og:title" content="Minister beraten in Hanoi über Ausbildung">
<meta property="article:published_time" content="2026-03-02T10:00:00+01:00">
<link rel="canonical" href="https://zeitung.example/politik/hanoi-2026">
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style>
</head><body>
<header class="site-header"><a href="/">Beispiel-Zeitung</a></header>
<nav><ul><li><a href="/politik">Politik</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="layout">
<article>
<h1>Minister beraten in Hanoi</h1>
<p>Die Verteidigungsminister beider Länder haben am Montag in Hanoi über Ausbildung &amp; Militärmedizin beraten.</p>
<p>Ein Sprecher sagte,<br>man wolle die Zusammenarbeit&nbsp;ausbauen. Details zu <a href="/x">einem Abkommen</a> nannte er nicht.</p>
<figure><img src="a.jpg"><figcaption>Die Minister in Hanoi. Foto: Beispiel</figcaption></figure>
<div class="share-buttons"><a href="#">Teilen</a> <a href="#">Drucken</a></div>
</article>
<aside class="sidebar"><h3>Meistgelesen</h3><p>Ein ganz anderer Artikel über das Wetter in Wien, der hier nicht hingehört.</p></aside>
<section id="comments"><h3>Kommentare (2)</h3><p>Sehr interessant, danke für den Bericht aus Vietnam!</p></section>
<div class="related-articles"><ul><li><a href="/a">Wahl in Tirol</a></li><li><a href="/b">Budget beschlossen</a></li></ul></div>
</div>
<footer><p>© Beispiel-Zeitung. Impressum.</p></footer>
</body></html>)";

TEST(Html, KeepsTheArticleAndDropsThePage) {
  HtmlArticle a = extract(kPage);
  EXPECT_EQ(a.text,
            "Minister beraten in Hanoi\n\n"
            "Die Verteidigungsminister beider Länder haben am Montag in Hanoi über Ausbildung & Militärmedizin "
            "beraten.\n\n"
            "Ein Sprecher sagte,\nman wolle die Zusammenarbeit ausbauen. Details zu einem Abkommen nannte er "
            "nicht.\n\n"
            "Die Minister in Hanoi. Foto: Beispiel");
  EXPECT_EQ(a.title, "Minister beraten in Hanoi über Ausbildung");  // og:title first
  EXPECT_EQ(a.published, "2026-03-02T10:00:00+01:00");
  EXPECT_EQ(a.canonical_url, "https://zeitung.example/politik/hanoi-2026");
  EXPECT_EQ(a.lang, "de");
}

TEST(Html, TitleFallsBackToH1ThenTitleWithoutSiteName) {
  HtmlArticle a = extract("<html><head><title>A long enough headline for the page | Example Site</title></head>"
                          "<body><h1>The headline in the page</h1><p>Some text of the article body.</p></body></html>");
  EXPECT_EQ(a.title, "The headline in the page");
  HtmlArticle b = extract("<html><head><title>A long enough headline for the page | Example Site</title></head>"
                          "<body><p>Some text of the article body.</p></body></html>");
  EXPECT_EQ(b.title, "A long enough headline for the page");
  HtmlArticle c = extract("<html><head><title>Short | Site</title></head><body><p>Text.</p></body></html>");
  EXPECT_EQ(c.title, "Short | Site");  // what remains would not be a headline
}

TEST(Html, PublishedDateFromJsonLdAndTimeElement) {
  HtmlArticle a = extract(
      R"(<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[)"
      R"({"@type":"WebPage"},{"@type":"NewsArticle","datePublished" : "2026-05-20T08:00:00Z"}]}</script>)"
      R"(</head><body><article><p>Lavrov received his Vietnamese counterpart in Moscow.</p></article></body></html>)");
  EXPECT_EQ(a.published, "2026-05-20T08:00:00Z");
  HtmlArticle b = extract(R"(<html><body><article><time datetime="2026-06-03">3 June</time>)"
                          R"(<p>Indonesia and Vietnam signed a rice deal.</p></article></body></html>)");
  EXPECT_EQ(b.published, "2026-06-03");
  HtmlArticle c = extract(R"(<html><head><meta property="og:url" content="https://n.example/a">)"
                          R"(<link rel="canonical" href="/relative/only"></head><body><p>x</p></body></html>)");
  EXPECT_EQ(c.canonical_url, "https://n.example/a");  // relative canonical ignored
}

TEST(Html, WithoutArticleMarkupTheDensestBlockWins) {
  std::string para = "<p>Der Minister sprach lange über die Lage der Wirtschaft und die Pläne der Regierung.</p>";
  std::string html = "<html><body><div class=\"col\"><ul>";
  for (int i = 0; i < 15; ++i) html += "<li><a href=\"/n" + std::to_string(i) + "\">Schlagzeile Nummer " +
                                       std::to_string(i) + " aus einem anderen Ressort</a></li>";
  html += "</ul></div><div class=\"col\">" + para + para + para + "</div></body></html>";
  HtmlArticle a = extract(html);
  EXPECT_EQ(a.text.find("Schlagzeile"), std::string::npos) << a.text;
  EXPECT_NE(a.text.find("Der Minister sprach"), std::string::npos);
}

TEST(Html, ClassWordsAreTokensNotSubstrings) {
  // "headline", "leadspace", "shadow" contain "ad"/"head" but are not furniture.
  HtmlArticle a = extract(
      "<html><body><div class=\"headline leadspace shadow\"><p>Tô Lâm tiếp Thư ký Hội đồng An ninh Nga tại Hà Nội "
      "hôm thứ Ba.</p></div><div class=\"ad-slot\"><p>Quảng cáo: mua ngay hôm nay với giá ưu đãi đặc biệt!</p>"
      "</div></body></html>");
  EXPECT_NE(a.text.find("Tô Lâm tiếp"), std::string::npos) << a.text;
  EXPECT_EQ(a.text.find("Quảng cáo"), std::string::npos) << a.text;
}

TEST(Html, HiddenElementsAndCommentsGo) {
  HtmlArticle a = extract(
      "<html><body><article><p>Шойгу провёл переговоры в Ханое во вторник.</p>"
      "<p hidden>скрыто</p><div style=\"display: none\">тоже скрыто</div><div aria-hidden=\"true\">и это</div>"
      "<!-- комментарий --></article></body></html>");
  EXPECT_EQ(a.text, "Шойгу провёл переговоры в Ханое во вторник.");
}

TEST(Html, PathologicalNestingIsRejectedNotParsed) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "x";
  auto a = extract_html(deep);
  ASSERT_FALSE(a.is_ok());
  EXPECT_EQ(a.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(a.status().message().find("nests deeper than 2000"), std::string::npos);

  std::string ok;
  for (int i = 0; i < 1500; ++i) ok += "<div>";
  ok += "<p>Deep but acceptable text.</p>";
  for (int i = 0; i < 1500; ++i) ok += "</div>";
  auto b = extract_html(ok);
  ASSERT_TRUE(b.is_ok()) << b.status().message();
  EXPECT_EQ(b->text, "Deep but acceptable text.");

  // Void elements do not nest.
  std::string flat;
  for (int i = 0; i < 5000; ++i) flat += "<br><img src=x>";
  EXPECT_TRUE(extract_html("<p>a</p>" + flat).is_ok());
}

TEST(Html, EmptyInputIsAnError) {
  EXPECT_FALSE(extract_html("").is_ok());
  EXPECT_FALSE(extract_html(" \n\t").is_ok());
}

TEST(Html, SniffsTheDeclaredCharset) {
  EXPECT_EQ(sniff_html_charset("<html><head><meta charset=\"Windows-1252\"></head>"), "windows-1252");
  EXPECT_EQ(sniff_html_charset("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">"),
            "iso-8859-1");
  EXPECT_EQ(sniff_html_charset("<meta charset='koi8-r'>"), "koi8-r");
  EXPECT_EQ(sniff_html_charset("<html><head><title>none</title></head>"), "");
  // Only the first 1024 bytes count.
  EXPECT_EQ(sniff_html_charset(std::string(1100, ' ') + "<meta charset=\"utf-8\">"), "");
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The depth pre-scan follows the parser where evading it would be cheap.
TEST(Html, NestingEvasionsAreCaught) {
  for (const std::string& unit : {std::string("<div></x>"), std::string("<div/>"), std::string("<span></b>")}) {
    auto a = extract_html(repeat(unit, 100000) + "<p>x</p>");
    ASSERT_FALSE(a.is_ok()) << unit;
    EXPECT_NE(a.status().message().find("nests deeper"), std::string::npos) << unit;
  }
  // One tag with a million attributes costs the parser their square.
  auto soup = extract_html(repeat("<a</a", 200000));
  ASSERT_FALSE(soup.is_ok());
  EXPECT_NE(soup.status().message().find("attributes"), std::string::npos);
}

TEST(Html, WhatTheParserClosesItselfIsNotDeep) {
  // Unclosed paragraphs and list items are siblings; self-closing SVG
  // elements close; script text is not markup; a long data URI is one attribute.
  std::string page = "<html><body><article>" + repeat("<p>Ein Absatz ohne Ende", 3000) + "<ul>" +
                     repeat("<li>Punkt", 3000) + "</ul><svg>" + repeat("<path d=\"M0 0\"/>", 3000) +
                     "</svg><script>var s = \"" + repeat("<div>", 3000) + "\";</script><img src=\"data:image/png;base64," +
                     repeat("AAAA/BBB+", 20000) + "\"></article></body></html>";
  auto a = extract_html(page);
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  EXPECT_NE(a->text.find("Ein Absatz ohne Ende"), std::string::npos);
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Html, FormsDialogsAndRolesGoLinkListsGoInlineLinksStay) {
  HtmlArticle a = extract(R"(<html lang="EN-gb"><body>
<form action="/newsletter"><p>Get our morning briefing</p><input type="email"></form>
<dialog open><p>Accept cookies?</p></dialog>
<div role="complementary"><p>Weather: sunny</p></div>
<article><h1><a href="/story">Parliament passes the budget</a></h1>
<p>The lower house approved the spending plan on Thursday after a long debate.</p>
<ul><li><a href="/a">Budget</a></li><li><a href="/b">Parliament</a></li></ul>
<p>Read the <a href="/full">full text of the bill</a> on the website of the assembly.</p>
</article></body></html>)");
  EXPECT_EQ(a.text,
            "Parliament passes the budget\n\n"
            "The lower house approved the spending plan on Thursday after a long debate.\n\n"
            "Read the full text of the bill on the website of the assembly.");
  EXPECT_EQ(a.title, "Parliament passes the budget");
  EXPECT_EQ(a.lang, "en");
}

TEST(Html, AFormWrappingTheWholePageIsKept) {
  // ASP.NET pages put everything in one <form>; its prose makes it content.
  HtmlArticle a = extract(
      "<html><body><form id=\"aspnetForm\" action=\"page.aspx\"><div class=\"main\">"
      "<h2>Gemeinderat beschließt neuen Radweg</h2>"
      "<p>Der Gemeinderat hat am Dienstagabend mit großer Mehrheit den Bau eines neuen Radwegs entlang der "
      "Bundesstraße beschlossen.</p></div></form></body></html>");
  EXPECT_EQ(a.text,
            "Gemeinderat beschließt neuen Radweg\n\n"
            "Der Gemeinderat hat am Dienstagabend mit großer Mehrheit den Bau eines neuen Radwegs entlang der "
            "Bundesstraße beschlossen.");
}

TEST(Html, PublishedPrecedence) {
  const std::string jsonld =
      R"(<script type="application/ld+json">{"datePublished":"2026-01-31T23:00:00Z"}</script>)";
  // Publishing metas come before JSON-LD; datePublished before the generic ones; values are trimmed.
  EXPECT_EQ(extract("<html><head><meta name=\"pubdate\" content=\"2026-02-01\">" + jsonld +
                    "</head><body><p>Text.</p></body></html>")
                .published,
            "2026-02-01");
  EXPECT_EQ(extract("<html><head><meta name=\"pubdate\" content=\"2026-02-01\">"
                    "<meta itemprop=\"datePublished\" content=\" 2026-02-02T09:15:00+07:00 \"></head>"
                    "<body><p>Text.</p></body></html>")
                .published,
            "2026-02-02T09:15:00+07:00");
  // <time> inside the chosen article beats an earlier one in the page chrome.
  HtmlArticle c = extract(
      "<html><body><div class=\"topbar-date\"><time datetime=\"2026-11-23\">Сегодня</time></div>"
      "<article><time datetime=\"2026-03-05T07:00:00+03:00\">5 марта</time>"
      "<p>Российские и вьетнамские дипломаты обсудили в Москве подготовку визита и сотрудничество в "
      "энергетике.</p><p>Стороны договорились провести следующий раунд консультаций в Ханое осенью.</p>"
      "</article></body></html>");
  EXPECT_EQ(c.published, "2026-03-05T07:00:00+03:00");
  EXPECT_EQ(c.text,
            "5 марта\n\n"
            "Российские и вьетнамские дипломаты обсудили в Москве подготовку визита и сотрудничество в "
            "энергетике.\n\n"
            "Стороны договорились провести следующий раунд консультаций в Ханое осенью.");
}

TEST(Html, TitleCanonicalLangAndEntities) {
  HtmlArticle a = extract(
      "<html lang=\"VI\"><head><title>Hội nghị Trung ương bàn về nhân sự khóa mới - Báo Mẫu</title>"
      "<link rel=\"canonical\" href=\"https://baomau.example/x\">"
      "<meta property=\"og:url\" content=\"https://baomau.example/y\"></head>"
      "<body><p>Giá xăng giảm&nbsp;&nbsp;500&nbsp;đồng &amp; dầu &lt;tăng&gt;</p></body></html>");
  EXPECT_EQ(a.title, "Hội nghị Trung ương bàn về nhân sự khóa mới");
  EXPECT_EQ(a.canonical_url, "https://baomau.example/x");
  EXPECT_EQ(a.lang, "vi");
  EXPECT_EQ(a.text, "Giá xăng giảm 500 đồng & dầu <tăng>");
  HtmlArticle b = extract("<html><head><meta property=\"og:url\" content=\"ftp://baomau.example/y\"></head>"
                          "<body><p>x</p></body></html>");
  EXPECT_EQ(b.canonical_url, "");
  EXPECT_EQ(b.lang, "");
}

TEST(Html, AdoptionAgencyNestingIsCaught) {
  // "</b>" leaves the <div> inside it open: the tree nests one level per unit.
  auto a = extract_html(repeat("<b><div></b>", 100000));
  ASSERT_FALSE(a.is_ok());
  EXPECT_EQ(a.status().code(), StatusCode::kInvalidInput);
  // Well-nested formatting is flat however often it repeats.
  auto b = extract_html("<html><body>" + repeat("<p><b>Wichtig:</b> ein Satz mit <i>Betonung</i>.</p>", 3000) +
                        "</body></html>");
  ASSERT_TRUE(b.is_ok()) << b.status().message();
  EXPECT_EQ(b->text.substr(0, 50), "Wichtig: ein Satz mit Betonung.\n\nWichtig: ein Satz");
}

TEST(Html, FormattingCloneBombIsStoppedByTheMemoryBudget) {
  // 1990 unclosed <b>s with distinct attributes, closed implicitly by </div>,
  // are cloned into each later paragraph: 30 KB of input would need ~1 GB.
  std::string html = "<html><body><div>";
  for (int i = 0; i < 1990; ++i) html += "<b id=" + std::to_string(i) + ">";
  html += "</div>" + repeat("<p>x</p>", 1000);
  auto a = extract_html(html);
  ASSERT_FALSE(a.is_ok());
  EXPECT_EQ(a.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(a.status().message().find("MiB"), std::string::npos) << a.status().message();
  // A few sloppy unclosed formatting elements are fine (gumbo clones at most three alike).
  auto b = extract_html("<html><body>" + repeat("<p><b>Tin nhanh</p>", 1500) + "</body></html>");
  ASSERT_TRUE(b.is_ok()) << b.status().message();
  EXPECT_EQ(b->text.substr(0, 20), "Tin nhanh\n\nTin nhanh");
}

TEST(Html, SniffsByteOrderMarksAndLeadingWhitespace) {
  EXPECT_EQ(sniff_html_charset("\xEF\xBB\xBF<meta charset=\"windows-1251\">"), "utf-8");
  EXPECT_EQ(sniff_html_charset("\n\n  <meta charset=UTF-8>"), "utf-8");
  EXPECT_EQ(sniff_html_charset("<meta http-equiv='content-type' content='text/html;charset=KOI8-R'>"), "koi8-r");
  EXPECT_EQ(sniff_html_charset("<meta name=\"viewport\" content=\"width=device-width\">"), "");
}

}  // namespace
}  // namespace ng
