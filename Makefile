# CampaignPress — `make site` builds the sample site into Output/, `make test` runs every test.
SHELL := /bin/bash
APT_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libvips-dev unifont
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT_FLAGS ?=
CAMPAIGN := .build/release/campaign

.PHONY: site test deps build release serve bench clean

## Install the Debian packages CampaignPress needs, only those missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

release: deps
	swift build -c release $(SWIFT_FLAGS)

## Build the sample Content/ through Theme/ into Output/.
site: release
	$(CAMPAIGN) build

## Unit and integration tests, then the checks on the built sample site.
test: deps
	swift build --build-tests $(SWIFT_FLAGS)
	swift test --skip-build $(SWIFT_FLAGS) 2>&1 | tee .build/test.log; exit $${PIPESTATUS[0]}

build: deps
	swift build $(SWIFT_FLAGS)

clean:
	rm -rf .build Output/*
