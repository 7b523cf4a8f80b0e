# The stored result does not depend on --threads.
source "$(dirname "$0")/lib.sh"
run_ng 0 ingest --db "$WORK/one.db" --threads 1 --batch 7 "$SRC/examples"
run_ng 0 export docs --full --db "$WORK/one.db"
mv "$WORK/out" "$WORK/one.jsonl"
run_ng 0 ingest --db "$WORK/four.db" --threads 4 --batch 64 "$SRC/examples"
run_ng 0 export docs --full --db "$WORK/four.db"
mv "$WORK/out" "$WORK/four.jsonl"
n=$(wc -l < "$WORK/one.jsonl")
[ "$n" -ge 25 ] || fail "expected the whole sample corpus, got $n documents"
cmp "$WORK/one.jsonl" "$WORK/four.jsonl" || fail "exports differ between --threads 1 and --threads 4"
echo "threads: $n identical documents"
