# newsgraph serve against a real store: every endpoint over HTTP on the
# examples (plus tests/serve/xss.jsonl), pagination, ETags, error objects,
# limits, static files without traversal, and POST /api/documents off by
# default, token-protected when on, with rejects and their reasons.
source "$(dirname "$0")/lib.sh"
source "$SRC/tests/serve/lib.sh"
cd "$SRC"
run_ng 0 ingest --db "$WORK/ex.db" examples tests/serve/xss.jsonl
cp "$WORK/ex.db" "$WORK/rw.db"
mkdir -p "$WORK/web/assets" "$WORK/secret"
echo '<!doctype html><title>ui</title>' >"$WORK/web/index.html"
echo 'console.log(1)' >"$WORK/web/assets/app.js"
echo 'root:x:0:0' >"$WORK/secret/passwd"
head -c 40 /dev/urandom | base64 | tr -d '/+=\n' >"$WORK/token"

# Usage errors.
run_ng 2 serve --db "$WORK/ex.db" --port 99999
run_ng 2 serve --db "$WORK/ex.db" --allow-write            # no token
echo short >"$WORK/short"
run_ng 2 serve --db "$WORK/ex.db" --allow-write --token-file "$WORK/short"
run_ng 3 serve --db "$WORK/nope.db" --port 0               # no store

start_server ro --db "$WORK/ex.db" --web "$WORK/web"
start_server rw --db "$WORK/rw.db" --web "$WORK/web" --allow-write --token-file "$WORK/token" --max-body-mb 1
# A second server on a port in use is an error, not a silent twin.
port_ro="${URL_ro##*:}"
run_ng 3 serve --db "$WORK/ex.db" --port "$port_ro"
grep -q "cannot bind" "$WORK/err" || fail "no bind error: $(cat "$WORK/err")"
python3 "$SRC/tests/serve/api_check.py" "$URL_ro" "$URL_rw" "$(cat "$WORK/token")" "$SRC"
