# The user-facing targets. Meson and Ninja do the building underneath; each target
# installs missing Debian packages first (scripts/deps), so a fresh Debian 12 machine
# needs nothing else. See README.md.

BUILD_TEST    := build/asan
BUILD_RELEASE := build/release
BUILD_FUZZ    := build/fuzz
BUILD_TSAN    := build/tsan
# The suites that run code in threads (reading a return's files, building the 903 view,
# running the rules, writing a long report), again under ThreadSanitizer.
TSAN_TESTS    := core_par core_str 903_view ret_engine report_findings 903_agreement \
                 t0020-validate903
KITH          := $(BUILD_RELEASE)/src/kith
DEMO_DB       ?= kith-demo.db
# Compile jobs: one per core. Ninja's own default is cores + 2, which on a 2-core machine
# shared with a server or a second build keeps the load above the cores for minutes.
JOBS          ?= $(shell nproc 2>/dev/null || echo 2)
# meson test's timeout multiplier: 1 on a quiet machine (CI); on a loaded one the slow
# suites (the demo's rules, the browser journey) need longer: make test TIMEOUT=3.
TIMEOUT       ?= 1

.PHONY: all deps build run test bench lint format fuzz clean

all: build

deps:
	@scripts/deps

# The optimised build is meson's own `release` type (-O3), what a packager types: gcc
# warns about different things at each level, and this keeps that build warning-free.
# A directory set up before (at -O2) is switched over once; the stamp records it.
RELEASE_STAMP := $(BUILD_RELEASE)/.kith-buildtype-release

$(RELEASE_STAMP):
	@if [ -f $(BUILD_RELEASE)/build.ninja ]; then \
	    meson configure $(BUILD_RELEASE) -Dbuildtype=release -Db_ndebug=if-release >/dev/null; \
	else meson setup $(BUILD_RELEASE) --buildtype=release >/dev/null; fi
	@touch $@

$(BUILD_TEST)/build.ninja:
	meson setup $(BUILD_TEST) --buildtype=debug -Db_sanitize=address,undefined >/dev/null

$(BUILD_TSAN)/build.ninja:
	meson setup $(BUILD_TSAN) --buildtype=debug -Db_sanitize=thread >/dev/null

build: deps $(RELEASE_STAMP)
	ninja -j $(JOBS) -C $(BUILD_RELEASE)

# Build, create the demo borough once (with one account per role; the passwords are in
# $(DEMO_DB).passwords, readable by you only), and serve it on 127.0.0.1:8080. A demo
# database without its passwords file (made before sign-in existed) is made afresh.
run: build
	@if [ ! -f $(DEMO_DB) ] || [ ! -f $(DEMO_DB).passwords ]; then \
	    $(KITH) demo --db $(DEMO_DB) --force; \
	else echo "using the existing $(DEMO_DB) (delete it for a fresh demo borough)"; \
	    $(KITH) demo --db $(DEMO_DB) --summary; fi
	@echo "sign in with an account from $(DEMO_DB).passwords"
	$(KITH) serve --db $(DEMO_DB) --listen 127.0.0.1:8080

# Every suite under AddressSanitizer and UBSan; the last line is "N passed, N failed".
# The optimised build (meson's `release`, -O3) is compiled too, because gcc warns about
# different things there and a warning would break `make run` and a packager's build.
test: deps $(BUILD_TEST)/build.ninja $(RELEASE_STAMP) $(BUILD_TSAN)/build.ninja
	ninja -j $(JOBS) -C $(BUILD_RELEASE)
	ninja -j $(JOBS) -C $(BUILD_TEST)
	ninja -j $(JOBS) -C $(BUILD_TSAN) src/kith $(addprefix tests/test_,$(filter-out t%,$(TSAN_TESTS)))
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    meson test -C $(BUILD_TEST) --print-errorlogs --num-processes 2 -t $(TIMEOUT) >$(BUILD_TEST)/test-output.txt 2>&1; \
	    status=$$?; grep -E '^ *[0-9]+/[0-9]+ ' $(BUILD_TEST)/test-output.txt; \
	    if [ $$status -ne 0 ]; then sed -n '/^=* [0-9]*\/[0-9]* =*$$/,$$p' $(BUILD_TEST)/test-output.txt | tail -n 200; fi; \
	    TSAN_OPTIONS=halt_on_error=1 meson test -C $(BUILD_TSAN) --no-rebuild --print-errorlogs \
	    --num-processes 2 -t $(TIMEOUT) $(TSAN_TESTS) >$(BUILD_TSAN)/test-output.txt 2>&1; \
	    tstatus=$$?; grep -E '^ *[0-9]+/[0-9]+ ' $(BUILD_TSAN)/test-output.txt | sed 's/$$/ (ThreadSanitizer)/'; \
	    if [ $$tstatus -ne 0 ]; then sed -n '/^=* [0-9]*\/[0-9]* =*$$/,$$p' $(BUILD_TSAN)/test-output.txt | tail -n 200; fi; \
	    scripts/test-summary $(BUILD_TEST) $(BUILD_TSAN)

# make bench OLD=REV also builds REV (scripts/build-old) and measures it beside this build,
# in the same run, where a section knows how (bench/30-http.sh, bench/32-jobs.sh).
bench: build
	@if [ -n "$(OLD)" ]; then \
	    old=$$(scripts/build-old "$(OLD)") && KITH_BENCH_OLD="$$old" bench/run $(BUILD_RELEASE); \
	else bench/run $(BUILD_RELEASE); fi

lint: deps $(RELEASE_STAMP)
	@scripts/lint $(BUILD_RELEASE)

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'bench/*.c')

$(BUILD_FUZZ)/build.ninja:
	CC=clang meson setup $(BUILD_FUZZ) --buildtype=debugoptimized -Dfuzz=true >/dev/null

fuzz: deps $(BUILD_FUZZ)/build.ninja
	ninja -j $(JOBS) -C $(BUILD_FUZZ)
	@tests/fuzz/run $(BUILD_FUZZ)

clean:
	rm -rf build
