#!/usr/bin/env bash
# Load test of `newsgraph serve`: p50/p99 latency of the main endpoints with
# 32 concurrent keep-alive clients (wrk) on a store of N synthetic documents
# (bench/gen_news.py, made and ingested on first use, then reused).
#
#   bench/serve_load.sh [BUILD_DIR] [N]          # defaults: build, 100000
#   DURATION=20 CONNECTIONS=32 CACHE_MB=0 ENDPOINTS="search timeline" bench/serve_load.sh build 100000
#
# Before timing, every path is fetched once and must answer 200 with a
# non-empty result; any non-2xx answer under load fails the run.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-build}"
N="${2:-100000}"
NG="$BUILD/newsgraph"
OUT="${OUT:-$BUILD/bench-serve}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
export NEWSGRAPH_DATA="${NEWSGRAPH_DATA:-$SRC/data}"
command -v wrk >/dev/null || { echo "serve_load: wrk is not installed (scripts/bootstrap)" >&2; exit 2; }
mkdir -p "$OUT"
DB="$OUT/news$N.db"
if [ ! -f "$DB" ]; then
  echo "== generating $N documents and ingesting them into $DB" >&2
  python3 "$SRC/bench/gen_news.py" "$N" > "$OUT/news$N.jsonl"
  "$NG" ingest --db "$DB.tmp" "$OUT/news$N.jsonl" >&2
  mv "$DB.tmp" "$DB"; rm -f "$DB.tmp-wal" "$DB.tmp-shm"
fi

# CACHE_MB=0: every request is computed (the default server keeps answers
# until the store changes).
"$NG" serve --db "$DB" --port 0 --cache-mb "${CACHE_MB:-64}" > "$OUT/serve.out" 2> "$OUT/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 300); do
  URL="$(sed -n 's/^newsgraph serve: listening on \(http:[^ ]*\)\/$/\1/p' "$OUT/serve.out" 2>/dev/null || true)"
  [ -n "$URL" ] && break
  kill -0 $PID 2>/dev/null || { cat "$OUT/serve.err" >&2; exit 3; }
  sleep 0.1
done

# The paths: names and words the generator uses, read back from the store.
python3 - "$URL" "$OUT" <<'PY'
import json, sys, urllib.parse, urllib.request, random
url, out = sys.argv[1:3]
rng = random.Random(1)
def get(p):
    with urllib.request.urlopen(url + p) as r:
        return json.load(r)
q = urllib.parse.quote
people = [e for e in get("/api/entities?type=PER&limit=300")["items"]]
countries = [e for e in get("/api/entities?type=LOC&limit=40")["items"] if e["place"] and len(e["place"]) == 3]
assert len(people) >= 100 and len(countries) >= 10, (len(people), len(countries))
paths = {
    "search": [f"/api/search?q={q(p['name'])}" for p in people[:100]]
              + [f"/api/search?q={q(p['name'].split()[0])}&lang=en" for p in people[100:150]]
              + [f"/api/search?q={q(c['name'])}&from=2024-06-01&to=2024-06-30" for c in countries],
    # Pairs that are reported together: people with their co-mentioned
    # people; countries by name over a quarter.
    "timeline": [f"/api/timeline?a={p['id']}&b={c['entity']['id']}"
                 for p in people[:60] for c in get(f"/api/entities/{p['id']}")["co_mentioned"][:3]
                 if c["entity"]["type"] == "PER"]
                + [f"/api/timeline?a={q(a['name'])}&b={q(b['name'])}&from=2025-01-01&to=2025-03-31"
                   for a, b in (rng.sample(countries, 2) for _ in range(50))],
    "entities": [f"/api/entities?q={q(p['name'])}" for p in people[:100]] + ["/api/entities?limit=50"],
    "stories": ["/api/stories", "/api/stories?limit=20"]
               + [f"/api/stories?from={m}-01&to={m}-28" for m in ("2024-03", "2024-09", "2025-05")],
}
for name, ps in paths.items():
    ok = []
    for p in ps:
        try:
            body = get(p)
        except urllib.error.HTTPError as e:
            if name == "stories" and e.code == 501:
                break
            raise
        assert "items" in body, (p, body)
        ok.append(p)
    nonempty = sum(1 for p in ok[:20] if get(p)["items"])
    if ok:
        assert nonempty > 0, f"{name}: every sampled answer is empty"
    open(f"{out}/paths-{name}.txt", "w").write("\n".join(ok) + "\n")
    print(f"{name}: {len(ok)} paths", file=sys.stderr)
PY

printf "%-10s %10s %10s %10s %12s\n" endpoint p50_ms p99_ms req/s errors
for ep in ${ENDPOINTS:-stories search timeline entities}; do
  if [ ! -s "$OUT/paths-$ep.txt" ] || [ "$(wc -l < "$OUT/paths-$ep.txt")" -lt 1 ] || ! grep -q . "$OUT/paths-$ep.txt"; then
    printf "%-10s %10s\n" "$ep" "(not served by this build)"; continue
  fi
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$SRC/bench/wrk_paths.lua" "$URL" -- "$OUT/paths-$ep.txt" > "$OUT/wrk-$ep.txt"
  python3 - "$OUT/wrk-$ep.txt" "$ep" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errs = re.search(r"Socket errors: (.*)", text)
nbad = int(bad.group(1)) if bad else 0
print(f"{sys.argv[2]:<10} {p50:10.2f} {p99:10.2f} {rps:10.0f} {nbad:12d}")
if nbad or errs:
    print(text, file=sys.stderr)
    sys.exit(1)
PY
done
