"""The API of `newsgraph serve` over HTTP (run by tests/e2e/serve_api_test.sh).

Usage: api_check.py URL_READONLY URL_WRITABLE TOKEN SOURCE_DIR

Expected values come from reading the sample articles in examples/ (the
Vietnam-Russia talks of 14-15 April 2026 between To Lam, Sergei Shoigu and
Luong Tam Quang are reported in several languages there) and from the test
articles in tests/serve/.
"""
import http.client
import json
import socket
import sys
import urllib.parse

RO, RW, TOKEN, SRC = sys.argv[1:5]
checks = 0


def request(base, method, path, body=None, headers=None):
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


def get(path, base=RO, status=200, headers=None):
    global checks
    s, h, data = request(base, "GET", path, headers=headers)
    assert s == status, f"GET {path}: {s} (expected {status}): {data[:300]!r}"
    checks += 1
    if s == 304:
        return None, h
    assert h["content-type"].startswith("application/json"), (path, h["content-type"])
    return json.loads(data), h


def error(path, status, code, base=RO, method="GET", body=None, headers=None):
    global checks
    s, h, data = request(base, method, path, body=body, headers=headers)
    assert s == status, f"{method} {path}: {s} (expected {status}): {data[:300]!r}"
    e = json.loads(data)["error"]
    assert e["status"] == status and e["code"] == code and e["message"], e
    checks += 1
    return e


q = urllib.parse.quote

# --- stats ------------------------------------------------------------------
stats, _ = get("/api/stats")
assert stats["documents"] == 31, stats           # 30 examples + the escaping test article
assert stats["by_lang"]["vi"] == 6 and stats["by_lang"]["ru"] == 4, stats

# --- search: across languages, diacritics folded ------------------------------
res, _ = get("/api/search?q=" + q("to lam"))
langs = {d["lang"] for d in res["items"]}
assert {"vi", "fr", "sv"} <= langs, langs          # Tô Lâm (vi), To Lam (fr, sv)
vi_hit = next(d for d in res["items"] if d["lang"] == "vi")
doc, _ = get("/api/documents/" + q(vi_hit["id"]))
assert "Tô Lâm" in doc["text"], doc["title"]       # found through "to lam"
res2, _ = get("/api/search?q=" + q("TÔ LÂM"))
assert [d["id"] for d in res2["items"]] == [d["id"] for d in res["items"]], "case and diacritics must not matter"
only_vi, _ = get("/api/search?q=" + q("to lam") + "&lang=vi")
assert only_vi["items"] and all(d["lang"] == "vi" for d in only_vi["items"]), only_vi
dated, _ = get("/api/search?q=" + q("shoigu") + "&from=2026-04-15&to=2026-04-15")
assert dated["items"] and all((d["event_date"] or d["published"])[:10] == "2026-04-15" for d in dated["items"]), dated
# Parameters never reach SQL or FTS syntax.
for nasty in ['"', "'; DROP TABLE documents; --", "to* OR lam", "NEAR(", "()", "-", "%"]:
    get("/api/search?q=" + q(nasty))
stats_after, _ = get("/api/stats")
assert stats_after["documents"] == 31

# --- entities -----------------------------------------------------------------
shoigu, _ = get("/api/entities?q=" + q("Шойгу") + "&lang=ru")
assert shoigu["items"][0]["name"] == "Sergei Shoigu", shoigu
sid = shoigu["items"][0]["id"]
ent, _ = get(f"/api/entities/{sid}")
scripts = {a["script"] for a in ent["aliases"]}
assert {"Latin", "Cyrillic"} <= scripts, scripts
alias_langs = {a["lang"] for a in ent["aliases"]}
assert {"ru", "de", "en"} <= alias_langs, alias_langs
assert any(r["role"].startswith("security_council_secretary") for r in ent["roles"]), ent["roles"]
co_names = {c["entity"]["name"] for c in ent["co_mentioned"]}
assert {"Vietnam", "Russia"} <= co_names, co_names
assert any(e["code"] == "057" for e in ent["events"]), "Shoigu signed the 2026-2030 plan on 15 April"
assert ent["documents_total"] >= 8, ent["documents_total"]
by_type, _ = get("/api/entities?type=PER&limit=5")
assert by_type["items"] and all(e["type"] == "PER" for e in by_type["items"])

# Pagination: two pages of 2 are the first page of 4.
p1, _ = get("/api/entities?limit=2")
assert p1["next_cursor"] == "2", p1["next_cursor"]
p2, _ = get("/api/entities?limit=2&cursor=" + p1["next_cursor"])
p12, _ = get("/api/entities?limit=4")
assert [e["id"] for e in p1["items"] + p2["items"]] == [e["id"] for e in p12["items"]]
last, _ = get("/api/entities?limit=500")
assert last["next_cursor"] is None

# --- documents ----------------------------------------------------------------
wire, _ = get("/api/documents/wire-ru-0415-plan")
assert wire["lang"] == "ru" and wire["events"], wire["title"]
ev = wire["events"][0]
raw = wire["text"].encode()
assert raw[ev["sentence_begin"]:ev["sentence_end"]].decode() == ev["sentence"], "sentence offsets are bytes of the text"
assert {e["name"] for e in wire["entities"]} >= {"Sergei Shoigu"}

# --- events, timeline, dossier, graph --------------------------------------------
signed, _ = get("/api/events?actor=" + q("Sergei Shoigu") + "&type=057")
assert signed["items"] and all(e["code"] == "057" for e in signed["items"]), signed
assert all("Shoigu" in (e["actor1"] or {}).get("name", "") + (e["actor2"] or {}).get("name", "") for e in signed["items"])
evp, _ = get("/api/events?limit=3")
evp2, _ = get("/api/events?limit=3&cursor=3")
ev6, _ = get("/api/events?limit=6")
assert evp["items"] + evp2["items"] == ev6["items"]

tl, _ = get("/api/timeline?a=Vietnam&b=Russia")
assert tl["a"]["name"] == "Vietnam" and "VNM" in tl["a"]["countries"] and "RUS" in tl["b"]["countries"], tl["a"]
items = tl["items"]
assert any(i["date"] == "2026-04-14" and i["code"] in ("040", "043") for i in items), items
assert any(i["date"] == "2026-04-15" and i["code"] == "057" for i in items), items
dates = [i["date"] for i in items if i["date"]]
assert dates == sorted(dates), "by date"
for i in items:   # every fact links to its source sentence
    d, _ = get("/api/documents/" + q(i["source"]))
    assert i["sentence"] in d["text"], (i["source"], i["sentence"])
tl_names, _ = get("/api/timeline?a=" + q("To Lam") + "&b=" + q("Шойгу") + "&lang=ru")
assert tl_names["items"], "To Lam and Shoigu met"
tl_from, _ = get("/api/timeline?a=Vietnam&b=Russia&from=2026-04-15")
assert all(i["date"] >= "2026-04-15" for i in tl_from["items"]) and len(tl_from["items"]) < len(items)

dossier, _ = get("/api/dossier?a=Vietnam&b=Russia")
assert dossier["x"] == "Vietnam" and dossier["documents"] >= 5, dossier
assert any(a["date"] == "2026-04-15" for a in dossier["agreements"]), dossier["agreements"]
assert "2026" in dossier["topics_by_year"], dossier["topics_by_year"]

graph, _ = get("/api/graph?limit=20")
ids = {n["id"] for n in graph["nodes"]}
assert len(graph["nodes"]) == 20 and {"Vietnam", "Russia"} <= {n["name"] for n in graph["nodes"]}
assert graph["edges"] and all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
kinds = {e["kind"] for e in graph["edges"]}
assert "co-mention" in kinds and kinds - {"co-mention"}, kinds   # event links too
people, _ = get("/api/graph?type=PER&limit=10")
assert all(n["type"] == "PER" for n in people["nodes"])

# --- stories: built against the story clusters once they are in the store ------
s, h, data = request(RO, "GET", "/api/stories")
if s == 200:
    stories = json.loads(data)
    assert stories["items"], "the examples hold several stories"
    st = stories["items"][0]
    for key in ("id", "label", "langs", "first_date", "last_date", "documents", "sources"):
        assert key in st, key
    detail, _ = get(f"/api/stories/{st['id']}")
    assert len(detail["members"]) == st["documents"] or detail["members"], detail["story"]
    error("/api/stories/999999999", 404, "not_found")
else:
    assert s == 501 and json.loads(data)["error"]["code"] == "not_implemented", (s, data)
    print("stories: not in this build yet (501)")

# --- ETags ---------------------------------------------------------------------
body, h = get("/api/timeline?a=Vietnam&b=Russia")
etag = h["etag"]
_, h304 = get("/api/timeline?a=Vietnam&b=Russia", status=304, headers={"If-None-Match": etag})
assert h304["etag"] == etag
get("/api/timeline?a=Vietnam&b=Russia", headers={"If-None-Match": '"0000"'})

# --- errors: one object, the right status ---------------------------------------
error("/api/entities?limit=0", 400, "bad_request")
error("/api/entities?limit=abc", 400, "bad_request")
error("/api/entities?cursor=-1", 400, "bad_request")
error("/api/search?from=yesterday", 400, "bad_request")
error("/api/search?entity=x", 400, "bad_request")
error("/api/search?q=" + "a" * 600, 400, "bad_request")
error("/api/graph?type=PERSON", 400, "bad_request")
error("/api/entities/0", 400, "bad_request")
error("/api/entities/99999999", 404, "not_found")
error("/api/documents/no-such-doc", 404, "not_found")
error("/api/stories/abc", 400, "bad_request")
error("/api/timeline?a=Vietnam", 400, "bad_request")
e = error("/api/timeline?a=Vietnam&b=" + q("Nowhereland Republic"), 404, "not_found")
assert "Nowhereland" in e["message"], e
error("/api/nothing", 404, "not_found")
error("/api/stats", 405, "method_not_allowed", method="PUT", body=b"{}")
error("/api/stats", 405, "method_not_allowed", method="DELETE")
error("/api/search?q=" + "x" * 9000, 414, "uri_too_long")

# --- static files, no traversal -------------------------------------------------
def raw_get(base, path):
    u = urllib.parse.urlsplit(base)
    with socket.create_connection((u.hostname, u.port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
    head, _, body = out.partition(b"\r\n\r\n")
    return int(head.split()[1]), head.decode(errors="replace"), body


st_, head, body = raw_get(RO, "/")
assert st_ == 200 and b"<title>ui</title>" in body and "Content-Security-Policy" in head, head
st_, head, body = raw_get(RO, "/assets/app.js")
assert st_ == 200 and b"console.log" in body and "text/javascript" in head
st_, _, body = raw_get(RO, "/story/12")        # a page of the app: index.html
assert st_ == 200 and b"<title>ui</title>" in body
st_, _, _ = raw_get(RO, "/assets/missing.js")
assert st_ == 404
for evil in ["/../secret/passwd", "/..%2fsecret%2fpasswd", "/assets/../../secret/passwd", "/%2e%2e/secret/passwd",
             "/assets/..%5c..%5csecret%5cpasswd", "/....//secret/passwd", "//etc/passwd", "/../../../../etc/passwd"]:
    st_, _, body = raw_get(RO, evil)
    assert b"root:" not in body, evil
    checks += 1

# --- writes ---------------------------------------------------------------------
one = open(f"{SRC}/tests/serve/write_ok.jsonl", "rb").read()
before, _ = get("/api/stats", base=RW)   # cached until the store changes
assert before["documents"] == 31, before
get("/api/stats", base=RW)
error("/api/documents", 403, "forbidden", method="POST", body=one, headers={"Content-Type": "application/x-ndjson"})
error("/api/documents", 401, "unauthorized", base=RW, method="POST", body=one,
      headers={"Content-Type": "application/x-ndjson"})
error("/api/documents", 401, "unauthorized", base=RW, method="POST", body=one,
      headers={"Content-Type": "application/x-ndjson", "Authorization": "Bearer " + TOKEN[:-1] + "x"})
auth = {"Authorization": "Bearer " + TOKEN}
error("/api/documents", 415, "unsupported_media_type", base=RW, method="POST", body=one,
      headers={**auth, "Content-Type": "text/html"})
error("/api/documents", 400, "bad_request", base=RW, method="POST", body=b"{not json",
      headers={**auth, "Content-Type": "application/json"})
error("/api/documents", 413, "payload_too_large", base=RW, method="POST", body=b"x" * (2 << 20),
      headers={**auth, "Content-Type": "application/x-ndjson"})
s, _, data = request(RW, "POST", "/api/documents", body=one, headers={**auth, "Content-Type": "application/x-ndjson"})
assert s == 200, (s, data)
out = json.loads(data)
assert out["inserted"] == 1 and out["rejected"] == 1, out
assert "text" in out["rejects"][0]["reason"] and out["rejects"][0]["place"] == "line 2", out["rejects"]
# The same document again as JSON: a duplicate, nothing added.
first = json.dumps(json.loads(one.splitlines()[0]), indent=2).encode()
s, _, data = request(RW, "POST", "/api/documents", body=first, headers={**auth, "Content-Type": "application/json"})
assert s == 200 and json.loads(data)["duplicates"] == 1, data
# Only bad records: 422 with the reasons.
s, _, data = request(RW, "POST", "/api/documents", body=b'[{"title": "x"}]', headers={**auth, "Content-Type": "application/json"})
assert s == 422 and json.loads(data)["rejects"], data
# Written documents are searchable at once, with đ folded to d.
found, _ = get("/api/search?q=" + q("dong nai duong cao toc"), base=RW)
assert [d["id"] for d in found["items"]] == ["test-post-dong-nai"], found
found, _ = get("/api/search?q=" + q("Đồng Nai"), base=RW)
assert [d["id"] for d in found["items"]] == ["test-post-dong-nai"], found
rw_stats, _ = get("/api/stats", base=RW)
assert rw_stats["documents"] == 32, rw_stats   # the commit dropped the cached answer

print(f"serve API: {checks} checks passed")
