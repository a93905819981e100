# Thin wrapper around CMake. `make demo` and `make test` work on a fresh Debian machine as the only
# command typed: both install what is missing first.
# `make test SANITIZE=address,undefined` runs the whole suite under those sanitizers, in its own
# build directory.
SANITIZE ?=
BUILD_DIR ?= $(if $(SANITIZE),build-sanitize,build)
BUILD_TYPE ?= RelWithDebInfo
# `make fuzz FUZZ_SECONDS=N`: each libFuzzer target of tests/fuzz/ for N seconds (clang).
FUZZ_SECONDS ?= 60
FUZZ_DIR ?= build-fuzz
PREFIX ?= /usr/local
DESTDIR ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Debian packages the build and the tests need (libclang-rt-14-dev holds the libFuzzer and
# sanitizer runtimes, which clang only recommends, and deps installs without recommends).
DEB_PACKAGES := cmake g++ make pkg-config ccache libcli11-dev libyaml-cpp-dev nlohmann-json3-dev \
	libcurl4-openssl-dev doctest-dev bird time zsh fish groff-base dpkg-dev file \
	libcpp-httplib-dev openssl curl etcd-server etcd-client clang libclang-rt-14-dev gobgpd \
	libsimdjson-dev jq

# Warnings are errors for the developers (make test, CI), never for a packager: `make build` and
# `make install` leave them warnings unless WERROR=ON.
WERROR ?= OFF

MAKEFLAGS += --no-print-directory

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build demo bgp-lab test fuzz bench completions man install package clean format

all: build

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing missing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Only deps, demo and test install system packages; build, install and package never do.
configure:
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_INSTALL_PREFIX=$(PREFIX) \
		-DCMAKE_COMPILE_WARNING_AS_ERROR=$(WERROR) -DSVCADV_SANITIZE=$(SANITIZE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: deps
	@$(MAKE) build
	@SVCADV=$(BUILD_DIR)/svcadv bash examples/demo.sh

# The BGP lab (tests/bgp, needs root): bird per node, gobgpd as the ToR; prints the ToR's table
# beside the preview. CLUSTER=path picks another cluster than examples/cluster.
bgp-lab: deps
	@$(MAKE) build
	@SVCADV=$(BUILD_DIR)/svcadv bash tests/bgp/demo.sh $(CLUSTER)

# preview-routes on synthetic clusters up to 5,000 nodes / 50,000 services / 250,000 endpoints.
bench: build
	@bash bench/run.sh $(BUILD_DIR)

# Regenerates the committed completion scripts (a test fails when they are stale).
completions: build
	@$(BUILD_DIR)/svcadv completion bash > completions/svcadv.bash
	@$(BUILD_DIR)/svcadv completion zsh > completions/_svcadv
	@$(BUILD_DIR)/svcadv completion fish > completions/svcadv.fish

# Regenerates the committed man pages (a test fails when they are stale).
man: build
	@rm -f man/*.1
	@$(BUILD_DIR)/svcadv-gen-man man

test: deps
	@$(MAKE) build WERROR=ON
	@cd $(BUILD_DIR) && ASAN_OPTIONS=exitcode=86:detect_leaks=1 \
		UBSAN_OPTIONS=exitcode=86:print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Builds the fuzz targets (deps installs clang) and runs each; see tests/fuzz/run.sh.
fuzz:
	@cmake -S . -B $(FUZZ_DIR) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DSVCADV_FUZZ=ON -DBUILD_TESTING=OFF -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS) --target svcadv_fuzzers
	@bash tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

install: build
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD_DIR) --prefix $(PREFIX)

# build/svcadv_<version>_<arch>.deb
package: build
	@cd $(BUILD_DIR) && cpack -G DEB

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	@rm -rf $(BUILD_DIR)
