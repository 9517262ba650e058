# The book: a literate pandoc build (included by the Makefile).
#
# make book          $(BOOK_DIR)/index.html (one self-contained page) and $(BOOK_DIR)/book.epub
# make pdf           $(BOOK_DIR)/book.pdf when a PDF engine is installed (not part of make)
# make book-expected record every example's output as its expected output (review the diff)
#
# An example chooses its allocator with a marker comment, /* allocator: pymalloc */
# (tools/book/allocator-of.sh): the C program runs with MOMALLOC=pymalloc (the pools as
# a release CPython has them: no debug padding, no quarantine of freed objects; the
# refcount checks stay) and its twin with PYTHONMALLOC=pymalloc.
#
# How it stays honest. Make compiles every example chapters/examples/NAME.c against the
# debug runtime, exactly as a reader would (cc + pkg-config mo-debug), runs it, and writes
# what it printed to $(BOOK_OUT)/NAME.out (with NAME.status, and NAME.svg when the example
# wrote a DOT picture); a Python twin NAME.py gives NAME.py.out. The Lua filter
# (tools/book/literate.lua) only reads those files and the real sources, so an unchanged
# example is never rebuilt, and a missing output, region or file fails the build.
# `make check` runs every example under valgrind, compares its output with the committed
# NAME.expected, compares each twin with its C program line by line (when python3 is
# 3.11), and proves that the build fails, naming the culprit, on a bad region or example.
#
# The variables below can be overridden; tests/book/ does, to build small broken books.

BOOK_SPINE ?= book.md
BOOK_EX_DIR ?= chapters/examples
BOOK_DIR ?= $(B)/book
BOOK_OUT := $(BOOK_DIR)/examples

BOOK_FILTER := tools/book/literate.lua
BOOK_CSS := tools/book/book.css
BOOK_CHAPTERS := $(sort $(wildcard chapters/*.md))
BOOK_EX_SRC := $(sort $(wildcard $(BOOK_EX_DIR)/*.c))
BOOK_EX_NAMES := $(patsubst $(BOOK_EX_DIR)/%.c,%,$(BOOK_EX_SRC))
BOOK_TWIN_NAMES := $(patsubst $(BOOK_EX_DIR)/%.py,%,$(sort $(wildcard $(BOOK_EX_DIR)/*.py)))
BOOK_RUNS := $(BOOK_EX_NAMES:%=$(BOOK_OUT)/%.out) $(BOOK_TWIN_NAMES:%=$(BOOK_OUT)/%.py.out)
# Kept between builds (make would delete them as intermediate files), so that an
# unchanged example is neither recompiled nor rerun.
.SECONDARY: $(BOOK_EX_NAMES:%=$(BOOK_OUT)/bin/%) $(BOOK_RUNS)
# Files a code block may quote by region: a change to any of them rebuilds the book.
BOOK_QUOTABLE := $(LIB_SRC) $(LIB_HDR) $(sort $(wildcard solutions/*/*.c solutions/*/*.h))

PANDOC ?= pandoc
BOOK_PANDOC = BOOK_EXAMPLES=$(BOOK_EX_DIR) BOOK_OUTPUTS=$(BOOK_OUT) $(PANDOC) $(BOOK_SPINE) \
    --from=markdown --lua-filter=$(BOOK_FILTER) --toc --toc-depth=2 --number-sections \
    --highlight-style=tango --css=$(BOOK_CSS) --resource-path=.

.PHONY: book pdf book-expected
book: $(BOOK_DIR)/index.html $(BOOK_DIR)/book.epub
ALL_EXTRA += book

# ------------------------------------------------------------------ the examples

# Compiled the way the chapters tell a reader to (plus our warning flags), so that the
# command the book shows is the command that built the output the book shows.
$(BOOK_OUT)/bin/%: $(BOOK_EX_DIR)/%.c $(LIB_DBG) $(B)/mo-debug.pc
	@mkdir -p $(@D)
	@echo "book: cc $<"
	@$(CC) $(WARN) $(DEPFLAGS) -MF $@.d $< $$(PKG_CONFIG_PATH=$(B) pkg-config --cflags --libs mo-debug) -o $@ \
	    || { echo "book: example $* does not compile ($<)"; exit 1; }

# Run it: NAME.out is everything it printed (stdout line-buffered, with stderr, in order).
$(BOOK_OUT)/%.out: $(BOOK_OUT)/bin/% $(BOOK_EX_DIR)/%.c tools/book/run-example.sh tools/book/allocator-of.sh \
    tools/book/massif-plot.sh
	@echo "book: run $*"
	@tools/book/run-example.sh $* $(BOOK_OUT)/bin/$* $(BOOK_EX_DIR)/$*.c $(BOOK_OUT)

# The Python twin's output under CPython 3.11: live when python3 is 3.11, otherwise the
# committed recording NAME.py.expected (which make check keeps current).
# It runs on the allocator the C source's /* allocator: NAME */ marker names
# (PYTHONMALLOC=NAME; unset, CPython's default, when there is none).
$(BOOK_OUT)/%.py.out: $(BOOK_EX_DIR)/%.py $(BOOK_EX_DIR)/%.c
	@mkdir -p $(BOOK_OUT)/run/$*.py
ifeq ($(PY311),1)
	@echo "book: python3 $<"
	@alloc=$$(tools/book/allocator-of.sh $(BOOK_EX_DIR)/$*.c) || exit 1; \
	cd $(BOOK_OUT)/run/$*.py && PYTHONMALLOC=$$alloc PYTHONHASHSEED=0 $(PYTHON) $(ROOT)/$< >$(ROOT)/$@.tmp 2>&1 \
	    || { cat $(ROOT)/$@.tmp; echo "book: Python twin $*.py exited with status $$?"; exit 1; }
	@mv $@.tmp $@
else
	@test -f $(BOOK_EX_DIR)/$*.py.expected || { echo "book: python3 is not 3.11 and the twin $*.py has \
	    no recording $(BOOK_EX_DIR)/$*.py.expected"; exit 1; }
	@cp $(BOOK_EX_DIR)/$*.py.expected $@
endif

# --------------------------------------------------------------------- the book

$(BOOK_DIR)/index.html: $(BOOK_SPINE) $(BOOK_CHAPTERS) $(BOOK_FILTER) $(BOOK_CSS) $(BOOK_RUNS) \
    $(BOOK_EX_SRC) $(BOOK_QUOTABLE) $(wildcard $(BOOK_EX_DIR)/*.py)
	@mkdir -p $(@D)
	@echo "book: pandoc $(BOOK_SPINE) -> $@"
	@$(BOOK_PANDOC) --to=html5 --standalone --self-contained -o $@
$(BOOK_DIR)/book.epub: $(BOOK_SPINE) $(BOOK_CHAPTERS) $(BOOK_FILTER) $(BOOK_CSS) $(BOOK_RUNS) \
    $(BOOK_EX_SRC) $(BOOK_QUOTABLE) $(wildcard $(BOOK_EX_DIR)/*.py)
	@mkdir -p $(@D)
	@echo "book: pandoc $(BOOK_SPINE) -> $@"
	@$(BOOK_PANDOC) --to=epub3 -o $@

# A PDF needs an engine pandoc can drive; none is installed by default. The HTML ones
# keep the stylesheet; a LaTeX engine also needs rsvg-convert for the SVG figures.
BOOK_PDF_ENGINES := weasyprint wkhtmltopdf xelatex lualatex pdflatex
pdf: $(BOOK_RUNS)
	@mkdir -p $(BOOK_DIR); \
	for e in $(BOOK_PDF_ENGINES); do command -v $$e >/dev/null 2>&1 || continue; \
	    case $$e in *latex) to="latex";; *) to="html5 --self-contained";; esac; \
	    echo "pdf: pandoc --pdf-engine=$$e"; \
	    $(BOOK_PANDOC) --to=$$to --standalone --pdf-engine=$$e -o $(BOOK_DIR)/book.pdf || exit 1; \
	    echo "pdf: wrote $(BOOK_DIR)/book.pdf"; exit 0; \
	done; \
	echo "pdf: no PDF engine found ($(BOOK_PDF_ENGINES)), so no PDF was written."; \
	echo "pdf: install one, for example:  sudo apt-get install weasyprint"; \
	echo "pdf: (or wkhtmltopdf, or texlive-xetex with librsvg2-bin), then run make pdf again."; \
	echo "pdf: the HTML and EPUB books need none: make book"

book-expected: $(BOOK_RUNS)
	@for n in $(BOOK_EX_NAMES); do cp $(BOOK_OUT)/$$n.out $(BOOK_EX_DIR)/$$n.expected; done
ifeq ($(PY311),1)
	@for n in $(BOOK_TWIN_NAMES); do cp $(BOOK_OUT)/$$n.py.out $(BOOK_EX_DIR)/$$n.py.expected; done
endif
	@echo "book-expected: recorded; review with git diff $(BOOK_EX_DIR)"

# --------------------------------------------------------------------- the checks

# Each example: valgrind-clean, and its output as committed (addresses normalised).
$(B)/check/book-example-%.ok: $(BOOK_OUT)/%.out tools/book/check-example.sh | $(B)/check/
	@VALGRIND="$(VALGRIND)" tools/book/check-example.sh $* $(BOOK_OUT)/bin/$* $(BOOK_EX_DIR)/$*.c $(BOOK_OUT)/$*.out \
	    $(BOOK_EX_DIR)/$*.expected $(B)/check/book-run-$* >$@.log 2>&1 || { cat $@.log; exit 1; }
	@echo "book example $*: valgrind clean, output as expected"; touch $@

# Each twin (python3 3.11 only): the same lines as the C program, except those the C
# source marks /* differs "PREFIX": REASON */, and its recording not stale.
$(B)/check/book-twin-%.ok: $(BOOK_OUT)/%.out $(BOOK_OUT)/%.py.out tools/book/compare-twin.py | $(B)/check/
	@$(PYTHON) tools/book/compare-twin.py $* $(BOOK_EX_DIR)/$*.c $(BOOK_OUT)/$*.out $(BOOK_OUT)/$*.py.out \
	    $(BOOK_EX_DIR)/$*.py.expected >$@.log 2>&1 || { cat $@.log; exit 1; }
	@echo "book twin $*: same as CPython 3.11 but for the lines marked as differing"; touch $@

# The built book: one page with no network references, both formats present.
$(B)/check/book-built.ok: $(BOOK_DIR)/index.html $(BOOK_DIR)/book.epub tools/book/check-book.sh | $(B)/check/
	@tools/book/check-book.sh $(BOOK_DIR)/index.html $(BOOK_DIR)/book.epub $(BOOK_SPINE) >$@.log 2>&1 || { cat $@.log; exit 1; }
	@echo "book: index.html self-contained, book.epub written"; touch $@

# The filter's own failure tests: each tests/book/NAME.md is a small book that must fail
# to build, with a message matching tests/book/NAME.expect (see tests/book/README.md).
BOOK_FAIL_NAMES := $(filter-out README,$(patsubst tests/book/%.md,%,$(sort $(wildcard tests/book/*.md))))
$(B)/check/book-fails-%.ok: tests/book/%.md tests/book/%.expect $(BOOK_FILTER) tools/book/run-example.sh \
    $(LIB_DBG) $(B)/mo-debug.pc | $(B)/check/
	@rm -rf $(B)/check/book-fails-$*
	@if $(MAKE) --no-print-directory BOOK_SPINE=$< BOOK_EX_DIR=tests/book/examples-$* \
	        BOOK_DIR=$(B)/check/book-fails-$* $(B)/check/book-fails-$*/index.html >$@.log 2>&1; then \
	    echo "FAIL: make book with $< succeeded; it must fail"; exit 1; fi
	@while IFS= read -r pattern; do \
	    grep -Eq -- "$$pattern" $@.log || { echo "FAIL: make book with $<: no line matches: $$pattern"; \
	        echo "--- its output:"; cat $@.log; exit 1; }; \
	done <tests/book/$*.expect
	@echo "book: a broken book ($*) fails, naming the culprit"; touch $@

CHECK_STAMPS += $(BOOK_EX_NAMES:%=$(B)/check/book-example-%.ok) $(B)/check/book-built.ok \
    $(BOOK_FAIL_NAMES:%=$(B)/check/book-fails-%.ok)
ifeq ($(PY311),1)
CHECK_STAMPS += $(BOOK_TWIN_NAMES:%=$(B)/check/book-twin-%.ok)
endif

# The committed recordings, when they exist, are prerequisites too (a missing one is
# reported by the check scripts, by name, rather than by make).
define BOOK_RECORDINGS
$(BOOK_OUT)/$(1).py.out: $(wildcard $(BOOK_EX_DIR)/$(1).py.expected)
$(B)/check/book-example-$(1).ok: $(wildcard $(BOOK_EX_DIR)/$(1).expected)
$(B)/check/book-twin-$(1).ok: $(wildcard $(BOOK_EX_DIR)/$(1).py.expected)
endef
$(foreach n,$(BOOK_EX_NAMES),$(eval $(call BOOK_RECORDINGS,$(n))))

-include $(BOOK_EX_NAMES:%=$(BOOK_OUT)/bin/%.d)
