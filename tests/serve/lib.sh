# Starting `newsgraph serve` for a test (sourced after tests/e2e/lib.sh):
#   start_server NAME args...   -> $URL_<NAME> is its base URL; stopped on exit.
SERVER_PIDS=()
stop_servers() {
  for p in "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${SERVER_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap stop_servers EXIT
start_server() {
  local name="$1"; shift
  "$NG" serve --port 0 "$@" >"$WORK/serve-$name.out" 2>"$WORK/serve-$name.err" &
  SERVER_PIDS+=($!)
  local url=""
  for _ in $(seq 1 100); do
    # (the file may not exist yet: the server's shell has not opened it)
    url="$(sed -n 's/^newsgraph serve: listening on \(http:[^ ]*\)\/$/\1/p' "$WORK/serve-$name.out" 2>/dev/null || true)"
    [ -n "$url" ] && break
    kill -0 "${SERVER_PIDS[-1]}" 2>/dev/null || { cat "$WORK/serve-$name.err" >&2; fail "serve $name did not start"; }
    sleep 0.1
  done
  [ -n "$url" ] || fail "serve $name printed no URL"
  printf -v "URL_$name" '%s' "$url"
}
