# The web UI in headless Chromium (Debian's /usr/bin/chromium driven by
# playwright-core from web/node_modules; no browser is downloaded): every
# page, a click path from a story (or a search, before stories exist) to an
# entity to a relationship timeline and back to a source sentence, and an
# article with <script> and onerror= that must not run. Screenshots go to
# BUILD/browser-screenshots.
#   bash tests/browser/browser_test.sh <newsgraph> <source dir> <build dir>
source "$(dirname "$0")/../e2e/lib.sh"
source "$SRC/tests/serve/lib.sh"
BUILD="$3"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || skip "no Chromium at $CHROMIUM (scripts/bootstrap installs Debian's chromium)"
[ -f "$BUILD/web/index.html" ] || fail "no built UI in $BUILD/web (the CMake target 'web')"
[ -d "$SRC/web/node_modules/playwright-core" ] || fail "web/node_modules/playwright-core is missing (the 'web' target runs npm ci)"
cd "$SRC"
run_ng 0 ingest --db "$WORK/ui.db" examples tests/serve/xss.jsonl
start_server ui --db "$WORK/ui.db" --web "$BUILD/web"
rm -rf "$BUILD/browser-screenshots"; mkdir -p "$BUILD/browser-screenshots"
node "$SRC/tests/browser/ui_test.mjs" "$URL_ui" "$BUILD/browser-screenshots" "$SRC/web" "$CHROMIUM" "$WORK/profile"
