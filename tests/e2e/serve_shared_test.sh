# `newsgraph serve` on the dev corpus of ../shared (skipped when absent):
# every endpoint answers, with results, on a real multilingual store.
source "$(dirname "$0")/lib.sh"
source "$SRC/tests/serve/lib.sh"
shared="${NEWSGRAPH_SHARED:-$SRC/../shared}"
[ -f "$shared/corpora/dev/articles.jsonl" ] || skip "no ../shared/corpora/dev (third-party corpora are not shipped)"
run_ng 0 ingest --db "$WORK/dev.db" "$shared/corpora/dev/articles.jsonl"
start_server dev --db "$WORK/dev.db"
python3 - "$URL_dev" <<'PY'
import json, sys, urllib.parse, urllib.request
base = sys.argv[1]
q = urllib.parse.quote
def get(path):
    with urllib.request.urlopen(base + path) as r:
        assert r.status == 200, path
        return json.load(r)
stats = get("/api/stats")
assert stats["documents"] == 119, stats
stories = get("/api/stories?limit=5")["items"]
assert stories, "stories"
story = get(f"/api/stories/{stories[0]['id']}")
assert story["members"], story["story"]
ents = get("/api/entities?limit=20")["items"]
countries = [e for e in ents if e["type"] == "LOC" and len(e["place"] or "") == 3]
assert len(countries) >= 2, ents
ent = get(f"/api/entities/{ents[0]['id']}")
assert ent["aliases"] and ent["documents"], ent["entity"]
assert get("/api/entities?q=" + q(ents[0]["name"]))["items"]
doc = get("/api/documents/" + q(story["members"][0]["doc"]))
assert doc["text"]
assert get("/api/search?q=" + q(ents[0]["name"]))["items"]
assert get("/api/search?q=" + q(ents[0]["name"]) + "&lang=en&from=2000-01-01&to=2100-01-01") is not None
events = get("/api/events?limit=20")["items"]
assert events, "events"
a, b = countries[0]["id"], countries[1]["id"]
tl = get(f"/api/timeline?a={a}&b={b}")
assert "items" in tl
assert get(f"/api/dossier?a={a}&b={b}")["x"]
graph = get("/api/graph?limit=30")
assert graph["nodes"] and graph["edges"]
print("serve on the dev corpus: every endpoint answered")
PY
