# Every bad input of the foundation issue: rejected with a reason naming it,
# the rest of the batch ingested, exit code 1.
source "$(dirname "$0")/lib.sh"
in="$WORK/in"; mkdir -p "$in"

# Two good articles, so we can see the batch goes on.
printf 'Ministers meet in Hanoi\n\nThe defence ministers of Vietnam and Russia met in Hanoi on Monday to discuss training and equipment.\n' > "$in/good1.txt"
printf '{"id":"good-2","lang":"sv","text":"Utrikesministrarna möttes i Stockholm på tisdagen för att tala om handel och energi."}\n{"id": 7, "text": \n{"id":"good-3","text":"Les ministres se sont rencontrés à Paris mardi pour parler de commerce."}\n{"id":"no-text","title":"x"}\n' > "$in/mixed.jsonl"
: > "$in/empty.txt"
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00\x3e\x00' > "$in/binary.txt"
python3 -c "import sys,random; random.seed(1); sys.stdout.buffer.write(bytes(random.randrange(0x80,0x100) for _ in range(4000)))" > "$in/invalid_utf8.txt"
truncate -s 300M "$in/huge.txt"
python3 - "$in" <<'PY'
import gzip, sys
d = sys.argv[1]
data = "".join('{"id":"gz-%d","text":"Report number %d about a meeting of ministers in Jakarta on trade and energy."}\n' % (i, i) for i in range(2000)).encode()
blob = gzip.compress(data)
open(d + "/truncated.jsonl.gz", "wb").write(blob[: len(blob) // 2])
open(d + "/deep.html", "w").write("<html><body>" + "<div>" * 100000 + "deep text" + "</div>" * 100000 + "</body></html>")
page = b"<html><head><title>Lying length</title></head><body><p>This page is fine but its record lies about its length.</p></body></html>"
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
good_page = b"<html><head><title>Honest record</title></head><body><article><p>Foreign ministers of Indonesia and Vietnam met in Jakarta on Wednesday to discuss fisheries and maritime trade.</p></article></body></html>"
good_http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + good_page
def rec(uri, body, length=None):
    n = len(body) if length is None else length
    return (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + b"\r\nWARC-Date: 2025-12-09T10:00:00Z\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: " + str(n).encode() + b"\r\n\r\n" + body + b"\r\n\r\n")
open(d + "/lying.warc", "wb").write(rec(b"https://news.example/honest", good_http) + rec(b"https://news.example/liar", http, len(http) + 100000))
open(d + "/xxe.xml", "w").write('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"><channel><title>t</title><item><title>Leak</title><link>https://news.example/leak</link><description>Before &secret; after the entity, a short report on a ministerial meeting in Manila.</description></item></channel></rss>\n')
PY
mkdir -p "$in/loop/sub"
ln -s .. "$in/loop/sub/back"
printf 'Trade talks in Jakarta\n\nIndonesian and Vietnamese officials discussed rice exports in Jakarta on Thursday.\n' > "$in/loop/sub/inside.txt"

run_ng 1 ingest --db "$WORK/db" --threads 2 "$in"
err="$WORK/err"
grep -q "empty.txt: empty file" "$err" || fail "empty file not rejected"
grep -q "binary.txt: binary content" "$err" || fail "binary .txt not rejected"
grep -q "huge.txt: larger than the limit" "$err" || fail "300 MB file not refused"
grep -q "invalid_utf8.txt: undecodable" "$err" || fail "a file of invalid UTF-8 not rejected"
grep -q "mixed.jsonl:line 2: malformed JSON" "$err" || fail "malformed JSONL line not rejected with its number"
grep -q "mixed.jsonl:line 4: missing or empty \"text\"" "$err" || fail "JSONL line without text not rejected"
grep -q "truncated.jsonl.gz.*truncated gzip" "$err" || fail "truncated .gz not reported"
grep -q "deep.html: HTML nests deeper than" "$err" || fail "HTML nested 100,000 levels not rejected"
grep -q "lying.warc:record 2" "$err" || fail "WARC record with a lying Content-Length not rejected"
grep -q "loop/sub/back.*already visited" "$err" || fail "symlink loop not reported"
if grep -q "passwd\|root:x:0" "$err"; then fail "XXE content leaked into messages"; fi

run_ng 0 export docs --db "$WORK/db"
python3 - "$WORK/out" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
ids = {d["id"] for d in docs}
for want in ["good-2", "good-3"]:
    assert want in ids, f"{want} missing: {sorted(ids)}"
texts = "\n".join(d["text"] for d in docs)
assert "defence ministers of Vietnam" in texts, "good1.txt missing"
assert "rice exports in Jakarta" in texts, "file inside the looping directory missing"
assert "fisheries and maritime trade" in texts, "honest WARC record missing"
assert "root:" not in texts, "XXE resolved!"
assert "short report on a ministerial meeting" in texts, "feed item missing"
gz = [d for d in docs if d["id"].startswith("gz-")]
assert 0 < len(gz) < 2000, f"truncated gzip should keep the records before the cut: {len(gz)}"
print("ok:", len(docs), "documents")
PY
# The rejects are stored too, once each, and a re-run duplicates nothing.
run_ng 0 stats --json --db "$WORK/db"
before=$(cat "$WORK/out")
run_ng 1 ingest --db "$WORK/db" --threads 1 "$in"
grep -q "ingested 0 new documents" "$WORK/out" || fail "re-run added documents: $(cat "$WORK/out")"
run_ng 0 stats --json --db "$WORK/db"
[ "$before" = "$(cat "$WORK/out")" ] || fail "re-run changed the store: $before vs $(cat "$WORK/out")"
# A malformed gold file: the line and the reason, no scores.
printf '{"id": "a", "entities": []}\n\n{"entities": []}\n' > "$WORK/gold-noid.jsonl"
run_ng 3 eval --articles "$SRC/examples/jsonl/wire.jsonl" --gold "$WORK/gold-noid.jsonl"
grep -q "gold-noid.jsonl:3: no \"id\"" "$WORK/err" || fail "gold without id: $(cat "$WORK/err")"
printf 'not json\n' > "$WORK/gold-bad.jsonl"
run_ng 3 eval --articles "$SRC/examples/jsonl/wire.jsonl" --gold "$WORK/gold-bad.jsonl"
grep -q "gold-bad.jsonl:1: not a JSON object" "$WORK/err" || fail "gold not JSON: $(cat "$WORK/err")"
# A collection date that is not a date is a usage error.
run_ng 2 ingest --db "$WORK/refdate.db" --reference-date 12/10/2025 "$SRC/examples/jsonl/wire.jsonl"
grep -q "reference-date must be YYYY-MM-DD" "$WORK/err" || fail "bad --reference-date: $(cat "$WORK/err")"
run_ng 2 relink --db "$WORK/db" --reference-date 10.12.2025
grep -q "reference-date must be YYYY-MM-DD" "$WORK/err" || fail "relink bad --reference-date: $(cat "$WORK/err")"
echo "bad inputs: ok"
