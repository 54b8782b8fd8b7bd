# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
# ccache (when installed) keys objects on paths relative to the checkout, so a fresh clone in
# another folder (CI) reuses what an earlier build on this machine compiled.
export CCACHE_BASEDIR ?= $(CURDIR)

.PHONY: all deps configure build run test bench screenshots docs walkthrough package package-test clean test-asan fuzz load

all: build

deps:
	@bash packaging/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: no display found (DISPLAY is unset). Run it under a desktop session or: xvfb-run -a make run" >&2; exit 1; fi
	$(BUILD_DIR)/bin/segment-builder

test: build
	@cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j$(JOBS) --timeout 600

bench: build
	@bash tests/bench/run-benchmarks.sh $(BUILD_DIR)

# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer, in its own build dir
# (not in CI: about four times the build and run time of `make test`). Suppressions only for Qt and
# system libraries, in tests/sanitizers (each with its reason).
ASAN_BUILD_DIR ?= build-asan
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/ubsan.supp:print_stacktrace=1:halt_on_error=1
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
	  -DSB_SANITIZE=address,undefined -DSB_BUILD_BENCHMARKS=OFF $(CMAKE_FLAGS) >/dev/null
	@$(SANITIZER_ENV) cmake --build $(ASAN_BUILD_DIR) -j$(JOBS)
	@cd $(ASAN_BUILD_DIR) && $(SANITIZER_ENV) QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j$(JOBS) --timeout 1800

# libFuzzer: every target of tests/fuzz built with clang (-fsanitize=fuzzer,address,undefined) in
# its own build dir, each run for FUZZ_SECONDS from its seed corpus (tests/fuzz/corpus/<target>,
# read only) plus what earlier runs found (build-fuzz/corpus/<target>). A crash stops the run with
# its input in build-fuzz/crashes/<target>/; fix it and copy the input into the seed corpus.
# FUZZ_TARGETS picks some; FUZZ_RUNS=N runs each target for N executions instead of a time
# (the issue's figure: make fuzz FUZZ_RUNS=10000000).
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_LIMIT = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))
FUZZ_TARGETS ?= definition_json_fuzz segment_import_fuzz events_csv_fuzz identifiers_csv_fuzz statement_result_fuzz databricks_config_fuzz
fuzz: deps
	@CXX=clang++ CC=clang cmake -S . -B $(FUZZ_BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
	  -DSB_SANITIZE=address,undefined,fuzzer-no-link -DSB_FUZZ=ON -DSB_BUILD_BENCHMARKS=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(FUZZ_BUILD_DIR) -j$(JOBS) --target sb_fuzz_targets
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD_DIR)/corpus/$$t $(FUZZ_BUILD_DIR)/crashes/$$t; \
	  echo "== $$t ($(FUZZ_LIMIT))"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(FUZZ_BUILD_DIR)/fuzz/$$t $(FUZZ_LIMIT) -print_final_stats=1 -max_len=65536 \
	    -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=$(FUZZ_BUILD_DIR)/crashes/$$t/ \
	    $(FUZZ_BUILD_DIR)/corpus/$$t tests/fuzz/corpus/$$t 2>&1 | grep -E '^(#[0-9]+ +DONE|stat::|==|SUMMARY|fuzz check)' || true; \
	  if [ -n "$$(ls -A $(FUZZ_BUILD_DIR)/crashes/$$t)" ]; then echo "$$t: crash inputs in $(FUZZ_BUILD_DIR)/crashes/$$t" >&2; exit 1; fi; \
	done

# Load (issue 14): 20 clients on one shared workspace, on the Databricks emulator (with 429s) and on
# PostgreSQL, for LOAD_SECONDS each; fails when a confirmed write was lost or doubled.
LOAD_SECONDS ?= 30
LOAD_CLIENTS ?= 20
load: build
	@$(BUILD_DIR)/bin/shared_workspace_load --seconds $(LOAD_SECONDS) --clients $(LOAD_CLIENTS)

screenshots: build
	@bash docs/screenshots/make-screenshots.sh $(BUILD_DIR)

# The generated docs: each piece is one target in DOCS (add yours there and give it a rule). Tests
# check that the committed generated files are current.
# docs/troubleshooting.md is `segctl errors`: every error code, from the app's error table.
# docs/segctl-reference.md is `segctl help --markdown`: every command's own help.
# The API reference of core is Doxygen's, into $(BUILD_DIR)/docs/api/html (not committed).
DOCS := docs-troubleshooting docs-segctl-reference docs-api
.PHONY: $(DOCS)
docs: $(DOCS)

docs-troubleshooting: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS) --target segctl
	@$(BUILD_DIR)/bin/segctl errors --format markdown > docs/troubleshooting.md.tmp && \
	  mv docs/troubleshooting.md.tmp docs/troubleshooting.md && echo "docs/troubleshooting.md regenerated"

docs-segctl-reference: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS) --target segctl
	@$(BUILD_DIR)/bin/segctl help --markdown > docs/segctl-reference.md.tmp && \
	  mv docs/segctl-reference.md.tmp docs/segctl-reference.md && echo "docs/segctl-reference.md regenerated"

docs-api:
	@bash packaging/install-deps.sh docs
	@mkdir -p $(BUILD_DIR)/docs/api && SB_DOCS_OUT=$(BUILD_DIR)/docs/api doxygen docs/Doxyfile
	@echo "API reference: $(BUILD_DIR)/docs/api/html/index.html"

# The walkthrough of the README: the real window under Xvfb driven by xdotool, recorded by ffmpeg
# (docs/walkthrough/walkthrough.webm and .gif; about two minutes).
walkthrough: build
	@bash packaging/install-deps.sh docs
	@bash docs/walkthrough/record-walkthrough.sh $(BUILD_DIR)

# The .deb (CPack): the app and segctl in /usr/bin, desktop entry, icons, AppStream, segctl(1).
package: build
	@cd $(BUILD_DIR) && cpack -G DEB

# Installs that .deb into a clean Debian 12 root (debootstrap) and starts both binaries there.
package-test: package
	@bash packaging/test-install.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
