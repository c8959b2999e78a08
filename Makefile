# glasstls — GNU make build.  See README.md and docs/ARCHITECTURE.md.
#
#   make              library (static + shared) and every program in build/bin
#   make test         build and run every test (unit, vectors, layering, interop)
#   make test SANITIZE=1   the same under ASan + UBSan (separate build dir)
#   make kat          glass-kat over tests/vectors and SHARED_VECTORS (below)
#   make demo         glass-server + glass-client over loopback, trace on
#   make bench        benchmark programs, with OpenSSL measured in the same run
#   make debug        -O0 -g3 build
#   make install PREFIX=/usr/local
#
# Sources are found by wildcard, so a new file needs no Makefile edit:
#   crypto/*.c lib/*/*.c          -> build/lib/libglasstls.{a,so}
#   examples/<prog>/*.c           -> build/bin/<prog>
#   tests/test_<module>.c         -> build/tests/test_<module> (cmocka)
#   tests/fuzz/fuzz_<name>.c      -> make fuzz (clang libFuzzer)

CC      ?= cc
ifeq ($(origin CC),default)
CC      := cc
endif
PREFIX  ?= /usr/local
# SHARED_VECTORS: an optional folder of official NIST/RFC vector files
# (CAVP responses, RFC test sets), read in place when it exists by make kat,
# make test, make memcheck and make fuzz, never copied into the repository;
# without it they run on the repository's own vectors (make test prints a
# SKIP line).  This is its one default: a test script run without make asks
# `make -s vectors-dir`.
SHARED_VECTORS ?= ../shared/vectors

CSTD     := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
OPT      ?= -O2 -g
DEPFLAGS  = -MMD -MP
INCLUDES := -Iinclude -Ilib -Icrypto

BUILD := build
ifeq ($(SANITIZE),1)
BUILD := build/sanitize
OPT   := -O1 -g -fno-omit-frame-pointer
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
endif
ifeq ($(DEBUG),1)
BUILD := build/debug
OPT   := -O0 -g3
endif

CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(SANFLAGS) $(INCLUDES) -fPIC $(VISIBILITY) $(CFLAGS)
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

# lib/labs/ (the lab switches) belongs to the lab build only: make labs
LIB_SRCS := $(filter-out lib/labs/%,$(sort $(wildcard crypto/*.c) $(wildcard lib/*/*.c)))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
# The library exports only what the public headers declare between
# GLASS_API_BEGIN and GLASS_API_END (include/glasstls/export.h).
$(LIB_OBJS): VISIBILITY := -fvisibility=hidden

PROGS     := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard examples/*/*.c)))))
PROG_BINS := $(PROGS:%=$(BUILD)/bin/%)

TEST_SRCS := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
# Shared test helpers (tests/helpers/<name>.[ch]: hex decoder, SplitMix64,
# the in-process handshake fixture, ...) go into one archive that every test
# program and test tool links: the linker takes from it only the helpers a
# program calls.
TEST_HELPER_SRCS := $(sort $(wildcard tests/helpers/*.c))
TEST_HELPER_OBJS := $(TEST_HELPER_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_HELPERS     := $(BUILD)/tests/libtesthelpers.a
# Test-only programs the shell tests run (tests/tools/<name>.c ->
# $(BUILD)/tests/tools/<name>), built with the same warnings as the library.
TEST_TOOL_SRCS := $(sort $(wildcard tests/tools/*.c))
TEST_TOOLS     := $(TEST_TOOL_SRCS:tests/tools/%.c=$(BUILD)/tests/tools/%)

STATIC := $(BUILD)/lib/libglasstls.a
SHARED := $(BUILD)/lib/libglasstls.so
LIBS   := -lpthread

# keep objects made through chained pattern rules (tests, ctcheck)
.SECONDARY:

.PHONY: all lib programs tests test check-layers kat kat-long bench debug \
        install clean demo ctcheck memcheck fuzz docs deps labs

all: lib programs

lib: $(STATIC) $(SHARED)
programs: $(PROG_BINS)
tests: $(TEST_BINS) $(TEST_TOOLS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(DEPFLAGS) -c $< -o $@

$(STATIC): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) -shared $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

# One program per folder under examples/.
define PROG_RULE
$(BUILD)/bin/$(1): $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard examples/$(1)/*.c)) $(STATIC)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$^ $(LIBS)
endef
$(foreach p,$(PROGS),$(eval $(call PROG_RULE,$(p))))

# The P-256/P-384 field arithmetic (crypto/ec_point.c) is short loops over
# a compile-time number of limbs; gcc -O2 leaves them rolled, -O3 with
# unrolling makes the point operations about 1.6x faster (gcc 12).  Only
# for the default optimisation, so DEBUG=1 stays -O0 for gdb.
ifeq ($(OPT),-O2 -g)
$(BUILD)/obj/crypto/ec_point.o: CFLAGS += -O3 -funroll-loops
# ec_p256.c (the P-256 path of 64-bit builds) likewise, but without the
# vectoriser: gcc 12 packed pairs of limbs just stored as scalars into SSE
# registers (stalled store forwarding); -fno-tree-vectorize made P-256
# ECDH about 1.6x faster at a similar instruction count.
$(BUILD)/obj/crypto/ec_p256.o: CFLAGS += -O3 -funroll-loops -fno-tree-vectorize
endif

# glass-server finds the demo certificate next to its build folder, or in
# the source tree it was built from.
$(BUILD)/obj/examples/glass-server/%.o: CFLAGS += -DGLASS_SOURCE_DIR='"$(CURDIR)"'

# test sources, tools and fuzz targets include "helpers/<name>.h" from tests/
$(BUILD)/obj/tests/%.o: CFLAGS += -Itests $(shell pkg-config --cflags cmocka 2>/dev/null)
$(TEST_HELPERS): $(TEST_HELPER_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^
$(BUILD)/tests/tools/%: $(BUILD)/obj/tests/tools/%.o $(TEST_HELPERS) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)
$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(TEST_HELPERS) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka) $(LIBS)

# ---------------------------------------------------------------- tests
# deps: make sure the test-only tools are present (apt-get when root/sudo).
deps:
	@sh tests/ensure-deps.sh

check-layers:
	@sh tests/check-layers.sh

test: deps check-layers all tests labs
	@BUILD=$(BUILD) SHARED_VECTORS=$(SHARED_VECTORS) sh tests/run-all.sh

kat: $(BUILD)/bin/glass-kat
	@set -e; files=$$(find tests/vectors -type f \( -name '*.rsp' -o -name '*.txt' \) | sort); \
	if [ -d "$(SHARED_VECTORS)" ]; then \
	  files="$$files $$(find $(SHARED_VECTORS) -type f ! -name README.md | sort)"; fi; \
	$(BUILD)/bin/glass-kat $$files

# the folder of official vectors, for test scripts run without make
.PHONY: vectors-dir
vectors-dir:
	@echo '$(SHARED_VECTORS)'

kat-long: $(BUILD)/bin/glass-kat
	GLASS_KAT_LONG=1 $(MAKE) --no-print-directory kat

bench: all
	@BUILD=$(BUILD) $(BUILD)/bin/glass-bench

# The HTTPS journey over loopback: examples/demo.sh starts glass-server with
# the demo certificate on a free port, fetches its page with glass-client
# (trace on), and stops the server by its PID.
demo: all
	@sh examples/demo.sh $(BUILD)

debug:
	$(MAKE) DEBUG=1 all

# docs/state-diagram.md and docs/alerts.md are generated from the tables
# the code runs on (the handshake tables, the error->alert table); the
# glass-step examples and gdb sessions in docs/*.md are real, deterministic runs
# (tests/tools/docs_examples.py; tests/sh/docs_fresh.sh fails when stale).
docs: $(BUILD)/bin/glass-states $(BUILD)/bin/glass-step
	$(BUILD)/bin/glass-states > docs/state-diagram.md
	$(BUILD)/bin/glass-states --alerts > docs/alerts.md
	$(BUILD)/bin/glass-states --fields > docs/fields.md
	BUILD=$(BUILD) python3 tests/tools/docs_examples.py docs/*.md

# ---------------------------------------------------------------- install
install: all
	install -d $(DESTDIR)$(PREFIX)/include/glasstls $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/bin
	install -m 644 $(filter-out include/glasstls/labs.h,$(wildcard include/glasstls/*.h)) $(DESTDIR)$(PREFIX)/include/glasstls/
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(PROG_BINS) $(DESTDIR)$(PREFIX)/bin/
	sed -e 's|@PREFIX@|$(PREFIX)|g' docs/glasstls.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/glasstls.pc

clean:
	rm -rf build

# ---------------------------------------------------------------- labs
# The attack labs (docs/labs/): a second build of the library with
# -DGLASS_UNSAFE_LABS, which adds the lab switches (include/glasstls/labs.h,
# lib/labs/), into build/labs/ only:
#   build/labs/lib/libglasstls-lab.a   the lab library
#   build/labs/glass-server, glass-client   the normal programs, lab build:
#                                      they take --lab SWITCH[,SWITCH]
#   build/labs/<prog>                  each examples/labs/<prog>/ (with
#                                      examples/labs/common/*.c)
# Nothing of it reaches build/lib or build/bin: tests/sh/labs_fence.sh.
LAB_BUILD   := $(BUILD)/labs
LAB_SRCS    := $(sort $(wildcard crypto/*.c) $(wildcard lib/*/*.c))
LAB_OBJS    := $(LAB_SRCS:%.c=$(LAB_BUILD)/obj/%.o)
LAB_STATIC  := $(LAB_BUILD)/lib/libglasstls-lab.a
LAB_COMMON  := $(patsubst %.c,$(LAB_BUILD)/obj/%.o,$(wildcard examples/labs/common/*.c))
LAB_PROGS   := $(filter-out common,$(notdir $(patsubst %/,%,$(sort $(dir $(wildcard examples/labs/*/*.c))))))
LAB_BINS    := $(LAB_PROGS:%=$(LAB_BUILD)/%) $(LAB_BUILD)/glass-server $(LAB_BUILD)/glass-client
$(LAB_OBJS): VISIBILITY := -fvisibility=hidden

$(LAB_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DGLASS_UNSAFE_LABS $(DEPFLAGS) -c $< -o $@
$(LAB_BUILD)/obj/examples/glass-server/%.o: CFLAGS += -DGLASS_SOURCE_DIR='"$(CURDIR)"'
$(LAB_BUILD)/obj/examples/labs/%.o: CFLAGS += -Iexamples/labs/common -DGLASS_SOURCE_DIR='"$(CURDIR)"'
ifeq ($(OPT),-O2 -g)
$(LAB_BUILD)/obj/crypto/ec_point.o: CFLAGS += -O3 -funroll-loops
endif

$(LAB_STATIC): $(LAB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

define LAB_PROG_RULE
$(LAB_BUILD)/$(1): $(patsubst %.c,$(LAB_BUILD)/obj/%.o,$(wildcard examples/$(2)/*.c)) $(3) $(LAB_STATIC)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$^ $(LIBS)
endef
$(foreach p,$(LAB_PROGS),$(eval $(call LAB_PROG_RULE,$(p),labs/$(p),$(LAB_COMMON))))
$(eval $(call LAB_PROG_RULE,glass-server,glass-server,))
$(eval $(call LAB_PROG_RULE,glass-client,glass-client,))

labs: $(LAB_BINS)
-include $(shell find $(LAB_BUILD)/obj -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- ctcheck
# Constant-time check ("ctgrind"): each tests/ctcheck/ct_<name>.c marks its
# secrets undefined with VALGRIND_MAKE_MEM_UNDEFINED and runs the code under
# valgrind memcheck, which then reports any branch or address that depends
# on them.  ctfail_<name>.c are deliberately leaky programs that MUST be
# reported: they prove the checker can fail.
CT_SRCS := $(sort $(wildcard tests/ctcheck/ct_*.c tests/ctcheck/ctfail_*.c))
CT_BINS := $(CT_SRCS:tests/ctcheck/%.c=build/ctcheck/%)

CT_DEPS := $(wildcard crypto/*.c crypto/*.h include/glasstls/*.h)
CT_LINK  = $(CC) $(CSTD) $(WARN) -O2 -g -gdwarf-4 -DGLASS_CTGRIND $(INCLUDES) -Itests -o $@ $< \
           $(filter crypto/%.c lib/%.c tests/helpers/%.c,$^) $(LIBS)

build/ctcheck/%: tests/ctcheck/%.c $(CT_DEPS)
	@mkdir -p $(dir $@)
	$(CT_LINK)

# ct_tls* / ctfail_tls* check the TLS layer: lib/ is compiled in as well.
CT_TLS_BINS := $(filter build/ctcheck/ct_tls% build/ctcheck/ctfail_tls%,$(CT_BINS))
$(CT_TLS_BINS): build/ctcheck/%: tests/ctcheck/%.c $(CT_DEPS) $(wildcard lib/*/*.c lib/*/*.h)
	@mkdir -p $(dir $@)
	$(CT_LINK)

# the checks that draw their (public or secret) random bytes from SplitMix64
build/ctcheck/ct_rsa build/ctcheck/ct_tls: tests/helpers/splitmix.c tests/helpers/splitmix.h

ctcheck: $(CT_BINS)
	@sh tests/ctcheck/run.sh $(CT_BINS)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- fuzz
# Fuzz targets (tests/fuzz/fuzz_<name>.c, docs/hardening.md).
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_ONLY="der x509"]
#       builds each target with clang libFuzzer + ASan + UBSan into
#       build/fuzz/ and runs it for FUZZ_SECONDS seconds over the corpus
#       build/fuzz/corpus-<name> (seeded from tests/certs, tests/vectors);
#       crashers land in build/fuzz/artifacts-<name>/.
#   make fuzz-replay
#       builds the same targets as plain programs (tests/fuzz/replay_main.c
#       instead of libFuzzer, any compiler, $(BUILD)/fuzz-replay/) and
#       replays every committed input in tests/fuzz/regress/<name>/ and the
#       generated seeds.  make test does the same (tests/sh/fuzz_replay.sh).
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_FLAGS   := -O2 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=all
FUZZ_CFLAGS   = $(CSTD) $(WARN) $(FUZZ_FLAGS) $(INCLUDES) -Itests -Iexamples/glass-kat
# glass-kat's sources without its main(): fuzz_kat stands in for it
KAT_LIB_SRCS := $(filter-out examples/glass-kat/main.c,$(sort $(wildcard examples/glass-kat/*.c)))
FUZZ_EXTRA_kat := $(KAT_LIB_SRCS)
# the server and client targets share the fuzzer-as-peer harness
# (the resumed flavour's first, full handshake runs in process: hs_fixture)
FUZZ_PEER    := tests/fuzz/peer.c tests/helpers/feed.c tests/helpers/hs_fixture.c tests/helpers/hex.c
FUZZ_EXTRA_server := $(FUZZ_PEER)
FUZZ_EXTRA_client := $(FUZZ_PEER)
FUZZ_EXTRA_server_mtls := $(FUZZ_PEER)
FUZZ_EXTRA_server_resume := $(FUZZ_PEER)
FUZZ_EXTRA_record := tests/helpers/feed.c
# fixed blinding values for the key target's signatures
FUZZ_EXTRA_key := tests/helpers/splitmix.c
FUZZ_BINS    := $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
FUZZ_REPLAY_BINS := $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/fuzz_%)

# crypto/ gets ASan + UBSan but no coverage feedback: constant-time code
# takes the same paths whatever the input, and tracing its bignum loops
# made RSA ~100x slower (1.4 s per key load instead of 15 ms).
build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(if $(filter crypto/%,$<),,-fsanitize=fuzzer-no-link) $(DEPFLAGS) -c $< -o $@

build/fuzz/libglasstls-fuzz.a: $(LIB_SRCS:%.c=build/fuzz/obj/%.o)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

define FUZZ_RULE
build/fuzz/fuzz_$(1): build/fuzz/obj/tests/fuzz/fuzz_$(1).o build/fuzz/obj/tests/fuzz/support.o \
        $(FUZZ_EXTRA_$(1):%.c=build/fuzz/obj/%.o) build/fuzz/libglasstls-fuzz.a
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $$@ $$^ $(LIBS)
$(BUILD)/fuzz-replay/fuzz_$(1): $(BUILD)/obj/tests/fuzz/fuzz_$(1).o $(BUILD)/obj/tests/fuzz/support.o \
        $(BUILD)/obj/tests/fuzz/replay_main.o $(FUZZ_EXTRA_$(1):%.c=$(BUILD)/obj/%.o) $(STATIC)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$^ $(LIBS)
endef
$(foreach n,$(FUZZ_NAMES),$(eval $(call FUZZ_RULE,$(n))))
$(BUILD)/obj/tests/fuzz/fuzz_kat.o: CFLAGS += -Iexamples/glass-kat

.PHONY: fuzz-build fuzz-replay fuzz-replay-build
fuzz-build: $(FUZZ_BINS)
fuzz: fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) SHARED_VECTORS=$(SHARED_VECTORS) \
	  sh tests/fuzz/run.sh $(or $(FUZZ_ONLY),$(FUZZ_NAMES))
fuzz-replay-build: $(FUZZ_REPLAY_BINS)
fuzz-replay: fuzz-replay-build
	@BUILD=$(BUILD) sh tests/sh/fuzz_replay.sh
# make test builds the replay programs and runs tests/sh/fuzz_replay.sh
tests: $(FUZZ_REPLAY_BINS)
-include $(shell find build/fuzz/obj -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- memcheck
# valgrind memcheck over every unit-test binary: zero errors, zero definite
# or indirect leaks (tests/memcheck.sh; MEMCHECK_ONLY=regex to narrow).
memcheck: all tests
	@BUILD=$(BUILD) SHARED_VECTORS=$(SHARED_VECTORS) sh tests/memcheck.sh
