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

# SIGTERM with an idle keep-alive client: the server ends within its 5 s
# keep-alive timeout (it used to hold on for 30 s), exit status 0.
start_server idle --db "$WORK/ex.db"
python3 - "$URL_idle" >"$WORK/idle.out" 2>&1 <<'PY' &
import http.client, sys, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
c = http.client.HTTPConnection(u.hostname, u.port)
c.request("GET", "/api/stats")
r = c.getresponse(); r.read()
print("held", r.status, flush=True)
time.sleep(40)  # idle on the open connection
PY
client=$!
for _ in $(seq 1 50); do grep -q held "$WORK/idle.out" 2>/dev/null && break; sleep 0.1; done
grep -q "held 200" "$WORK/idle.out" || fail "idle client got no answer: $(cat "$WORK/idle.out")"
pid_idle="${SERVER_PIDS[-1]}"
start=$(date +%s)
kill -TERM "$pid_idle"
status=0; wait "$pid_idle" || status=$?
took=$(( $(date +%s) - start ))
kill "$client" 2>/dev/null || true
[ "$status" = 0 ] || fail "serve exited $status on SIGTERM"
[ "$took" -le 12 ] || fail "serve took ${took}s to stop with an idle keep-alive client"
echo "serve stopped in ${took}s with an idle keep-alive client"
