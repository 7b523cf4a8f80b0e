# A run killed with SIGKILL leaves a consistent store; the next run carries on
# and ends with every document exactly once.
source "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 CLI not installed"
python3 - "$WORK/big.jsonl" <<'PY'
import json, sys
words = "minister meeting trade energy defence agreement visit capital delegation talks cooperation".split()
with open(sys.argv[1], "w") as f:
    for i in range(30000):
        text = " ".join(words[(i * 7 + k) % len(words)] for k in range(60)) + f". Report {i}."
        f.write(json.dumps({"id": f"k{i:05d}", "lang": "en", "text": text}) + "\n")
PY
"$NG" ingest --db "$WORK/db" --threads 2 --batch 100 "$WORK/big.jsonl" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  sleep 0.05
  [ -f "$WORK/db" ] && n=$(sqlite3 "$WORK/db" "SELECT count(*) FROM documents" 2>/dev/null || echo 0) && [ "${n:-0}" -ge 200 ] && break
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
[ "$(sqlite3 "$WORK/db" 'PRAGMA integrity_check')" = "ok" ] || fail "integrity check failed after SIGKILL"
partial=$(sqlite3 "$WORK/db" "SELECT count(*) FROM documents")
orphans=$(sqlite3 "$WORK/db" "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.doc_seq = d.seq)")
[ "$orphans" = "0" ] || fail "$orphans documents without their paragraphs after SIGKILL"
run_ng 0 ingest --db "$WORK/db" --threads 2 "$WORK/big.jsonl"
total=$(sqlite3 "$WORK/db" "SELECT count(*) FROM documents")
[ "$total" = "30000" ] || fail "expected 30000 documents after resuming, got $total"
echo "kill: $partial documents survived SIGKILL, resumed to $total"
