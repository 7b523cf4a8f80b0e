# newsgraph — the two set-up commands:
#   make demo   install packages, build (Release), ingest examples/ into demo.db, print a summary
#   make test   install packages, build, run the whole test suite with ctest
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= demo.db
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

SHARED ?= ../shared
NER := $(SHARED)/eval/ner
NG := $(BUILD)/newsgraph

PORT ?= 8080

.PHONY: all bootstrap build demo ui test bench bench-cluster bench-serve clean models

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja: CMakeLists.txt | bootstrap
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) -DCMAKE_CXX_COMPILER_LAUNCHER=$(shell command -v ccache)

build: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@echo "== ingesting examples/ into $(DB)"
	$(BUILD)/newsgraph ingest --db $(DB) examples/ ; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@echo "== store"
	$(BUILD)/newsgraph stats --db $(DB)
	@echo "== try: $(BUILD)/newsgraph docs --db $(DB)   |   $(BUILD)/newsgraph show ID --db $(DB)   |   $(BUILD)/newsgraph entities --db $(DB)"

# The demo, then the web UI and the API on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it).
ui: demo
	@echo "== serving $(DB): open the URL below"
	$(BUILD)/newsgraph serve --db $(DB) --port $(PORT)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

bench: build
	$(BUILD)/bench/stages_bench

# Event and story clustering after 10k, 100k and 1M documents, with the SQLite
# store (bench/cluster_bench.cc; about 15 minutes, a 1 GB store in $(BUILD)).
bench-cluster: build
	$(BUILD)/bench/cluster_bench --store $(BUILD)/bench-cluster.db

# p50/p99 of the API with 32 clients on a generated 100k-document store (bench/serve_load.sh).
bench-serve: build
	bench/serve_load.sh $(BUILD) 100000

# The statistical NER models (data/models/README.md): each trained on all the
# annotated data of its language in ../shared/eval/ner. Deterministic: rerunning
# gives the same files.
models: build
	@[ -d "$(NER)" ] || { echo "make models: $(NER) is absent; the NER datasets live in ../shared (see data/models/README.md)" >&2; exit 2; }
	$(NG) train ner --format germeval --lang de $(NER)/de-germeval2014/NER-de-dev.tsv --viterbi --cased --out data/models/ner-de.tsv
	$(NG) train ner --format io --lang sv $(NER)/sv-webbnyheter/train_corpus.txt --out data/models/ner-sv.tsv
	$(NG) train ner --format factru --lang ru $(NER)/ru-factrueval2016/devset --viterbi --cased --out data/models/ner-ru.tsv
	$(NG) train ner --format conll --lang id --min-count 2 $(NER)/id-indonlu/nerp_ner-prosa/train_preprocess.txt \
	  $(NER)/id-indonlu/nerp_ner-prosa/valid_preprocess.txt --viterbi --out data/models/ner-id.tsv

clean:
	rm -rf $(BUILD)
