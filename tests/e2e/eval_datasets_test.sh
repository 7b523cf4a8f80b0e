# Measurements on the third-party evaluation sets in ../shared/eval (skipped
# when absent): article extraction on html-extraction, language id on the
# lingua sentences, NER, temporal expressions and CAMEO event codes. The floors sit a little below what was measured when they
# were set, so a regression fails and an improvement never does; raise them
# when the numbers improve.
source "$(dirname "$0")/lib.sh"
shared="${NEWSGRAPH_SHARED:-$SRC/../shared}"
[ -d "$shared/eval" ] || skip "no ../shared/eval (third-party datasets are not shipped)"

html="$shared/eval/html-extraction"
if [ -f "$html/ground-truth.json" ]; then
  run_ng 0 eval html "$html" --json
  python3 - "$WORK/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ex, cl = r["extract"], r["extract_clean"]
print("html pages %d  extract P %.3f R %.3f F1 %.3f  extract+clean P %.3f R %.3f F1 %.3f"
      % (r["pages"], ex["precision"], ex["recall"], ex["f1"], cl["precision"], cl["recall"], cl["f1"]))
for p in r["worst"]:
    print("  worst: F1 %.3f %s" % (p["f1"], p["url"]))
assert r["pages"] >= 90, r["pages"]
assert len(r["per_page"]) == r["pages"]
# Measured: extract F1 0.951 (2026-11-23), extract+clean F1 0.952.
assert ex["f1"] >= 0.94, ex["f1"]
assert cl["f1"] >= 0.94, cl["f1"]
PY
  # The scorer itself: a page whose gold text is extracted exactly scores 1.
  mkdir -p "$WORK/one/html"
  cat >"$WORK/one/ground-truth.json" <<'JSON'
{"k1": {"url": "https://example.org/a", "articleBody": "The minister met his counterpart in Hanoi on Tuesday to discuss trade and energy."}}
JSON
  printf '<html><head><title>t</title></head><body><nav>Home | World | Sport</nav><article><p>The minister met his counterpart in Hanoi on Tuesday to discuss trade and energy.</p></article></body></html>' |
    gzip >"$WORK/one/html/k1.html.gz"
  run_ng 0 eval html "$WORK/one" --json
  python3 - "$WORK/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["pages"] == 1 and r["extract"]["f1"] == 1, r["extract"]
PY
  rm "$WORK/one/html/k1.html.gz"
  run_ng 3 eval html "$WORK/one"
  grep -q "k1.html.gz" "$WORK/err" || fail "missing page not named: $(cat "$WORK/err")"
else
  echo "no $html; html extraction not measured"
fi

lingua="$shared/eval/langid-lingua"
if [ -d "$lingua/language-testdata/sentences" ]; then
  run_ng 0 eval langid "$lingua" --langs de,en,fr,es,ru,sv,id,vi --json
  python3 - "$WORK/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for code, s in r["per_lang"].items():
    print("langid %s n %d accuracy %.3f und %.3f (CLD2 published %s)"
          % (code, s["n"], s["accuracy"], s["und_rate"], s["published_cld2"]))
print("langid mean accuracy %.3f (CLD2 published mean %s)" % (r["mean_accuracy"], r["mean_published_cld2"]))
assert r["languages"] == 8 and all(s["n"] >= 900 for s in r["per_lang"].values()), r["per_lang"]
# Measured: mean 0.938 (8 languages, 2026-11-23).
assert r["mean_accuracy"] >= 0.93, r["mean_accuracy"]
PY
  run_ng 3 eval langid "$lingua" --langs de,xx
  run_ng 2 eval langid "$lingua" --kind paragraphs
else
  echo "no $lingua; language id not measured"
fi

ner="$shared/eval/ner"
f1() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("ner %s %s F1 %.3f" % (r["lang"], r["extractor"], r["f1"])); assert r["f1"] >= float(sys.argv[2]), (r["f1"], sys.argv[2])' "$WORK/out" "$1"; }
if [ -f "$ner/de-germeval2014/NER-de-dev.tsv" ]; then
  # Span-level NER. The rules alone (--rules), measured 2026-11-23: de GermEval
  # dev F1 0.391, sv web news 0.555.
  run_ng 0 eval ner --format germeval --lang de "$ner/de-germeval2014/NER-de-dev.tsv" --rules --json
  f1 0.37
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["sentences"] == 2200 and r["extractor"] == "rules", r' "$WORK/out"
  # The tagger by 5-fold cross-validation (never scored on its own training
  # sentences): tagger alone / combined with the rules as the extractor does.
  # Measured 2026-11-23 (Viterbi + cased word, as shipped): de 0.547 / 0.472.
  run_ng 0 eval ner --format germeval --lang de "$ner/de-germeval2014/NER-de-dev.tsv" --cv 5 --viterbi --cased --tagger-only --json
  f1 0.51
  run_ng 0 eval ner --format germeval --lang de "$ner/de-germeval2014/NER-de-dev.tsv" --cv 5 --viterbi --cased --json
  f1 0.44
  # The shipped model is what `make models` trains from these data with this
  # code: retraining gives the same bytes.
  run_ng 0 train ner --format germeval --lang de --viterbi --cased "$ner/de-germeval2014/NER-de-dev.tsv" --out "$WORK/ner-de.tsv"
  cmp -s "$WORK/ner-de.tsv" "$SRC/data/models/ner-de.tsv" || fail "data/models/ner-de.tsv differs from a retrained model: run make models"
  if [ -f "$ner/sv-webbnyheter/train_corpus.txt" ]; then
    # Measured: rules 0.555, tagger CV5 0.779, combined CV5 0.754 (greedy, as shipped).
    run_ng 0 eval ner --format io --lang sv "$ner/sv-webbnyheter/train_corpus.txt" --rules --json
    f1 0.52
    run_ng 0 eval ner --format io --lang sv "$ner/sv-webbnyheter/train_corpus.txt" --cv 5 --tagger-only --json
    f1 0.75
    run_ng 0 eval ner --format io --lang sv "$ner/sv-webbnyheter/train_corpus.txt" --cv 5 --json
    f1 0.73
  fi
  if [ -d "$ner/ru-factrueval2016/devset" ]; then
    # Measured (Viterbi + cased word, as shipped): rules 0.578, tagger CV5 0.747, combined CV5 0.708.
    run_ng 0 eval ner --format factru --lang ru "$ner/ru-factrueval2016/devset" --cv 5 --viterbi --cased --tagger-only --json
    f1 0.71
    run_ng 0 eval ner --format factru --lang ru "$ner/ru-factrueval2016/devset" --cv 5 --viterbi --cased --json
    f1 0.68
  fi
  nerp="$ner/id-indonlu/nerp_ner-prosa"
  if [ -f "$nerp/train_preprocess.txt" ]; then
    # Trained on train, scored on valid. Measured: tagger 0.751 (Viterbi, as shipped).
    run_ng 0 train ner --format conll --lang id --min-count 2 --viterbi "$nerp/train_preprocess.txt" --out "$WORK/id.tsv"
    run_ng 0 eval ner --format conll --lang id "$nerp/valid_preprocess.txt" --tagger "$WORK/id.tsv" --tagger-only --json
    f1 0.72
  fi
  if [ -f "$ner/fr-wikiann/train" ]; then
    # Trained on train, scored on dev (no French model is shipped: data/models/README.md).
    # Measured: rules 0.329, tagger 0.830 (Viterbi; 0.832 with --cased).
    run_ng 0 eval ner --format conll --lang fr "$ner/fr-wikiann/dev" --rules --json
    f1 0.31
    run_ng 0 train ner --format conll --lang fr --min-count 2 --viterbi "$ner/fr-wikiann/train" --out "$WORK/fr.tsv"
    run_ng 0 eval ner --format conll --lang fr "$ner/fr-wikiann/dev" --tagger "$WORK/fr.tsv" --tagger-only --json
    f1 0.80
  fi
  run_ng 2 eval ner --format nope --lang de "$ner/de-germeval2014/NER-de-dev.tsv"
  run_ng 3 eval ner --format conll --lang de "$WORK/no-such-file"
  printf 'newsgraph-ner\t1\tde\nw=a\t1:5\nw=b\t1:x\n' >"$WORK/bad.tsv"
  run_ng 3 eval ner --format germeval --lang de "$ner/de-germeval2014/NER-de-dev.tsv" --tagger "$WORK/bad.tsv"
  grep -q "bad.tsv:line 3" "$WORK/err" || fail "malformed model line not named: $(cat "$WORK/err")"
else
  echo "no $ner; NER not measured"
fi

timex="$shared/eval/timex"
if [ -d "$timex/en-tempeval3/TBAQ-cleaned" ]; then
  # Temporal expressions of the time stage, DCT as publication date. "value"
  # counts the gold's DATE/TIME timexes against the system's expressions
  # other than durations; "all types" scores everything (DURATION/SET too),
  # the TempEval-3 measure of HeidelTime's published value F1, printed
  # beside (en 77.6 on the TempEval-3 platinum test, de 88.5, fr 73.6).
  check_timex() {  # format lang path floor_value_f1 floor_relaxed_f1 floor_all_types_value_f1
    run_ng 0 eval timex --format "$1" --lang "$2" "$3" --json
    python3 - "$WORK/out" "$4" "$5" "$6" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("timex %s %s docs %d extent strict F1 %.3f relaxed F1 %.3f value F1 %.3f (all types %.3f; HeidelTime %.3f)"
      % (r["format"], r["lang"], r["documents"], r["extent_strict"]["f1"], r["extent_relaxed"]["f1"],
         r["value"]["f1"], r["all_types_value"]["f1"], r["heideltime_value_f1"]))
assert r["value"]["f1"] >= float(sys.argv[2]), r["value"]
assert r["extent_relaxed"]["f1"] >= float(sys.argv[3]), r["extent_relaxed"]
assert r["all_types_value"]["f1"] >= float(sys.argv[4]), r["all_types_value"]
PY
  }
  # Measured (issue 4, German narratives): value F1 en 0.778, fr 0.779, de 0.911; relaxed extent en 0.911,
  # fr 0.871, de 0.936; all types value en 0.758, fr 0.724, de 0.924 (WikiWars scored on the key's own VAL).
  check_timex tml en "$timex/en-tempeval3/TBAQ-cleaned" 0.77 0.90 0.75
  [ -d "$timex/fr-ftib" ] && check_timex tml fr "$timex/fr-ftib" 0.77 0.86 0.71
  [ -d "$timex/de-wikiwars/in" ] && check_timex wikiwars de "$timex/de-wikiwars" 0.90 0.92 0.91
  # The halves (odd and even documents by file name) together are the whole.
  run_ng 0 eval timex --format tml --lang fr "$timex/fr-ftib" --half 1 --json
  cp "$WORK/out" "$WORK/half1"
  run_ng 0 eval timex --format tml --lang fr "$timex/fr-ftib" --half 2 --json
  python3 - "$WORK/half1" "$WORK/out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["documents"] + b["documents"] == 54 and abs(a["documents"] - b["documents"]) <= 1, (a["documents"], b["documents"])
PY
  run_ng 2 eval timex --format tml --lang fr "$timex/fr-ftib" --half 3
  run_ng 2 eval timex --format nope --lang en "$timex/fr-ftib"
else
  echo "no $timex; temporal expressions not measured"
fi

records="$shared/eval/events-petrarch2/petrarch2/data/text/PETR.UnitTest.records.xml"
if [ -f "$records" ]; then
  # CAMEO codes of the event stage against PETRARCH2's validation records,
  # their actors named by the validation actor dictionary (read at run time).
  # Those records code with the validation verb dictionary, whose codes often
  # differ from the CAMEO manual ("welcomed" 041, "restore ties" 064), so only
  # the root level says much. Measured (2026-11-23): 277 sentences, 257 with
  # a code; root P 0.313 R 0.077; root 04 (consult) F1 0.690.
  run_ng 0 eval events "$records" --json
  python3 - "$WORK/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("events sentences %d with a code %d root P %.3f R %.3f F1 %.3f full F1 %.3f; sides %d source %d/%d target %d/%d"
      % (r["sentences"], r["with_event"], r["root"]["precision"], r["root"]["recall"], r["root"]["f1"],
         r["full"]["f1"], r["sides"], r["source_agree"], r["with_source"], r["target_agree"], r["with_target"]))
assert r["sentences"] >= 270 and r["with_event"] >= 250, r
assert r["root"]["precision"] >= 0.28 and r["root"]["recall"] >= 0.07, r["root"]
assert r["per_root"]["04"]["f1"] >= 0.65, r["per_root"]["04"]
assert r["source_agree"] >= 0.8 * r["with_source"], r
PY
  run_ng 0 eval events "$records" --half 1 --json
  cp "$WORK/out" "$WORK/half1"
  run_ng 0 eval events "$records" --half 2 --json
  python3 - "$WORK/half1" "$WORK/out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["sentences"] + b["sentences"] >= 270 and abs(a["sentences"] - b["sentences"]) <= 1
PY
  run_ng 3 eval events "$records" --actors "$WORK/no-such-dictionary"
  run_ng 2 eval events
else
  echo "no $records; CAMEO coding not measured"
fi
