# Python's memory model, rebuilt in C: the one Makefile.
#
# make            install missing Debian packages, build the runtime and everything else
# make lib        build/libmo.a (release), build/debug/libmo.a (debug), build/mo.pc, build/mo-debug.pc
# make check      every test (alias: make test): unit suites, fidelity programs, then valgrind
# make clean      remove build/
#
# Non-recursive; every product under build/; safe under make -j.

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:

# The build directory (relative to the project). Override to keep several builds
# apart, e.g. make B=build-mine check.
B ?= build
CC ?= cc
ifeq ($(origin CC),default)
CC := gcc
endif
ROOT := $(CURDIR)

WARN := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS_LIB := -D_GNU_SOURCE -Ilib/include
CFLAGS_RELEASE := -O2 -g
CFLAGS_DEBUG := -g -O0 -DMO_DEBUG
DEPFLAGS = -MMD -MP

CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)
LIB_LIBS := -lm $(shell pkg-config --libs libdw 2>/dev/null)

# Valgrind: memcheck, leak check full; any error or definite/indirect leak fails.
VALGRIND := valgrind --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect

PYTHON := python3
PY311 := $(shell $(PYTHON) -c 'import sys; print(int(sys.version_info[:2] == (3, 11)))' 2>/dev/null)

# ------------------------------------------------------------------- entry points

.PHONY: all deps lib check test clean
all: deps
	@$(MAKE) --no-print-directory build-all

deps:
	@tools/deps.sh

# Fragments (tools/*.mk, bench/bench.mk) add their products to ALL_EXTRA and their
# check stamps to CHECK_STAMPS; build-all is defined after they are read.
ALL_EXTRA :=

# -------------------------------------------------------------------- the runtime

LIB_SRC := $(sort $(wildcard lib/src/*.c))
LIB_HDR := $(wildcard lib/include/*.h lib/include/mo/*.h)
LIB_OBJ_REL := $(patsubst lib/src/%.c,$(B)/obj/release/%.o,$(LIB_SRC))
LIB_OBJ_DBG := $(patsubst lib/src/%.c,$(B)/obj/debug/%.o,$(LIB_SRC))
LIB_REL := $(B)/libmo.a
LIB_DBG := $(B)/debug/libmo.a

lib: $(LIB_REL) $(LIB_DBG) $(B)/mo.pc $(B)/mo-debug.pc

# A stamp per flavour records its flags, so that changing them rebuilds.
$(B)/flags.release: FORCE | $(B)/
	@echo '$(CC) $(WARN) $(CPPFLAGS_LIB) $(CFLAGS_RELEASE)' | cmp -s - $@ || echo '$(CC) $(WARN) $(CPPFLAGS_LIB) $(CFLAGS_RELEASE)' > $@
$(B)/flags.debug: FORCE | $(B)/
	@echo '$(CC) $(WARN) $(CPPFLAGS_LIB) $(CFLAGS_DEBUG)' | cmp -s - $@ || echo '$(CC) $(WARN) $(CPPFLAGS_LIB) $(CFLAGS_DEBUG)' > $@
.PHONY: FORCE
FORCE:

$(B)/obj/release/%.o: lib/src/%.c $(B)/flags.release | $(B)/obj/release/
	$(CC) $(WARN) $(CPPFLAGS_LIB) $(CFLAGS_RELEASE) $(DEPFLAGS) -c $< -o $@
$(B)/obj/debug/%.o: lib/src/%.c $(B)/flags.debug | $(B)/obj/debug/
	$(CC) $(WARN) $(CPPFLAGS_LIB) $(CFLAGS_DEBUG) $(DEPFLAGS) -c $< -o $@

$(LIB_REL): $(LIB_OBJ_REL) | $(B)/
	rm -f $@ && ar rcs $@ $^
$(LIB_DBG): $(LIB_OBJ_DBG) | $(B)/debug/
	rm -f $@ && ar rcs $@ $^

define PC_FILE
Name: $(1)
Description: the Mo object runtime ($(2) build)
Version: 0.1
Cflags: -std=c11 -I$(ROOT)/lib/include $(3)
Libs: $(ROOT)/$(4) $(LIB_LIBS)
endef
$(B)/mo.pc: Makefile | $(B)/
	$(file >$@,$(call PC_FILE,mo,release,,$(LIB_REL)))
$(B)/mo-debug.pc: Makefile | $(B)/
	$(file >$@,$(call PC_FILE,mo-debug,debug,-DMO_DEBUG -g,$(LIB_DBG)))

# ---------------------------------------------------------------------- the tests

# Unit suites: one Check runner, one suite factory per file.
TEST_SRC := $(sort $(wildcard tests/runtime/*.c))
TEST_OBJ := $(patsubst tests/runtime/%.c,$(B)/obj/tests/runtime/%.o,$(TEST_SRC))
TEST_RUNNER := $(B)/tests/runtime/run-tests
TEST_CFLAGS := $(WARN) -Wno-missing-prototypes -D_GNU_SOURCE -Ilib/include -Itests/runtime $(CFLAGS_DEBUG) $(CHECK_CFLAGS)

$(B)/obj/tests/runtime/%.o: tests/runtime/%.c $(B)/flags.debug | $(B)/obj/tests/runtime/
	$(CC) $(TEST_CFLAGS) $(DEPFLAGS) -c $< -o $@
$(TEST_RUNNER): $(TEST_OBJ) $(LIB_DBG) | $(B)/tests/runtime/
	$(CC) -o $@ $(TEST_OBJ) $(LIB_DBG) $(CHECK_LIBS) $(LIB_LIBS)

# Fidelity programs: tests/fidelity/NAME.c prints what NAME.py prints under CPython
# 3.11; NAME.expected is that output, committed (regenerate: make fidelity-expected).
FID_SRC := $(sort $(wildcard tests/fidelity/*.c))
FID_NAMES := $(patsubst tests/fidelity/%.c,%,$(FID_SRC))
FID_BIN := $(patsubst %,$(B)/tests/fidelity/%,$(FID_NAMES))
$(B)/tests/fidelity/%: tests/fidelity/%.c $(LIB_DBG) $(B)/flags.debug | $(B)/tests/fidelity/
	$(CC) $(WARN) -D_GNU_SOURCE -Ilib/include $(CFLAGS_DEBUG) $(DEPFLAGS) -MF $@.d $< -o $@ $(LIB_DBG) $(LIB_LIBS)

# Death tests: tests/death/NAME.c must stop with a fatal error whose stderr matches
# every line of NAME.expect (the debug runtime's refcount and use-after-free checks).
DEATH_SRC := $(sort $(wildcard tests/death/*.c))
DEATH_NAMES := $(patsubst tests/death/%.c,%,$(DEATH_SRC))
DEATH_BIN := $(patsubst %,$(B)/tests/death/%,$(DEATH_NAMES))
$(B)/tests/death/%: tests/death/%.c $(LIB_DBG) $(B)/flags.debug | $(B)/tests/death/
	$(CC) $(WARN) -D_GNU_SOURCE -Ilib/include $(CFLAGS_DEBUG) $(DEPFLAGS) -MF $@.d $< -o $@ $(LIB_DBG) $(LIB_LIBS)

# Outside programs: built the way API.md tells a reader to, with pkg-config, from a
# copy outside the project; their output must match CPython 3.11's (NAME.expected).
OUT_SRC := $(sort $(wildcard tests/outside/*.c))
OUT_NAMES := $(patsubst tests/outside/%.c,%,$(OUT_SRC))
OUT_BIN := $(patsubst %,$(B)/tests/outside/%,$(OUT_NAMES))
$(B)/tests/outside/%: tests/outside/%.c $(LIB_DBG) $(B)/mo-debug.pc | $(B)/tests/outside/
	@tmp=$$(mktemp -d) && cp $< $$tmp/ && \
	echo "cc $$tmp/$*.c \$$(PKG_CONFIG_PATH=build pkg-config --cflags --libs mo-debug)" && \
	$(CC) $$tmp/$*.c $$(PKG_CONFIG_PATH=$(B) pkg-config --cflags --libs mo-debug) -o $@; \
	status=$$?; rm -rf $$tmp; exit $$status

# Valgrind-report tests: tests/valgrind/NAME.c run under memcheck, whose report must
# match every line of NAME.expect (what valgrind sees through the runtime's pools).
VG_SRC := $(sort $(wildcard tests/valgrind/*.c))
VG_NAMES := $(patsubst tests/valgrind/%.c,%,$(VG_SRC))
VG_BIN := $(patsubst %,$(B)/tests/valgrind/%,$(VG_NAMES))
$(B)/tests/valgrind/%: tests/valgrind/%.c $(LIB_DBG) $(B)/flags.debug | $(B)/tests/valgrind/
	$(CC) $(WARN) -D_GNU_SOURCE -Ilib/include $(CFLAGS_DEBUG) $(DEPFLAGS) -MF $@.d $< -o $@ $(LIB_DBG) $(LIB_LIBS)

.PHONY: tests
tests: $(TEST_RUNNER) $(FID_BIN) $(DEATH_BIN) $(OUT_BIN) $(VG_BIN)

# The checks, each writing only its own stamp so that make -j may run them together.
CHECK_STAMPS := $(B)/check/unit.ok $(B)/check/unit-valgrind.ok $(B)/check/unit-stress.ok \
    $(patsubst %,$(B)/check/valgrind-report-%.ok,$(VG_NAMES)) \
    $(patsubst %,$(B)/check/fidelity-%.ok,$(FID_NAMES)) \
    $(patsubst %,$(B)/check/fidelity-valgrind-%.ok,$(FID_NAMES)) \
    $(patsubst %,$(B)/check/death-%.ok,$(DEATH_NAMES)) \
    $(patsubst %,$(B)/check/outside-%.ok,$(OUT_NAMES)) \
    $(patsubst %,$(B)/check/outside-valgrind-%.ok,$(OUT_NAMES))

# The checks are independent stamps: they run on every core (CHECK_JOBS), as CI's plain
# `make check` would otherwise run them one after another.
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
check test: lib tests
	@rm -f $(CHECK_STAMPS)
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) $(CHECK_STAMPS)
	@echo "check: all passed"

$(B)/check/unit.ok: $(TEST_RUNNER) | $(B)/check/
	CK_DEFAULT_TIMEOUT=60 MO_TAP=$(B)/tests/runtime/results.tap $(TEST_RUNNER)
	@touch $@
$(B)/check/unit-valgrind.ok: $(TEST_RUNNER) | $(B)/check/
	CK_FORK=no CK_DEFAULT_TIMEOUT=600 MO_TEST_UNDER_VALGRIND=1 $(VALGRIND) $(TEST_RUNNER)
	@touch $@
# The whole suite again with the collector's stress switch: a collection at every
# GC allocation.
$(B)/check/unit-stress.ok: $(TEST_RUNNER) | $(B)/check/
	CK_DEFAULT_TIMEOUT=600 MO_GC_STRESS=1 $(TEST_RUNNER) >$@.log 2>&1 || { tail -40 $@.log; exit 1; }
	@echo "unit suites under MO_GC_STRESS=1: passed"; touch $@
$(B)/check/valgrind-report-%.ok: $(B)/tests/valgrind/% tests/valgrind/%.expect | $(B)/check/
	@tools/valgrind-expect.sh $< tests/valgrind/$*.expect
	@echo "valgrind report $*: as expected"; touch $@

$(B)/check/fidelity-%.ok: $(B)/tests/fidelity/% tests/fidelity/%.expected | $(B)/check/
	@tools/fidelity.sh $< tests/fidelity/$*.expected $(if $(filter 1,$(PY311)),tests/fidelity/$*.py) >$@.log 2>&1 \
	    || { cat $@.log; exit 1; }
	@echo "fidelity $*: same as CPython 3.11"; touch $@
$(B)/check/fidelity-valgrind-%.ok: $(B)/tests/fidelity/% | $(B)/check/
	@$(VALGRIND) $< >/dev/null 2>$@.log || { cat $@.log; echo "fidelity $*: valgrind failed"; exit 1; }
	@echo "fidelity $*: valgrind clean"; touch $@

$(B)/check/death-%.ok: $(B)/tests/death/% tests/death/%.expect | $(B)/check/
	@tools/death.sh $< tests/death/$*.expect
	@echo "death $*: stopped with the expected message"; touch $@
$(B)/check/outside-%.ok: $(B)/tests/outside/% tests/outside/%.expected | $(B)/check/
	@tools/fidelity.sh $< tests/outside/$*.expected $(if $(filter 1,$(PY311)),tests/outside/$*.py) >$@.log 2>&1 \
	    || { cat $@.log; exit 1; }
	@echo "outside $*: built with pkg-config, same as CPython 3.11"; touch $@
$(B)/check/outside-valgrind-%.ok: $(B)/tests/outside/% | $(B)/check/
	@$(VALGRIND) $< >/dev/null 2>$@.log || { cat $@.log; echo "outside $*: valgrind failed"; exit 1; }
	@echo "outside $*: valgrind clean"; touch $@

.PHONY: fidelity-expected
fidelity-expected:
	@for f in tests/fidelity/*.py tests/outside/*.py tests/outside/ext/*_main.py; do PYTHONHASHSEED=0 $(PYTHON) $$f > $${f%.py}.expected; done

# ---------------------------------------------------------------------- utilities

$(B)/:
	@mkdir -p $@
$(B)/%/:
	@mkdir -p $@
# Directories made by the pattern rule are not intermediate files to delete.
.PRECIOUS: $(B)/ $(B)/%/

clean:
	rm -rf build build-*

# The book, the graders and the benchmarks keep their rules beside them.
include $(sort $(wildcard tools/*.mk)) $(wildcard bench/bench.mk)

.PHONY: build-all
build-all: lib tests $(ALL_EXTRA)

-include $(LIB_OBJ_REL:.o=.d) $(LIB_OBJ_DBG:.o=.d) $(TEST_OBJ:.o=.d) $(FID_BIN:=.d) $(DEATH_BIN:=.d) $(VG_BIN:=.d)
