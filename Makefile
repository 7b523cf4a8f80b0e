# newsgraph — the two set-up commands:
#   make demo   install packages, build (Release), ingest examples/ into demo.db, print a summary
#   make test   install packages, build, run the whole test suite with ctest
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= demo.db
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all bootstrap build demo test bench clean

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

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

bench: build
	$(BUILD)/bench/stages_bench

clean:
	rm -rf $(BUILD)
