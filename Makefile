# Pantau — the two commands a newcomer needs are `make demo` and `make test`.
GO       ?= go
BIN      := bin/pantau
DEMO_DIR ?= demo-data
SEED     ?= 1
ECHARTS  := reports/assets/echarts.min.js
# The demo sample is the year 2025; its reports are for every month of it.
DEMO_PERIODS := 2025-01 2025-02 2025-03 2025-04 2025-05 2025-06 2025-07 2025-08 2025-09 2025-10 2025-11 2025-12

.PHONY: all build demo test vet fmt-check bench assets sample-demo clean

all: build

# ECharts comes from npm (package.json + package-lock.json, pinned) and is
# embedded in the binary; reports never load it from the network.
assets: $(ECHARTS)
$(ECHARTS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $@)
	cp node_modules/echarts/dist/echarts.min.js $@

build: $(ECHARTS)
	$(GO) build -o $(BIN) ./cmd/pantau

# demo: a fresh data directory, the sample uploads of a Maluku year (the same
# files as sample-data/demo, regenerated so their drop times are set), then
# ingest and every month's report.
demo: build
	rm -rf $(DEMO_DIR)
	$(BIN) sample --out $(DEMO_DIR) --scale demo --seed $(SEED)
	$(BIN) --dir $(DEMO_DIR) init
	$(BIN) --dir $(DEMO_DIR) ingest
	for p in $(DEMO_PERIODS); do $(BIN) --dir $(DEMO_DIR) report --period $$p || exit 1; done
	@echo
	@echo "Laporan siap / report ready: $(DEMO_DIR)/reports/2025-12/laporan-2025-12.html"
	@echo "Semua bulan / all months:    $(DEMO_DIR)/reports/index.html"

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet: $(ECHARTS)
	$(GO) vet ./...

# test: everything CI runs. The browser tests need chromium (.ci/run installs it)
# and fail rather than skip when it is missing.
test: $(ECHARTS) fmt-check vet
	$(GO) test -count=1 -timeout 40m ./...

# bench: national-scale data straight into a lake, then every benchmark,
# one package at a time (-p 1: by default go test runs two packages' test
# binaries at once, and the whole-process figures then share the machine
# with another package's benchmarks). The log goes to .tmp/bench.log; scripts/bench-summary prints the speed
# issue's four figures from it at the end, with the machine.
bench: $(ECHARTS)
	mkdir -p .tmp
	bash -o pipefail -c "$(GO) test -p 1 -run '^$$' -bench . -benchmem -benchtime 1x -timeout 120m ./... 2>&1 | tee .tmp/bench.log"
	scripts/bench-summary .tmp/bench.log

sample-demo: build
	rm -rf sample-data/demo
	$(BIN) sample --out sample-data/demo --scale demo --seed $(SEED)

clean:
	rm -rf bin $(DEMO_DIR) node_modules $(ECHARTS)
