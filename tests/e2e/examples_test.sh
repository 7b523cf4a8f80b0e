# The bundled sample corpus goes in whole, in every format, with what a reader
# of each article would expect: its language, title, URL, date and agency, and
# none of the page furniture. Expected values come from tests/golden/examples_gold.jsonl and
# from reading the articles (examples/README.md).
source "$(dirname "$0")/lib.sh"
cd "$SRC"
run_ng 0 ingest --db "$WORK/ex.db" --json examples
python3 - "$WORK/out" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["inserted"] == 30 and s["rejected"] == 0, s
PY
run_ng 0 export docs --full --db "$WORK/ex.db"
python3 - "$WORK/out" tests/golden/examples_gold.jsonl <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
gold = [json.loads(l) for l in open(sys.argv[2])]
by_source = {d["source"].removeprefix("examples/"): d for d in docs}
assert len(by_source) == 30, sorted(by_source)
wrong = [(g["source"], g["lang"], by_source[g["source"]]["lang"]) for g in gold
         if by_source[g["source"]]["lang"] != g["lang"]]
assert not wrong, "language: %s" % wrong
for d in docs:
    assert d["lang_reliable"], (d["source"], d["lang_detected"])
    assert d["title"], ("no title", d["source"])
    assert d["sentences"], ("no sentences", d["source"])
    for b, e in d["sentences"]:
        assert 0 <= b < e <= len(d["text"].encode()), (d["source"], b, e)

def doc(src): return by_source[src]
def removed(d): return [r["text"] for r in d["removed"]]

# Plain text: headline first line, furniture out, source line -> url, sign-off -> agency.
en = doc("txt/en-to-lam-receives-shoigu.txt")
assert en["title"] == "Party chief To Lam receives Russian Security Council Secretary Sergei Shoigu", en["title"]
assert en["agency"] == "VNA", en["agency"]
for junk in ("Share this article", "Back to top"):
    assert junk not in en["text"] and junk in removed(en), junk
caption = "General Secretary To Lam receives Sergei Shoigu in Hanoi on April 14."
assert en["text"].count(caption) <= 1, "repeated caption kept twice"
de = doc("txt/de-to-lam-empfaengt-schoigu.txt")
assert de["url"] == "https://www.beispiel-nachrichten.de/politik/asien/vietnam-schoigu-260414.html", de["url"]
assert "Kommentar (0)" not in de["text"] and "Quelle:" not in de["text"]
sv = doc("txt/sv-to-lam-tar-emot-sjojgu.txt")
assert sv["url"] == "https://www.exempelnytt.se/utrikes/vietnam-ryssland-2026-04-14", sv["url"]
fr = doc("txt/fr-to-lam-recoit-choigou.txt")
assert fr["url"].startswith("https://www.exemple-info.fr/"), fr["url"]
# "Gen. Luong Tam Quang" and "14. bis 15. Apr. 2026" do not end sentences.
sents = lambda d: [d["text"].encode()[b:e].decode() for b, e in d["sentences"]]
assert any("Gen. Luong Tam Quang" in s for s in sents(de)), sents(de)
assert any("vom 14. bis 15. Apr. 2026 zu einem" in s for s in sents(de)), sents(de)
en2 = doc("txt/en-quang-shoigu-sign-plan.txt")
assert any("the U.S. sanctions policy would not" in s for s in sents(en2)), sents(en2)
# German article quoting English: German with one English paragraph.
q = doc("txt/de-son-lawrow-moskau.txt")
assert q["lang"] == "de"
assert [p["lang"] for p in q["paragraphs"]].count("en") == 1, q["paragraphs"]

# HTML: main text only, metadata from the page.
vi = doc("html/vi-to-lam-tiep-shoigu.html")
assert vi["url"] == "https://baovidu.vn/chinh-tri/tong-bi-thu-to-lam-tiep-thu-ky-hoi-dong-an-ninh-nga-260414.html"
assert vi["published"] == "2026-04-14T18:30:00+07:00", vi["published"]
assert vi["title"].startswith("Tổng Bí thư Tô Lâm tiếp"), vi["title"]
for junk in ("Thể thao", "Bình luận", "Tin liên quan", "Giấy phép", "Chia sẻ"):
    assert junk not in vi["text"], junk
es = doc("html/es-sanchez-recibe-pham-minh-chinh.html")
assert es["charset"] in ("windows-1252", "cp1252"), es["charset"]
assert "Sánchez" in es["text"], es["text"][:200]
assert es["title"] == "Sánchez recibe al primer ministro vietnamita, Pham Minh Chinh, en la Moncloa", es["title"]
assert "Comentarios" not in es["text"] and "Portada" not in es["text"]
adm = doc("html/en-giang-fomin-admm.html")
assert adm["published"].startswith("2026-10-02"), adm["published"]
for junk in ("cookies", "Most read", "Navy drills", "Privacy", "Sign up"):
    assert junk not in adm["text"], junk

# JSONL: external ids kept, metadata from the line.
ru = [d for d in docs if d["id"] == "wire-ru-0414-shoigu"]
assert len(ru) == 1 and ru[0]["lang"] == "ru" and ru[0]["published"] == "2026-04-14"

# Feeds: one document per item, link and date from the item, HTML bodies extracted.
rss = doc("feeds/tin-vi-du.rss:item 1")
assert rss["url"] == "https://tin-vi-du.vn/the-gioi/bui-thanh-son-hoi-dam-lavrov-20260520.htm"
assert rss["published"].startswith("2026-05-20"), rss["published"]
assert "<p>" not in rss["text"]
atom = doc("feeds/exemple-info.atom:item 2")
assert atom["url"].endswith("/2026/07/22/sanchez-pham-minh-chinh") and atom["lang"] == "fr"

# WARC: HTML responses only, target URI as url; the image and the 404 are not documents.
warc = sorted(k for k in by_source if k.startswith("warc/"))
assert set(warc) == {"warc/crawl.warc.gz:record %d" % n for n in (3, 5, 7, 9, 11)}, warc
w = doc("warc/crawl.warc.gz:record 7")  # gzip-encoded HTTP body
assert w["url"] == "https://www.beispiel-rundschau.de/ausland/vietnam-russland-verteidigung-20261002"
assert w["published"].startswith("2026-10-02T15:20"), w["published"]  # the page's own date beats WARC-Date
w5 = doc("warc/crawl.warc.gz:record 5")  # chunked HTTP body
assert "MADRID, July 22" in w5["text"] and "Comments (12)" not in w5["text"]
# Mentions (first version): titled people with their role key, countries and cities.
def ments(d): return {(m["type"], m["text"], m["role"]) for m in d["mentions"]}
for want in [("PER", "To Lam", "general_secretary"), ("PER", "Sergei Shoigu", "security_council_secretary"),
             ("LOC", "Moscow", None)]:
    assert want in ments(en), (want, sorted(ments(en)))
for want in [("PER", "Sergej Schoigu", "security_council_secretary"), ("LOC", "Russland", None)]:
    assert want in ments(de), (want, sorted(ments(de)))
for d in docs:
    for m in d["mentions"]:
        assert d["text"].encode()[m["begin"]:m["end"]].decode() == m["text"], (d["source"], m)
print("examples: 30 documents, languages, metadata, furniture and mentions as expected")
PY
# One person across languages and scripts: Shoigu, Schoigu, Sjojgu, Choïgou, Шойгу.
run_ng 0 entity --db "$WORK/ex.db" "Sergej Schoigu" --lang de --json --why
python3 - "$WORK/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["entity"]["name"] == "Sergei Shoigu" and d["entity"]["type"] == "PER", d["entity"]
assert d["other_matches"] == [], d["other_matches"]
surfaces = {a["surface"] for a in d["aliases"]}
for want in ["Sergei Shoigu", "Sergej Schoigu", "Sergej Sjojgu", "Сергей Шойгу"]:
    assert want in surfaces, (want, surfaces)
assert {"en", "de", "sv", "ru"} <= set(d["entity"]["langs"]), d["entity"]["langs"]
assert all(o["rule"] and o["evidence"] for o in d["documents"]), d["documents"]
PY
run_ng 0 entities --db "$WORK/ex.db" --type LOC --json
python3 - "$WORK/out" <<'PY'
import json, sys
ents = {json.loads(l)["name"]: json.loads(l) for l in open(sys.argv[1])}
assert "Russia" in ents and "Россия" not in ents, sorted(ents)
assert {"de", "sv", "ru"} <= set(ents["Russia"]["langs"]), ents["Russia"]
PY
# export docs names each document's entities with the forms written there.
run_ng 0 export docs --db "$WORK/ex.db" --lang ru
python3 - "$WORK/out" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
names = {e["name"] for d in docs for e in d["entities"]}
assert "Sergei Shoigu" in names and "Russia" in names, names
for d in docs:
    for e in d["entities"]:
        assert e["surfaces"] and all(s in d["text"] for s in e["surfaces"]), e
PY
run_ng 2 entities --db "$WORK/ex.db" --type XYZ
# Events and the Vietnam–Russia timeline of the sample corpus: To Lam hosted
# Shoigu on 14 April 2026, Shoigu held talks with Luong Tam Quang on the 15th.
run_ng 0 timeline Vietnam Russia --json --db "$WORK/ex.db"
python3 - "$WORK/out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
dates = [r["date"] for r in rows if r["date"]]
assert dates == sorted(dates), dates
host = [r for r in rows if r["date"] == "2026-04-14" and r["code"] == "043" and r["actor1"]["name"] == "To Lam"
        and r["actor2"]["name"] == "Sergei Shoigu"]
assert host and host[0]["actor1"]["country"] == "VNM" and host[0]["actor2"]["country"] == "RUS", rows
talks = [r for r in rows if r["date"] == "2026-04-15" and r["code"] == "040"
         and {r["actor1"]["name"], r["actor2"]["name"]} == {"Luong Tam Quang", "Sergei Shoigu"}]
assert talks and talks[0]["place"]["name"] == "Hanoi", rows
PY
run_ng 0 events --type 043 --from 2026-04-01 --to 2026-04-30 --json --db "$WORK/ex.db"
python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; assert r and all(x["code"]=="043" and "2026-04-01"<=x["date"]<="2026-04-30" for x in r), r' "$WORK/out"
run_ng 0 dossier Vietnam Russia --json --db "$WORK/ex.db"
python3 - "$WORK/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["x"] == "Vietnam" and d["y"] == "Russia", d
assert any(t["year"] == "2026" and t["code"] == "043" for t in d["events_by_type_and_year"]), d
assert any(p["person"] == "Sergei Shoigu" for p in d["people_y"]), d["people_y"]
assert any(a["date"] == "2026-04-15" for a in d["agreements"]), d["agreements"]
PY
run_ng 0 timeline Vietnam Russia --csv --db "$WORK/ex.db"
head -1 "$WORK/out" | grep -q '^date,code,type,actor1' || { echo "timeline --csv has no header"; exit 1; }
run_ng 2 events --from April --db "$WORK/ex.db"
run_ng 2 timeline Vietnam --db "$WORK/ex.db"
run_ng 1 timeline Vietnam "Nobody Known Here" --db "$WORK/ex.db"
run_ng 1 entity --db "$WORK/ex.db" "Nobody Known Here"

# relink rebuilds the registry from the stored documents: the same entities
# as ingest made, for a store it linked and for one whose registry is empty
# (as a store from before the registry is after migration).
run_ng 0 export docs --db "$WORK/ex.db"
cp "$WORK/out" "$WORK/before.jsonl"
run_ng 0 relink --db "$WORK/ex.db"
run_ng 0 export docs --db "$WORK/ex.db"
cmp "$WORK/out" "$WORK/before.jsonl" || { echo "relink changed the entities"; exit 1; }
cp "$WORK/ex.db" "$WORK/old.db"
sqlite3 "$WORK/old.db" "UPDATE mentions SET entity = NULL; DELETE FROM entity_links; DELETE FROM entity_aliases;
  DELETE FROM entity_keys; DELETE FROM entities;"
run_ng 0 entities --db "$WORK/old.db" --json
[ ! -s "$WORK/out" ] || { echo "expected no entities"; exit 1; }
run_ng 0 relink --db "$WORK/old.db"
run_ng 0 export docs --db "$WORK/old.db"
cmp "$WORK/out" "$WORK/before.jsonl" || { echo "relink of an unlinked store differs from ingest"; exit 1; }

# Ingesting again adds nothing.
run_ng 0 ingest --db "$WORK/ex.db" --json examples
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); assert s["inserted"]==0 and s["duplicates"]==30, s' "$WORK/out"

# Event dates of the sample corpus vs its gold (tests/golden/examples_gold.jsonl).
# Measured 28/30 (2026-11-23): en-to-lam-receives-shoigu names "April 14" with
# no year anywhere; en-dousa-ho-chi-minh-city's only year is a 2050 target.
run_ng 0 eval dates --json "$SRC/examples"
python3 - "$WORK/out" "$SRC/tests/golden/examples_gold.jsonl" <<'PY'
import json, sys
gold = {json.loads(l)["source"]: json.loads(l)["event_date"] for l in open(sys.argv[2])}
ok = n = 0
for l in open(sys.argv[1]):
    d = json.loads(l)
    src = d["source"].split("examples/", 1)[1]
    if src not in gold:
        continue
    n += 1
    ok += d["event_date"] == gold[src]
    for t in d["times"]:
        assert t["value"] and t["anchor"] in ("explicit", "published", "inferred", "none"), t
print("examples event dates %d/%d" % (ok, n))
assert n == 30 and ok >= 27, (ok, n)
PY

# Event clusters and stories of the sample corpus vs its gold: B-cubed F1,
# and the stored event dates (the text's, else the event cluster's).
# Measured 2026-11-23: event F1 0.881, story F1 1.000, dates 27/30. The
# misses: Shoigu meeting Luong Tam Quang on 15 April joins the 14 April
# reception (same people, next day: within a day counts as one happening),
# and the Sweden-Vietnam forum's "Sept. 10", which the time stage puts in
# 2048 from a 2050 target, dates a second member of its cluster and keeps
# the report with the right date (from its URL) out of it.
run_ng 0 export docs --db "$WORK/ex.db"
python3 - "$WORK/out" "$SRC/tests/golden/examples_gold.jsonl" <<'PY'
import json, sys
gold = {}
for l in open(sys.argv[2]):
    g = json.loads(l)
    gold[g["source"]] = g
items = []
for l in open(sys.argv[1]):
    d = json.loads(l)
    src = d["source"].split("examples/", 1)[1]
    if src in gold:
        assert isinstance(d["event"], int) and isinstance(d["story"], int) and d["event"] != d["story"], d["id"]
        items.append((gold[src], d))
assert len(items) == 30, len(items)
def bcubed(key_g, key_s):
    p = r = 0.0
    for g, s in items:
        same_s = [x for x in items if x[1][key_s] == s[key_s]]
        same_g = [x for x in items if x[0][key_g] == g[key_g]]
        both = [x for x in same_s if x[0][key_g] == g[key_g]]
        p += len(both) / len(same_s)
        r += len(both) / len(same_g)
    p, r = p / len(items), r / len(items)
    return 2 * p * r / (p + r)
ev, st = bcubed("event", "event"), bcubed("story", "story")
dates = sum(g["event_date"] == d["event_date"] for g, d in items)
print("examples clusters: event F1 %.3f, story F1 %.3f, stored event dates %d/30" % (ev, st, dates))
assert ev >= 0.85 and st >= 0.95 and dates >= 27, (ev, st, dates)
PY

# stories and story answer from the store.
run_ng 0 stories --db "$WORK/ex.db" --json
python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows and all(r["level"] == "story" and r["documents"] >= r["sources"] >= 1 and r["label"] for r in rows), rows
print(rows[0]["id"], file=open(sys.argv[2], "w"))' "$WORK/out" "$WORK/story_id"
run_ng 0 story "$(cat "$WORK/story_id")" --db "$WORK/ex.db" --why --json
python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
assert s["cluster"]["level"] == "story" and s["members"] and s["events"], s["cluster"]
assert all(m["why"] for m in s["members"]), s["members"]' "$WORK/out"
run_ng 1 story 999999 --db "$WORK/ex.db"
run_ng 2 story notanid --db "$WORK/ex.db"
