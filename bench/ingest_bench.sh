#!/usr/bin/env bash
# End-to-end ingest throughput: `newsgraph ingest` (read, every document
# stage, SQLite commit) on a JSONL corpus repeated N times with distinct ids.
#   bench/ingest_bench.sh [ARTICLES.jsonl] [N] [THREADS...]
# Default: ../shared/corpora/dev/articles.jsonl x 50, threads 1 and all cores.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ng="${NEWSGRAPH:-$here/build/newsgraph}"
src="${1:-$here/../shared/corpora/dev/articles.jsonl}"
n="${2:-50}"
shift $(( $# > 2 ? 2 : $# )) || true
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 "$(nproc)")
[ -f "$src" ] || { echo "no corpus at $src (give a JSONL file)"; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$src" "$n" "$work/in.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
with open(sys.argv[3], "w") as f:
    for k in range(int(sys.argv[2])):
        for i, r in enumerate(rows):
            r = dict(r, id="%s-%d" % (r.get("id", i), k))
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
docs=$(wc -l < "$work/in.jsonl")
mb=$(python3 -c "import os,sys; print('%.1f' % (os.path.getsize(sys.argv[1]) / 1e6))" "$work/in.jsonl")
echo "corpus: $src x $n = $docs documents, $mb MB"
for t in "${threads[@]}"; do
  rm -f "$work/db"*
  start=$(date +%s.%N)
  "$ng" ingest --quiet --threads "$t" --db "$work/db" "$work/in.jsonl"
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); d=int(sys.argv[3]); m=float(sys.argv[4]);
print('threads %s: %.2f s, %.0f documents/s, %.1f MB/s, store %.1f MB' % (sys.argv[5], s, d/s, m/s, float(sys.argv[6])/1e6))" \
    "$start" "$end" "$docs" "$mb" "$t" "$(stat -c %s "$work/db")"
done
