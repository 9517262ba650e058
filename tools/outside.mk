# Extension modules written against CPython's C API (tests/outside/ext/NAME.c, Py
# names and <Python.h>), built as their authors wrote them: tools/pyrename.sh
# renames Py to Mo and nothing else into build/, then the renamed module and its
# driver (NAME_main.c, Mo names) are compiled from a copy outside the project with
# pkg-config, as an outsider does. The driver's output must equal its Python twin's
# (NAME_main.py) under CPython 3.11 (NAME_main.expected), valgrind-clean, and the
# driver fails if anything is left alive at Mo_Finalize.

EXT_SRC := $(sort $(wildcard tests/outside/ext/*_main.c))
EXT_NAMES := $(patsubst tests/outside/ext/%_main.c,%,$(EXT_SRC))
EXT_BIN := $(patsubst %,$(B)/tests/outside-ext/%,$(EXT_NAMES))

$(B)/outside-ext/%.c: tests/outside/ext/%.c tools/pyrename.sh | $(B)/outside-ext/
	tools/pyrename.sh $< $@

$(B)/tests/outside-ext/%: tests/outside/ext/%_main.c $(B)/outside-ext/%.c tests/outside/ext/show.h \
        $(LIB_DBG) $(B)/mo-debug.pc | $(B)/tests/outside-ext/
	@tmp=$$(mktemp -d) && cp $< tests/outside/ext/show.h $(B)/outside-ext/$*.c $$tmp/ && \
	echo "cc $*_main.c $*.c \$$(PKG_CONFIG_PATH=build pkg-config --cflags --libs mo-debug)" && \
	$(CC) -Wall -Werror $$tmp/$*_main.c $$tmp/$*.c $$(PKG_CONFIG_PATH=$(B) pkg-config --cflags --libs mo-debug) \
	    -o $@; status=$$?; rm -rf $$tmp; exit $$status

# The renamed sources stay in build/ (they are products, not intermediates).
.SECONDARY: $(patsubst %,$(B)/outside-ext/%.c,$(EXT_NAMES))

.PHONY: outside-ext
outside-ext: $(EXT_BIN)
ALL_EXTRA += $(EXT_BIN)

EXT_STAMPS := $(patsubst %,$(B)/check/outside-ext-%.ok,$(EXT_NAMES)) \
    $(patsubst %,$(B)/check/outside-ext-valgrind-%.ok,$(EXT_NAMES))
CHECK_STAMPS += $(EXT_STAMPS)

$(B)/check/outside-ext-%.ok: $(B)/tests/outside-ext/% tests/outside/ext/%_main.expected | $(B)/check/
	@tools/fidelity.sh $< tests/outside/ext/$*_main.expected \
	    $(if $(filter 1,$(PY311)),tests/outside/ext/$*_main.py) >$@.log 2>&1 || { cat $@.log; exit 1; }
	@echo "outside extension $*: renamed from the Py source, same as CPython 3.11"; touch $@
$(B)/check/outside-ext-valgrind-%.ok: $(B)/tests/outside-ext/% | $(B)/check/
	@$(VALGRIND) $< >/dev/null 2>$@.log || { cat $@.log; echo "outside extension $*: valgrind failed"; exit 1; }
	@echo "outside extension $*: valgrind clean"; touch $@

# Only these checks: make check-outside-ext
.PHONY: check-outside-ext
check-outside-ext: $(EXT_BIN)
	@rm -f $(EXT_STAMPS)
	@$(MAKE) --no-print-directory $(EXT_STAMPS)
