# mo-python: the Python front end on the runtime (lib/python/, lib/python/modules/).
#
# make build/mo-python         the interpreter over the release runtime
# make build/debug/mo-python   the same over the debug runtime (leak report at exit)
#
# The front end is not part of libmo: it links the runtime as any program does.

PY_SRC := $(sort $(wildcard lib/python/*.c lib/python/modules/*.c))
PY_HDR := $(wildcard lib/python/*.h lib/python/modules/*.h)
PY_OBJ_REL := $(patsubst lib/python/%.c,$(B)/obj/python/release/%.o,$(PY_SRC))
PY_OBJ_DBG := $(patsubst lib/python/%.c,$(B)/obj/python/debug/%.o,$(PY_SRC))
PY_LIBS := -lreadline

$(B)/obj/python/release/%.o: lib/python/%.c $(B)/flags.release
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS_LIB) -Ilib/python $(CFLAGS_RELEASE) $(DEPFLAGS) -c $< -o $@
$(B)/obj/python/debug/%.o: lib/python/%.c $(B)/flags.debug
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS_LIB) -Ilib/python $(CFLAGS_DEBUG) $(DEPFLAGS) -c $< -o $@

$(B)/mo-python: $(PY_OBJ_REL) $(LIB_REL) | $(B)/
	$(CC) $(PY_OBJ_REL) $(LIB_REL) -o $@ $(LIB_LIBS) $(PY_LIBS)
$(B)/debug/mo-python: $(PY_OBJ_DBG) $(LIB_DBG) | $(B)/debug/
	$(CC) $(PY_OBJ_DBG) $(LIB_DBG) -o $@ $(LIB_LIBS) $(PY_LIBS)

.PHONY: mo-python
mo-python: $(B)/mo-python $(B)/debug/mo-python
ALL_EXTRA += $(B)/mo-python $(B)/debug/mo-python

-include $(PY_OBJ_REL:.o=.d) $(PY_OBJ_DBG:.o=.d)
# main.c registers the modules when lib/python/modules/modules.h exists (__has_include):
# its appearance must rebuild main.o.
$(B)/obj/python/release/main.o $(B)/obj/python/debug/main.o: $(wildcard lib/python/modules/modules.h)
