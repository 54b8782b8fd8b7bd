# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
# ccache (when installed) keys objects on paths relative to the checkout, so a fresh clone in
# another folder (CI) reuses what an earlier build on this machine compiled.
export CCACHE_BASEDIR ?= $(CURDIR)

.PHONY: all deps configure build run test bench screenshots docs walkthrough package package-test clean

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
