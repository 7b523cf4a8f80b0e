# /api/timeline reads a page from the frames of its pairs (dyad_frames); it
# must answer exactly as the read of every frame of the side with fewer
# (`serve --timeline-scan`), for pairs of countries, people and every pair
# of the stores' busiest actors, periods and pages: on examples/, and on the
# dev corpus of ../shared when it is there; again after a relink. The table
# must equal its view after ingest and after relink.
source "$(dirname "$0")/lib.sh"
table_is_view() {
  python3 - "$1" <<'PY' || fail "dyad_frames differs from dyad_frames_from_events in $1"
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
n = db.execute("SELECT count(*) FROM dyad_frames").fetchone()[0]
a = db.execute("SELECT count(*) FROM (SELECT * FROM dyad_frames EXCEPT SELECT * FROM dyad_frames_from_events)").fetchone()[0]
b = db.execute("SELECT count(*) FROM (SELECT * FROM dyad_frames_from_events EXCEPT SELECT * FROM dyad_frames)").fetchone()[0]
print(f"dyad_frames: {n} rows, {a} not in the view, {b} missing")
sys.exit(1 if a or b or n == 0 else 0)
PY
}
check() {
  python3 "$SRC/bench/timeline_check.py" --ng "$NG" --db "$1" --countries 20 --people 60 --actors 60 > "$WORK/check" 2>&1 \
    || { cat "$WORK/check"; fail "timeline answers differ on $1"; }
  cat "$WORK/check"
}
run_ng 0 ingest --db "$WORK/ex.db" "$SRC/examples"
table_is_view "$WORK/ex.db"
check "$WORK/ex.db"
run_ng 0 relink --db "$WORK/ex.db"
table_is_view "$WORK/ex.db"
check "$WORK/ex.db"

shared="${NEWSGRAPH_SHARED:-$SRC/../shared}"
if [ ! -f "$shared/corpora/dev/articles.jsonl" ]; then
  echo "no ../shared/corpora/dev: the dev corpus part is not run"
  exit 0
fi
run_ng 0 ingest --db "$WORK/dev.db" "$shared/corpora/dev/articles.jsonl"
table_is_view "$WORK/dev.db"
check "$WORK/dev.db"
run_ng 0 relink --db "$WORK/dev.db"
table_is_view "$WORK/dev.db"
check "$WORK/dev.db"
echo "ok"
