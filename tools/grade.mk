# The lab graders (included by the Makefile): what students and instructors run.
#
# make grade LAB=NN-topic [SRC=DIR]  grade the lab's files in DIR (default labs/NN-topic):
#                                    a table (test, points, result, reason), the total, and
#                                    $(B)/grade/NN-topic/results.json (Gradescope's format),
#                                    results.tap and results.xml (Check's logs)
# make status                        every lab's best score so far
# make skeletons                     regenerate labs/NN-topic/ from solutions/NN-topic/
# make dist-student                  $(B)/dist/mo-student.tar.gz: the project without
#                                    solutions/ and tests/mutants/, which builds and grades
# make autograder LAB=NN-topic       $(B)/dist/autograder-NN-topic.zip for Gradescope
#
# make check proves the graders right, for every lab that has a solution: the skeleton is
# what the solution's markers make; the solution scores full marks and the skeleton less
# (and both compile with -Werror); every mutant in tests/mutants/NN-topic/ fails the tests
# it names; the sweeps (each Mo_DECREF removed or doubled, each INCREF removed, abort() or
# an endless loop at the top of each function) all score below full, each graded in under
# two minutes; and the student tarball and the autograder bundle work unpacked elsewhere.
# tools/grade/ holds the driver (grade.sh, start there), the harness the suites link with,
# and the helpers.

GRADE_BIN := $(B)/grade/bin
GRADE_TOOLS := $(GRADE_BIN)/mg-sandbox
GRADE_TOOLS += $(GRADE_BIN)/mg-filter
GRADE_HISTORY ?= $(B)/grade/history
ALL_EXTRA += $(GRADE_TOOLS)

$(GRADE_BIN)/mg-%: tools/grade/%.c $(B)/flags.release | $(GRADE_BIN)/
	$(CC) $(WARN) -D_GNU_SOURCE $(CFLAGS_RELEASE) $(DEPFLAGS) -MF $@.d $< -o $@
# mg-filter: the tests' system-call filters, built by libseccomp (tools/grade/filter.c).
$(GRADE_BIN)/mg-filter: tools/grade/filter.c $(B)/flags.release | $(GRADE_BIN)/
	$(CC) $(WARN) -D_GNU_SOURCE $(CFLAGS_RELEASE) $(DEPFLAGS) -MF $@.d $< -o $@ -lseccomp

# What grade.sh and check.sh need to know: compilers, flags (the student's files compile
# without -Werror, the graders' own with it), the runtime builds a lab may be graded
# against (NAME=LIBRARY, the first the default; a lab picks one with "runtime: NAME" in
# its tests/labs/LAB/grade.conf), the other libraries, valgrind, the sandbox, and where
# the compiled tests are kept between gradings.
GRADE_RUNTIMES := debug=$(abspath $(LIB_DBG)) release=$(abspath $(LIB_REL))
GRADE_ENV = MG_CC='$(CC)' \
    MG_CFLAGS='$(WARN) -D_GNU_SOURCE $(CFLAGS_DEBUG) $(CHECK_CFLAGS)' \
    MG_STUDENT_CFLAGS='$(filter-out -Werror,$(WARN)) -D_GNU_SOURCE $(CFLAGS_DEBUG)' \
    MG_RUNTIMES='$(GRADE_RUNTIMES)' \
    MG_LIBS='$(CHECK_LIBS) $(LIB_LIBS)' \
    MG_VALGRIND='$(VALGRIND)' \
    MG_SANDBOX='$(abspath $(GRADE_BIN)/mg-sandbox)' \
    MG_CACHE='$(abspath $(B)/grade/cache)'

GRADE_LABS := $(notdir $(patsubst %/,%,$(wildcard labs/*/)))

# ----------------------------------------------------------------- entry points

.PHONY: grade grade-ready status skeletons dist-student autograder watch hint
grade-ready: $(LIB_DBG) $(LIB_REL) $(GRADE_TOOLS)

grade: grade-ready
	@test -n '$(LAB)' || { echo "usage: make grade LAB=NN-topic [SRC=DIR] [TEST=NAME]   (labs: $(GRADE_LABS))"; exit 2; }
	@$(GRADE_ENV) tools/grade/grade.sh --lab '$(LAB)' $(if $(SRC),--src '$(SRC)') --out '$(B)/grade/$(LAB)' \
	    --cache '$(B)/grade/cache' $(if $(TEST),--test '$(TEST)',$(if $(GRADE_HISTORY),--history '$(GRADE_HISTORY)'))

# make watch LAB=NN-topic [SRC=DIR]: grade again at each save; make hint LAB=NN-topic [TEST=NAME].
watch: grade-ready
	@test -n '$(LAB)' || { echo "usage: make watch LAB=NN-topic [SRC=DIR]   (labs: $(GRADE_LABS))"; exit 2; }
	@$(GRADE_ENV) tools/grade/watch.sh '$(LAB)' '$(or $(SRC),labs/$(LAB))' '$(B)/grade/$(LAB)'

hint:
	@test -n '$(LAB)' || { echo "usage: make hint LAB=NN-topic [TEST=NAME]   (labs: $(GRADE_LABS))"; exit 2; }
	@tools/grade/hint.sh '$(LAB)' $(if $(TEST),'$(TEST)')

status:
	@tools/grade/status.sh '$(GRADE_HISTORY)'

skeletons:
	@for lab in $(GRADE_SOLVED); do \
	    tools/grade/skeleton.sh solutions/$$lab labs/$$lab && echo "labs/$$lab: made from solutions/$$lab" || exit 1; \
	done

dist-student:
	@tools/grade/dist.sh student '$(B)/dist'

autograder: $(GRADE_TOOLS)
	@test -n '$(LAB)' || { echo "usage: make autograder LAB=NN-topic   (labs: $(GRADE_LABS))"; exit 2; }
	@$(GRADE_ENV) tools/grade/dist.sh autograder '$(B)/dist' '$(LAB)'

# ---------------------------------------------------------------- the checks

# Labs with a solution (none in the student tarball, which then checks nothing here).
GRADE_SOLVED := $(sort $(patsubst solutions/%/,%,$(dir $(wildcard solutions/*/*))))
# The Gradescope bundles of all labs are the same tree but for run_autograder's lab: every
# lab's bundle is checked for its contents, and one (the last lab, which uses the most of
# the grader) is set up and graded end to end, as Gradescope would. Each end-to-end run
# builds the runtime afresh: doing it for every lab cost 1.3 CPU-minutes a lab.
GRADE_BUNDLE_LAB ?= $(lastword $(GRADE_SOLVED))
GRADE_SWEEPS := decref incref abort loop
# A lab whose solution has no reference counts to sweep names its own sweeps.
GRADE_SWEEPS_07-allocation := abort loop
grade_sweeps = $(or $(GRADE_SWEEPS_$(1)),$(GRADE_SWEEPS))
GRADE_OUT := $(B)/check/grade
GRADE_DEPS := $(LIB_DBG) $(GRADE_TOOLS) $(wildcard tools/grade/*.sh tools/grade/*.c tools/grade/*.h tools/grade/*.txt)

# Each check writes only its stamp and its own folder under $(GRADE_OUT).
define GRADE_LAB_CHECKS
$(B)/check/grade-sync-$(1).ok: $(wildcard solutions/$(1)/* labs/$(1)/* tests/labs/$(1)/*) | $(B)/check/
	@tools/grade/skeleton.sh --check solutions/$(1) labs/$(1)
	@echo "grade: labs/$(1) is what solutions/$(1) makes"
	@tools/grade/check.sh readme $(1)
	@touch $$@
$(B)/check/grade-solution-$(1).ok: $(GRADE_DEPS) | $(B)/check/
	@$$(GRADE_ENV) tools/grade/check.sh solution $(1) $(GRADE_OUT)/solution-$(1)
	@touch $$@
$(B)/check/grade-skeleton-$(1).ok: $(GRADE_DEPS) | $(B)/check/
	@$$(GRADE_ENV) tools/grade/check.sh skeleton $(1) $(GRADE_OUT)/skeleton-$(1)
	@touch $$@
$(GRADE_OUT)/coverage-$(1).tsv: $(GRADE_DEPS) $(wildcard solutions/$(1)/* tests/labs/$(1)/*)
	@mkdir -p $(GRADE_OUT)
	@$$(GRADE_ENV) tools/grade/check.sh coverage $(1) $(GRADE_OUT)/coverage-$(1)
$(B)/check/grade-autograder-$(1).ok: $(GRADE_DEPS) | $(B)/check/
	@rm -rf $(GRADE_OUT)/autograder-$(1) && mkdir -p $(GRADE_OUT)/autograder-$(1)
	@$$(GRADE_ENV) tools/grade/dist.sh autograder $(GRADE_OUT)/autograder-$(1) $(1) >/dev/null
	@tools/grade/check.sh bundle $(GRADE_OUT)/autograder-$(1)/autograder-$(1).zip $(1)
	@$$(if $$(filter $(1),$$(GRADE_BUNDLE_LAB)),$$(GRADE_ENV) tools/grade/check.sh autograder \
	    $(GRADE_OUT)/autograder-$(1)/autograder-$(1).zip $(1) $(GRADE_OUT)/autograder-$(1)/run)
	@touch $$@
endef

# A sweep grades each mutant only on the tests that reach the function it changed: the
# coverage map (which tests run which function of the solution) is made once per lab.
define GRADE_SWEEP_CHECK
$(B)/check/grade-sweep-$(1)-$(2).ok: $(GRADE_OUT)/coverage-$(1).tsv $(GRADE_DEPS) | $(B)/check/
	@$$(GRADE_ENV) tools/grade/check.sh sweep $(1) $(2) $(GRADE_OUT)/sweep-$(1)-$(2) $(GRADE_OUT)/coverage-$(1).tsv
	@touch $$@
endef

# A mutant's stamp: grade-mutant-LAB--NAME.ok
define GRADE_MUTANT_CHECK
$(B)/check/grade-mutant-$(subst /,--,$(1)).ok: tests/mutants/$(1).mutant $(GRADE_DEPS) | $(B)/check/
	@$$(GRADE_ENV) tools/grade/check.sh mutant $(patsubst %/,%,$(dir $(1))) tests/mutants/$(1).mutant \
	    $(GRADE_OUT)/mutant-$(subst /,--,$(1))
	@touch $$@
endef

GRADE_MUTANTS := $(patsubst tests/mutants/%.mutant,%,$(foreach lab,$(GRADE_SOLVED),$(wildcard tests/mutants/$(lab)/*.mutant)))

$(foreach lab,$(GRADE_SOLVED),$(eval $(call GRADE_LAB_CHECKS,$(lab))))
$(foreach lab,$(GRADE_SOLVED),$(foreach kind,$(call grade_sweeps,$(lab)),$(eval $(call GRADE_SWEEP_CHECK,$(lab),$(kind)))))
$(foreach m,$(GRADE_MUTANTS),$(eval $(call GRADE_MUTANT_CHECK,$(m))))

# The student tarball, unpacked elsewhere: make, then make grade for a lab (every lab
# present).
$(B)/check/grade-dist.ok: $(GRADE_DEPS) | $(B)/check/
	@rm -rf $(GRADE_OUT)/dist && mkdir -p $(GRADE_OUT)/dist
	@tools/grade/dist.sh student $(GRADE_OUT)/dist >/dev/null
	@$(GRADE_ENV) tools/grade/check.sh dist $(GRADE_OUT)/dist/mo-student.tar.gz $(GRADE_OUT)/dist/unpacked
	@touch $@

CHECK_STAMPS += $(foreach lab,$(GRADE_SOLVED),$(B)/check/grade-sync-$(lab).ok $(B)/check/grade-solution-$(lab).ok \
        $(B)/check/grade-skeleton-$(lab).ok $(B)/check/grade-autograder-$(lab).ok \
        $(foreach kind,$(call grade_sweeps,$(lab)),$(B)/check/grade-sweep-$(lab)-$(kind).ok)) \
    $(foreach m,$(GRADE_MUTANTS),$(B)/check/grade-mutant-$(subst /,--,$(m)).ok) \
    $(if $(GRADE_SOLVED),$(B)/check/grade-dist.ok)

-include $(GRADE_TOOLS:=.d)
