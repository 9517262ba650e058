/* The builtins module, as CPython's Python/bltinmodule.c, written over the
 * runtime's public C API as an extension module is.
 *
 * This file makes the module and holds the functions on objects in general
 * (print, len, id, repr, hash, isinstance, getattr and its kin, vars, dir,
 * callable); the other groups live beside it (bltin_numbers.c, bltin_iter.c,
 * bltin_format.c, bltin_exceptions.c, bltin_constructors.c). The types the
 * runtime has are bound as the type objects themselves, so that type(x) is int
 * and isinstance(x, list) mean what they mean in CPython.
 *
 * What needs the interpreter (__build_class__, exec, eval, globals, locals,
 * super, __import__) is not here: the interpreter adds it to this module, and
 * vars() and dir() without an argument call its locals().
 */
#include "bltin.h"
#include "modules.h"

/* ------------------------------------------------------------------ print */

/* The sep/end argument: NULL or None gives dflt; a str is used; anything else is
   3.11's TypeError. Returns a borrowed str or dflt, or NULL with an exception. */
static MoObject *print_separator(MoObject *arg, const char *what, MoObject *dflt)
{
    if (arg == NULL || arg == Mo_None)
        return dflt;
    if (!MoUnicode_Check(arg)) {
        MoErr_Format(MoExc_TypeError, "%s must be None or a string, not %s", what, Mo_TYPE(arg)->tp_name);
        return NULL;
    }
    return arg;
}

/* Write a str to file (None: C's stdout, as UTF-8) or through file.write(s).
   0, or -1 with an exception. */
static int print_write(MoObject *file, MoObject *s)
{
    if (file == NULL || file == Mo_None) {
        /* The bytes of s.encode(): asking s for its UTF-8 cache would grow it. */
        MoObject *b = MoUnicode_AsUTF8String(s);
        if (b == NULL)
            return -1;
        fwrite(MoBytes_AS_STRING(b), 1, (size_t)MoBytes_GET_SIZE(b), stdout);
        Mo_DECREF(b);
        return 0;
    }
    MoObject *r = MoObject_CallMethod(file, "write", "O", s);
    if (r == NULL)
        return -1;
    Mo_DECREF(r);
    return 0;
}

static int print_object(MoObject *file, MoObject *o)
{
    MoObject *s = MoObject_Str(o);
    if (s == NULL)
        return -1;
    int r = print_write(file, s);
    Mo_DECREF(s);
    return r;
}

static MoObject *builtin_print(MoObject *self, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "sep", "end", "file", "flush", NULL };
    MoObject *sep = NULL, *end = NULL, *file = NULL, *flush = NULL;
    (void)self;
    MoObject *none = MoTuple_New(0);
    if (none == NULL)
        return NULL;
    int ok = MoArg_ParseTupleAndKeywords(none, kwargs, "|$OOOO:print", kwlist, &sep, &end, &file, &flush);
    Mo_DECREF(none);
    if (!ok)
        return NULL;
    MoObject *space = MoUnicode_FromString(" "), *newline = MoUnicode_FromString("\n");
    MoObject *result = NULL;
    if (space == NULL || newline == NULL)
        goto done;
    if ((sep = print_separator(sep, "sep", space)) == NULL || (end = print_separator(end, "end", newline)) == NULL)
        goto done;
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(args); i++) {
        if (i > 0 && print_write(file, sep) < 0)
            goto done;
        if (print_object(file, MoTuple_GET_ITEM(args, i)) < 0)
            goto done;
    }
    if (print_write(file, end) < 0)
        goto done;
    if (flush != NULL) {
        int f = MoObject_IsTrue(flush);
        if (f < 0)
            goto done;
        if (f && (file == NULL || file == Mo_None))
            fflush(stdout);
        else if (f) {
            MoObject *r = MoObject_CallMethod(file, "flush", NULL);
            if (r == NULL)
                goto done;
            Mo_DECREF(r);
        }
    }
    result = Mo_NewRef(Mo_None);
done:
    Mo_XDECREF(space);
    Mo_XDECREF(newline);
    return result;
}

/* --------------------------------------------------------- one object */

static MoObject *builtin_len(MoObject *self, MoObject *o)
{
    (void)self;
    Mo_ssize_t n = MoObject_Length(o);
    if (n < 0)
        return NULL;
    return MoLong_FromSsize_t(n);
}

static MoObject *builtin_id(MoObject *self, MoObject *o)
{
    (void)self;
    return MoLong_FromUnsignedLongLong((unsigned long long)MoObject_Id(o));
}

static MoObject *builtin_repr(MoObject *self, MoObject *o)
{
    (void)self;
    return MoObject_Repr(o);
}

static MoObject *builtin_hash(MoObject *self, MoObject *o)
{
    (void)self;
    Mo_hash_t h = MoObject_Hash(o);
    if (h == -1)
        return NULL;
    return MoLong_FromSsize_t(h);
}

static MoObject *builtin_callable(MoObject *self, MoObject *o)
{
    (void)self;
    return MoBool_FromLong(MoCallable_Check(o));
}

/* The second argument of isinstance/issubclass: a type or a tuple of them
   (nested), else 3.11's TypeError naming the function. 1 ok, 0 with TypeError. */
static int classinfo_ok(MoObject *cls, const char *fn)
{
    if (MoType_Check(cls))
        return 1;
    if (MoTuple_Check(cls)) {
        for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(cls); i++)
            if (!classinfo_ok(MoTuple_GET_ITEM(cls, i), fn))
                return 0;
        return 1;
    }
    if (!MoErr_Occurred())
        MoErr_Format(MoExc_TypeError, "%s() arg 2 must be a type, a tuple of types, or a union", fn);
    return 0;
}

static MoObject *builtin_isinstance(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("isinstance", nargs, 2, 2) || !classinfo_ok(args[1], "isinstance"))
        return NULL;
    int r = MoObject_IsInstance(args[0], args[1]);
    return r < 0 ? NULL : MoBool_FromLong(r);
}

static MoObject *builtin_issubclass(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("issubclass", nargs, 2, 2))
        return NULL;
    if (!MoType_Check(args[0])) {
        MoErr_SetString(MoExc_TypeError, "issubclass() arg 1 must be a class");
        return NULL;
    }
    if (!classinfo_ok(args[1], "issubclass"))
        return NULL;
    int r = MoObject_IsSubclass(args[0], args[1]);
    return r < 0 ? NULL : MoBool_FromLong(r);
}

/* ------------------------------------------------------------ attributes */

/* 1 if name is a str, else 0 with 3.11's TypeError. */
static int attribute_name_ok(MoObject *name)
{
    if (MoUnicode_Check(name))
        return 1;
    MoErr_Format(MoExc_TypeError, "attribute name must be string, not '%s'", Mo_TYPE(name)->tp_name);
    return 0;
}

static MoObject *builtin_getattr(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("getattr", nargs, 2, 3) || !attribute_name_ok(args[1]))
        return NULL;
    MoObject *v = MoObject_GetAttr(args[0], args[1]);
    if (v == NULL && nargs == 3 && MoErr_ExceptionMatches(MoExc_AttributeError)) {
        MoErr_Clear();
        return Mo_NewRef(args[2]);
    }
    return v;
}

static MoObject *builtin_hasattr(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("hasattr", nargs, 2, 2) || !attribute_name_ok(args[1]))
        return NULL;
    MoObject *v = MoObject_GetAttr(args[0], args[1]);
    if (v != NULL) {
        Mo_DECREF(v);
        Mo_RETURN_TRUE;
    }
    if (!MoErr_ExceptionMatches(MoExc_AttributeError))
        return NULL;
    MoErr_Clear();
    Mo_RETURN_FALSE;
}

static MoObject *builtin_setattr(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("setattr", nargs, 3, 3) || !attribute_name_ok(args[1]))
        return NULL;
    if (MoObject_SetAttr(args[0], args[1], args[2]) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *builtin_delattr(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("delattr", nargs, 2, 2) || !attribute_name_ok(args[1]))
        return NULL;
    if (MoObject_SetAttr(args[0], args[1], NULL) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* new: locals() of the running frame, through the builtin the interpreter adds
   to this module (self): what vars() and dir() without an argument look at. */
static MoObject *current_locals(MoObject *self)
{
    MoObject *locals = MoObject_GetAttrString(self, "locals");
    if (locals == NULL)
        return NULL;
    MoObject *d = MoObject_CallNoArgs(locals);
    Mo_DECREF(locals);
    return d;
}

/* vars(obj): obj.__dict__; vars(): locals(). */
static MoObject *builtin_vars(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    if (!_MoArg_CheckPositionalCount("vars", nargs, 0, 1))
        return NULL;
    if (nargs == 0)
        return current_locals(self);
    MoObject *d = MoObject_GetAttrString(args[0], "__dict__");
    if (d == NULL && MoErr_ExceptionMatches(MoExc_AttributeError)) {
        MoErr_Clear();
        MoErr_SetString(MoExc_TypeError, "vars() argument must have __dict__ attribute");
    }
    return d;
}

/* Add the keys of o.__dict__ (when it has one) to names. 0, or -1. */
static int dir_add_dict_of(MoObject *names, MoObject *o)
{
    MoObject *d = MoObject_GetAttrString(o, "__dict__");
    if (d == NULL) {
        if (!MoErr_ExceptionMatches(MoExc_AttributeError))
            return -1;
        MoErr_Clear();
        return 0;
    }
    MoObject *it = MoObject_GetIter(d), *k;
    Mo_DECREF(d);
    if (it == NULL)
        return -1;
    while ((k = MoIter_Next(it)) != NULL) {
        int r = MoSet_Add(names, k);
        Mo_DECREF(k);
        if (r < 0)
            break;
    }
    Mo_DECREF(it);
    return MoErr_Occurred() ? -1 : 0;
}

/* Add the keys of a dict to names. 0, or -1. */
static int dir_add_keys(MoObject *names, MoObject *dict)
{
    MoObject *k, *v;
    Mo_ssize_t pos = 0;
    while (dict != NULL && MoDict_Next(dict, &pos, &k, &v))
        if (MoSet_Add(names, k) < 0)
            return -1;
    return 0;
}

/* The attributes a type offers: its own dict's keys and those of its MRO (read
   from tp_dict: the runtime's C.__dict__ finds the instances' descriptor). */
static int dir_add_type(MoObject *names, MoTypeObject *t)
{
    MoObject *mro = t->tp_mro;
    if (mro == NULL)
        return dir_add_keys(names, t->tp_dict);
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(mro); i++)
        if (dir_add_keys(names, ((MoTypeObject *)MoTuple_GET_ITEM(mro, i))->tp_dict) < 0)
            return -1;
    return 0;
}

/* dir(obj): a class's __dir__ when it defines one; else, as object.__dir__ and
   type.__dir__ do, the names in obj's dict and in its class's (or, for a class,
   its MRO's) dicts, sorted. A module gives its dict's keys. dir(): the sorted
   names of locals(). */
static MoObject *builtin_dir(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    if (!_MoArg_CheckPositionalCount("dir", nargs, 0, 1))
        return NULL;
    if (nargs == 0) {                      /* the names of the running scope, sorted */
        MoObject *locals = current_locals(self);
        if (locals == NULL)
            return NULL;
        MoObject *names = _MoBltin_Sorted(locals, NULL, 0);
        Mo_DECREF(locals);
        return names;
    }
    MoObject *o = args[0];
    MoObject *name = MoUnicode_InternFromString("__dir__");
    if (name == NULL)
        return NULL;
    MoObject *custom = MoType_Check(o) ? NULL : _MoType_Lookup(Mo_TYPE(o), name);
    Mo_DECREF(name);
    MoObject *names;
    if (custom != NULL && MoClass_Check((MoObject *)Mo_TYPE(o))) {
        names = MoObject_CallMethod(o, "__dir__", NULL);
    } else {
        names = MoSet_New(NULL);
        if (names == NULL)
            return NULL;
        int r = MoType_Check(o)        ? dir_add_type(names, (MoTypeObject *)o)
                : MoModule_Check(o)    ? dir_add_dict_of(names, o)
                                       : dir_add_dict_of(names, o) < 0 ? -1 : dir_add_type(names, Mo_TYPE(o));
        if (r < 0)
            Mo_CLEAR(names);
    }
    if (names == NULL)
        return NULL;
    MoObject *sorted = _MoBltin_Sorted(names, NULL, 0);
    Mo_DECREF(names);
    return sorted;
}

MoMethodDef _MoBltin_ObjectMethods[] = {
    { "print", (MoCFunction)(void (*)(void))builtin_print, METH_VARARGS | METH_KEYWORDS,
      "Prints the values to a stream, or to sys.stdout by default." },
    { "len", builtin_len, METH_O, "Return the number of items in a container." },
    { "id", builtin_id, METH_O, "Return the identity of an object." },
    { "repr", builtin_repr, METH_O, "Return the canonical string representation of the object." },
    { "hash", builtin_hash, METH_O, "Return the hash value for the given object." },
    { "callable", builtin_callable, METH_O, "Return whether the object is callable." },
    { "isinstance", (MoCFunction)(void (*)(void))builtin_isinstance, METH_FASTCALL,
      "Return whether an object is an instance of a class or of a subclass thereof." },
    { "issubclass", (MoCFunction)(void (*)(void))builtin_issubclass, METH_FASTCALL,
      "Return whether 'cls' is derived from another class or is the same class." },
    { "getattr", (MoCFunction)(void (*)(void))builtin_getattr, METH_FASTCALL,
      "getattr(object, name[, default]) -> value" },
    { "hasattr", (MoCFunction)(void (*)(void))builtin_hasattr, METH_FASTCALL,
      "Return whether the object has an attribute with the given name." },
    { "setattr", (MoCFunction)(void (*)(void))builtin_setattr, METH_FASTCALL,
      "Sets the named attribute on the given object to the specified value." },
    { "delattr", (MoCFunction)(void (*)(void))builtin_delattr, METH_FASTCALL,
      "Deletes the named attribute from the given object." },
    { "vars", (MoCFunction)(void (*)(void))builtin_vars, METH_FASTCALL, "vars([object]) -> dictionary" },
    { "dir", (MoCFunction)(void (*)(void))builtin_dir, METH_FASTCALL, "dir([object]) -> list of strings" },
    { NULL, NULL, 0, NULL },
};

/* ------------------------------------------------------------ the module */

/* The types the runtime has, under their Python names. */
static int add_types(MoObject *m)
{
    static const struct { const char *name; MoTypeObject *type; } types[] = {
        { "bool", &MoBool_Type },       { "bytes", &MoBytes_Type },   { "complex", &MoComplex_Type },
        { "dict", &MoDict_Type },       { "float", &MoFloat_Type },   { "frozenset", &MoFrozenSet_Type },
        { "int", &MoLong_Type },        { "list", &MoList_Type },     { "object", &MoBaseObject_Type },
        { "range", &MoRange_Type },     { "set", &MoSet_Type },       { "str", &MoUnicode_Type },
        { "tuple", &MoTuple_Type },     { "type", &MoType_Type },
    };
    for (size_t i = 0; i < Mo_ARRAY_LENGTH(types); i++)
        if (MoModule_AddObjectRef(m, types[i].name, (MoObject *)types[i].type) < 0)
            return -1;
    return 0;
}

static int add_constants(MoObject *m)
{
    if (MoModule_AddObjectRef(m, "None", Mo_None) < 0 || MoModule_AddObjectRef(m, "True", Mo_True) < 0
        || MoModule_AddObjectRef(m, "False", Mo_False) < 0
        || MoModule_AddObjectRef(m, "NotImplemented", Mo_NotImplemented) < 0
        || MoModule_AddObjectRef(m, "__debug__", Mo_True) < 0)
        return -1;
    return 0;
}

/* The functions of a table, bound to the module. Not with MoModule_AddFunctions:
   its functions carry the module's name, which the runtime's messages then show
   ("builtins.len() takes exactly one argument"), where CPython leaves builtins'
   name out ("len() takes ..."). */
static int add_functions(MoObject *m, MoMethodDef *table)
{
    for (MoMethodDef *ml = table; ml->ml_name != NULL; ml++) {
        MoObject *f = MoCMethod_New(ml, m, NULL, NULL);
        if (f == NULL || MoModule_AddObject(m, ml->ml_name, f) < 0) {
            Mo_XDECREF(f);
            return -1;
        }
    }
    return 0;
}

static int builtins_exec(MoObject *m)
{
    _MoBltin_ReadyConstructors();
    MoMethodDef *groups[] = { _MoBltin_ObjectMethods, _MoBltin_NumberMethods, _MoBltin_IterMethods,
                              _MoBltin_FormatMethods };
    for (size_t i = 0; i < Mo_ARRAY_LENGTH(groups); i++)
        if (add_functions(m, groups[i]) < 0)
            return -1;
    if (add_types(m) < 0 || add_constants(m) < 0 || _MoBltin_AddIteratorTypes(m) < 0
        || _MoBltin_AddExceptions(m) < 0)
        return -1;
    return 0;
}

static MoModuleDef builtins_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "builtins",
    .m_doc = "Built-in functions, types, exceptions, and other objects.",
    .m_size = -1,
};

MoObject *MoInit_builtins(void)
{
    MoObject *m = MoModule_Create(&builtins_def);
    if (m != NULL && builtins_exec(m) < 0)
        Mo_CLEAR(m);
    return m;
}
