# Shared helpers for e2e tests. Each test is run by CTest as:
#   bash tests/e2e/<name>_test.sh <path to newsgraph> <source dir>
set -euo pipefail
NG="$1"
SRC="$2"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
# run_ng EXPECTED_EXIT args...: runs newsgraph, checks the exit code, keeps
# stdout in $WORK/out and stderr in $WORK/err.
run_ng() {
  local want="$1"; shift
  set +e
  "$NG" "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  set -e
  if [ "$rc" != "$want" ]; then
    echo "--- stdout"; cat "$WORK/out"; echo "--- stderr"; cat "$WORK/err"
    fail "newsgraph $* exited $rc, expected $want"
  fi
}
