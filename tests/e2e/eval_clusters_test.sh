# newsgraph eval clusters: first on a tiny MEANTIME-format and ECB+-format
# dataset written here (invented sentences), then, when ../shared/eval is
# there, on the real MEANTIME (4 languages) and ECB+ with floors a little
# below what was measured: a regression of the clusterer fails, an
# improvement never does; raise them when the numbers improve.
source "$(dirname "$0")/lib.sh"

# --- invented data in the datasets' formats: always run.
conll_doc() {  # NAME then sentences as arguments (tokens separated by spaces)
  local name="$1" s=0; shift
  echo "#begin document ($name); part 000"
  for sentence in "$@"; do
    local n=0
    for tok in $sentence; do printf '%s\t%d\t%d\t%s\t-\n' "$name" "$s" "$n" "$tok"; n=$((n + 1)); done
    echo; s=$((s + 1))
  done
  echo "#end document"
}
mkdir -p "$WORK/mt/output_data/en" "$WORK/mt/output_data/es"
{
  conll_doc corpus_bridges/1 "Tolvik bridge opens after four years" "May 03 , 2021" \
    "The new Tolvik bridge over the Sand river opened on Monday ." "Mayor Ilse Marnow cut the ribbon ."
  conll_doc corpus_orchards/2 "Frost hits Varnholm apple orchards" "October 12 , 2021" \
    "A night of frost damaged half of the apple harvest in Varnholm ."
} >"$WORK/mt/output_data/en/meantime.conll"
{
  conll_doc corpus_bridges/1 "Se inaugura el puente de Tolvik" "3 de mayo de 2021" \
    "El nuevo puente de Tolvik sobre el río Sand se inauguró el lunes ." "La alcaldesa Ilse Marnow cortó la cinta ."
  conll_doc corpus_orchards/2 "Las heladas dañan los manzanos de Varnholm" "12 de octubre de 2021" \
    "Una noche de heladas dañó la mitad de la cosecha de manzanas en Varnholm ."
} >"$WORK/mt/output_data/es/meantime.conll"
run_ng 0 eval clusters --format meantime "$WORK/mt" --per-lang --json
python3 - "$WORK/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert [s["languages"] for s in r["sets"]] == ["all", "en", "es"], r["sets"]
a = r["sets"][0]
assert a["documents"] == 4 and a["event"]["gold_clusters"] == 2 and a["story"]["gold_clusters"] == 2, a
assert abs(a["event"]["singleton_f1"] - 2 / 3) < 1e-3, a["event"]  # P 1, R 1/2
assert r["sets"][1]["documents"] == 2 and r["sets"][1]["event"]["gold_clusters"] == 2
PY
run_ng 0 eval clusters --format meantime "$WORK/mt"
grep -q "meantime: .* (4 documents: en 2, es 2)" "$WORK/out" || fail "summary line: $(cat "$WORK/out")"
grep -Eq "^  all +event +4 +2 " "$WORK/out" || fail "event row: $(cat "$WORK/out")"

mkdir -p "$WORK/ecb/ECB+/7"
ecb_file() {  # FILE then sentences
  local file="$1" s=0 id=1; shift
  { echo "<Document doc_name=\"$(basename "$file")\" doc_id=\"DOC$RANDOM\">"
    for sentence in "$@"; do
      local n=0
      for tok in $sentence; do echo "<token t_id=\"$id\" sentence=\"$s\" number=\"$n\">$tok</token>"; n=$((n + 1)); id=$((id + 1)); done
      s=$((s + 1))
    done
    echo "<Markables>"; echo "</Markables>"; echo "</Document>"; } >"$file"
}
ecb_file "$WORK/ecb/ECB+/7/7_1ecb.xml" "A fire destroyed the old mill in Kestrow on Friday ." "Nobody was hurt ."
ecb_file "$WORK/ecb/ECB+/7/7_2ecbplus.xml" "http : / / news . example / kestrow - flood" "A flood closed the Kestrow road ."
run_ng 0 eval clusters --format ecbplus "$WORK/ecb" --json
python3 - "$WORK/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["sets"][0]
assert s["documents"] == 2 and s["event"]["gold_clusters"] == 2 and s["story"]["gold_clusters"] == 1, s
PY

# Bad input: named, with the reason.
run_ng 3 eval clusters --format meantime "$WORK/nowhere"
grep -q "nowhere: no such file or directory" "$WORK/err" || fail "missing folder: $(cat "$WORK/err")"
printf 'corpus_x/1\t0\t0\tWord\t-\n' >"$WORK/mt/output_data/es/meantime.conll"
run_ng 3 eval clusters --format meantime "$WORK/mt"
grep -q "es/meantime.conll:line 1: token outside a document" "$WORK/err" || fail "bad file: $(cat "$WORK/err")"
run_ng 2 eval clusters --format conll "$WORK/mt"
run_ng 2 eval clusters --format ecbplus "$WORK/ecb" --per-lang

# --- the real datasets.
shared="${NEWSGRAPH_SHARED:-$SRC/../shared}"
[ -d "$shared/eval" ] || skip "no ../shared/eval (third-party datasets are not shipped)"

mt="$shared/eval/coref-meantime-4lang"
if [ -d "$mt/output_data" ]; then
  run_ng 0 eval clusters --format meantime "$mt" --per-lang --json --misses
  python3 - "$WORK/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
sets = {s["languages"]: s for s in r["sets"]}
for name, s in sets.items():
    for level in ("event", "story"):
        b = s[level]
        print("meantime %-3s %s: %d documents, %d gold, %d system, P %.3f R %.3f F1 %.3f (singleton F1 %.3f)"
              % (name, level, b["documents"], b["gold_clusters"], b["system_clusters"], b["precision"], b["recall"],
                 b["f1"], b["singleton_f1"]))
a = sets["all"]
assert a["documents"] == 480 and a["rejected"] == 0, a
assert a["event"]["gold_clusters"] == 120 and a["story"]["gold_clusters"] == 4, a
# Measured 2026-11-23: all languages event F1 0.968, story F1 0.193;
# alone: en 0.966, es 0.957, it 0.947, nl 0.961 (event).
assert a["event"]["f1"] >= 0.95, a["event"]
assert a["story"]["f1"] >= 0.17, a["story"]
floors = {"en": 0.95, "es": 0.94, "it": 0.93, "nl": 0.94}
for lang, floor in floors.items():
    assert sets[lang]["documents"] == 120, sets[lang]
    assert sets[lang]["event"]["f1"] >= floor, (lang, sets[lang]["event"])
kinds = {(m["level"], m["kind"]) for m in r["misses"]}
assert ("story", "split") in kinds, kinds
PY
else
  echo "no $mt; MEANTIME not measured"
fi

ecb="$shared/eval/coref-ecbplus"
if [ -d "$ecb/ECB+" ]; then
  run_ng 0 eval clusters --format ecbplus "$ecb" --json
  python3 - "$WORK/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["sets"][0]
for level in ("event", "story"):
    b = s[level]
    print("ecbplus %s: %d documents, %d gold, %d system, P %.3f R %.3f F1 %.3f (singleton F1 %.3f)"
          % (level, b["documents"], b["gold_clusters"], b["system_clusters"], b["precision"], b["recall"], b["f1"],
             b["singleton_f1"]))
assert s["documents"] == 982 and s["rejected"] == 0, s
assert s["event"]["gold_clusters"] == 86 and s["story"]["gold_clusters"] == 43, s
# Measured 2026-11-23: event F1 0.777, story F1 0.735.
assert s["event"]["f1"] >= 0.76, s["event"]
assert s["story"]["f1"] >= 0.71, s["story"]
PY
else
  echo "no $ecb; ECB+ not measured"
fi
