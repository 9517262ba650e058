# The benchmarks (included by the Makefile).
#
# make bench   build every bench/NAME.c against the release runtime ($(B)/libmo.a, -O2),
#              run each one and its python3 twin (bench/NAME.py), print Mo against
#              CPython and write bench/RESULTS.md (the machine and the command noted).
#
# Not part of make check: timings are reports, not tests. The harness (bench/run.sh)
# fails only when a program fails; the pools' speedup over the C library's allocator
# (alloc_churn) is printed against its target of 1.5 for each working set. `make`
# compiles the programs, so that they keep building; only `make bench` runs them.

BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(patsubst bench/%.c,$(B)/bench/%,$(BENCH_SRC))
ALL_EXTRA += $(BENCH_BIN)
# The directory is made by the Makefile's $(B)/%/ rule; keep make from deleting it
# as an intermediate file.
.PRECIOUS: $(B)/bench/

$(B)/bench/%: bench/%.c $(LIB_REL) $(B)/flags.release | $(B)/bench/
	$(CC) $(WARN) -D_GNU_SOURCE -Ilib/include $(CFLAGS_RELEASE) $(DEPFLAGS) -MF $@.d $< -o $@ $(LIB_REL) $(LIB_LIBS)

.PHONY: bench
bench: $(BENCH_BIN)
	@BENCH_BIN_DIR=$(B)/bench PYTHON=$(PYTHON) CC=$(CC) \
	    BENCH_COMMAND='make$(if $(filter-out build,$(B)), B=$(B)) bench' bench/run.sh

-include $(BENCH_BIN:=.d)
