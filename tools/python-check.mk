# mo-python's modules and its language suite (included by the Makefile).
#
# The modules of lib/python/modules/ (builtins, ctypes, itertools) have Check suites in
# tests/python/*.c that import them through the runtime's import table and call them,
# no interpreter needed: build/tests/python/run-tests, run plain, under valgrind and
# under MO_GC_STRESS=1.
#
# The language suite: each tests/python/cases/NAME.py is a group of small snippets,
# NAME.expected what CPython 3.11 printed (stdout and stderr merged; make
# python-cases-expected records them). tests/python/run-cases.sh runs every case on
# build/mo-python (plain, under valgrind, under MO_GC_STRESS=1) and every book twin
# chapters/examples/*.py (against its .py.expected, but for the lines its C program
# marks /* differs "PREFIX": ... */), prints the counts, and fails only when a case or
# twin listed in tests/python/passing.txt no longer passes: the list only grows
# (make python-passing rewrites it from what passes now).

PYMOD_SRC := $(sort $(wildcard lib/python/modules/*.c))
PYMOD_HDR := $(wildcard lib/python/modules/*.h)
PYMOD_TEST_OBJ := $(patsubst lib/python/modules/%.c,$(B)/obj/pymodules-test/%.o,$(PYMOD_SRC))
PYTEST_SRC := $(sort $(wildcard tests/python/*.c))
PYTEST_OBJ := $(patsubst tests/python/%.c,$(B)/obj/tests/python/%.o,$(PYTEST_SRC))
PYTEST_RUNNER := $(B)/tests/python/run-tests
PYTEST_CFLAGS := $(TEST_CFLAGS) -Ilib/python/modules -Itests/python

$(B)/obj/pymodules-test/%.o: lib/python/modules/%.c $(B)/flags.debug | $(B)/obj/pymodules-test/
	$(CC) $(WARN) $(CPPFLAGS_LIB) -Ilib/python/modules $(CFLAGS_DEBUG) $(DEPFLAGS) -c $< -o $@
$(B)/obj/tests/python/%.o: tests/python/%.c $(B)/flags.debug | $(B)/obj/tests/python/
	$(CC) $(PYTEST_CFLAGS) $(DEPFLAGS) -c $< -o $@
$(PYTEST_RUNNER): $(PYTEST_OBJ) $(PYMOD_TEST_OBJ) $(B)/obj/tests/runtime/testutil.o $(LIB_DBG) | $(B)/tests/python/
	$(CC) -o $@ $(PYTEST_OBJ) $(PYMOD_TEST_OBJ) $(B)/obj/tests/runtime/testutil.o $(LIB_DBG) $(CHECK_LIBS) $(LIB_LIBS) -lm

ALL_EXTRA += $(PYTEST_RUNNER)

$(B)/check/python-unit.ok: $(PYTEST_RUNNER) | $(B)/check/
	@CK_DEFAULT_TIMEOUT=60 $(PYTEST_RUNNER) >$@.log 2>&1 || { cat $@.log; exit 1; }
	@echo "python modules: $$(grep -o '[0-9]*%: Checks: [0-9]*' $@.log | head -1)"; touch $@
$(B)/check/python-unit-valgrind.ok: $(PYTEST_RUNNER) | $(B)/check/
	@CK_FORK=no CK_DEFAULT_TIMEOUT=600 $(VALGRIND) $(PYTEST_RUNNER) >$@.log 2>&1 || { cat $@.log; exit 1; }
	@echo "python modules under valgrind: clean"; touch $@
$(B)/check/python-unit-stress.ok: $(PYTEST_RUNNER) | $(B)/check/
	@CK_DEFAULT_TIMEOUT=600 MO_GC_STRESS=1 $(PYTEST_RUNNER) >$@.log 2>&1 || { tail -40 $@.log; exit 1; }
	@echo "python modules under MO_GC_STRESS=1: passed"; touch $@

CHECK_STAMPS += $(B)/check/python-unit.ok $(B)/check/python-unit-valgrind.ok $(B)/check/python-unit-stress.ok

# ------------------------------------------------------------ the language suite

PY_CASES := $(sort $(wildcard tests/python/cases/*.py))
PY_TWINS := $(sort $(wildcard chapters/examples/*.py))
PY_PASSING := tests/python/passing.txt
PY_RUN_CASES := tests/python/run-cases.sh
# The interpreter is pycore's (tools/python.mk); without it the cases are counted as
# not run, which fails only if the passing list names some.
# All three runs use build/mo-python (the release runtime). The debug build,
# build/debug/mo-python, reports what is left alive at exit; it would be the
# stricter choice for the valgrind and stress runs once its report is empty.
MO_PYTHON := $(B)/mo-python
MO_PYTHON_DEP := $(if $(wildcard tools/python.mk),$(MO_PYTHON))

$(B)/check/python-cases.ok: $(MO_PYTHON_DEP) $(PY_CASES) $(PY_CASES:.py=.expected) $(PY_PASSING) $(PY_RUN_CASES) | $(B)/check/
	@PY311=$(PY311) $(PY_RUN_CASES) cases plain $(MO_PYTHON) $(PY_PASSING) $(PY_CASES) >$@.log 2>&1 \
	    || { cat $@.log; exit 1; }
	@tail -1 $@.log; touch $@
$(B)/check/python-cases-valgrind.ok: $(MO_PYTHON_DEP) $(PY_CASES) $(PY_PASSING) $(PY_RUN_CASES) | $(B)/check/
	@VALGRIND="$(VALGRIND)" $(PY_RUN_CASES) cases valgrind $(MO_PYTHON) $(PY_PASSING) $(PY_CASES) >$@.log 2>&1 \
	    || { cat $@.log; exit 1; }
	@tail -1 $@.log; touch $@
$(B)/check/python-cases-stress.ok: $(MO_PYTHON_DEP) $(PY_CASES) $(PY_PASSING) $(PY_RUN_CASES) | $(B)/check/
	@$(PY_RUN_CASES) cases stress $(MO_PYTHON) $(PY_PASSING) $(PY_CASES) >$@.log 2>&1 || { cat $@.log; exit 1; }
	@tail -1 $@.log; touch $@
$(B)/check/python-twins.ok: $(MO_PYTHON_DEP) $(PY_TWINS) $(PY_PASSING) $(PY_RUN_CASES) | $(B)/check/
	@$(PY_RUN_CASES) twins plain $(MO_PYTHON) $(PY_PASSING) $(PY_TWINS) >$@.log 2>&1 || { cat $@.log; exit 1; }
	@tail -1 $@.log; touch $@

CHECK_STAMPS += $(B)/check/python-cases.ok $(B)/check/python-cases-valgrind.ok $(B)/check/python-cases-stress.ok \
    $(B)/check/python-twins.ok

.PHONY: python-check python-cases-expected python-passing
# Only this fragment's checks (what make check runs of it).
python-check: $(PYTEST_RUNNER) $(MO_PYTHON_DEP)
	@rm -f $(B)/check/python-*.ok
	@$(MAKE) --no-print-directory $(B)/check/python-unit.ok $(B)/check/python-unit-valgrind.ok \
	    $(B)/check/python-unit-stress.ok $(B)/check/python-cases.ok $(B)/check/python-cases-valgrind.ok \
	    $(B)/check/python-cases-stress.ok $(B)/check/python-twins.ok

# Record CPython 3.11's output of every case (run from the top, as the checks run them;
# python3 names the file by its absolute path in tracebacks: the top's path is cut).
python-cases-expected:
	@for f in $(PY_CASES); do PYTHONHASHSEED=0 $(PYTHON) $$f 2>&1 | sed 's#$(ROOT)/##g' >$${f%.py}.expected; done
	@echo "python-cases-expected: recorded; review with git diff tests/python/cases"

# Add to the passing list what passes now, plain, under stress and under valgrind
# (review the diff: it only grows).
python-passing: $(MO_PYTHON_DEP)
	@VALGRIND="$(VALGRIND)" $(PY_RUN_CASES) list $(MO_PYTHON) $(PY_PASSING) $(PY_CASES) $(PY_TWINS)

-include $(PYTEST_OBJ:.o=.d) $(PYMOD_TEST_OBJ:.o=.d)
