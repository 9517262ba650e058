/* Interning adds no reference (the table is mortal, as in 3.11), and attribute
 * names are interned while dict keys are not. The C twin of 02-intern-mortal.py.
 */
#include <stdio.h>
#include "mo.h"

static const char *yes(int b)
{
    return b ? "True" : "False";
}

/* new: "".join(parts) of a NULL-terminated list: a string made at run time. */
static MoObject *join(const char *const *parts)
{
    MoObject *list = MoList_New(0), *sep = MoUnicode_FromString("");
    for (; *parts != NULL; parts++) {
        MoObject *p = MoUnicode_FromString(*parts);
        MoList_Append(list, p);
        Mo_DECREF(p);
    }
    MoObject *r = MoUnicode_Join(sep, list);
    Mo_DECREF(sep);
    Mo_DECREF(list);
    return r;
}

/* 1 if sys.intern of a fresh string equal to the text is `key` itself. */
static int is_interned(const char *const *parts, MoObject *key)
{
    MoObject *fresh = join(parts), *i = MoSys_Intern(fresh);
    int same = Mo_Is(i, key);
    Mo_DECREF(i);
    Mo_DECREF(fresh);
    return same;
}

/* Borrowed: the first key of the dict d. */
static MoObject *first_key(MoObject *d)
{
    Mo_ssize_t pos = 0;
    MoObject *k, *v;
    return MoDict_Next(d, &pos, &k, &v) ? k : NULL;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    const char *mortal[] = { "mortal", "_name", NULL },
               *mortal3[] = { "mortal", "_", "name", NULL };
    MoObject *s = join(mortal);
    printf("refcount of s: %zd\n", Mo_REFCNT(s));
    MoObject *t = MoSys_Intern(s); /* new: s itself, now in the table */
    printf("sys.intern(s) is s: %s\n", yes(Mo_Is(t, s)));
    printf("refcount of s, now also named t: %zd\n", Mo_REFCNT(s));
    Mo_DECREF(t);
    printf("refcount after del t: %zd\n", Mo_REFCNT(s));
    printf("sys.intern(an equal string) is s: %s\n", yes(is_interned(mortal3, s)));

    MoObject *cls = MoClass_New("O", NULL), *o = MoObject_CallNoArgs(cls),
             *one = MoLong_FromLong(1);
    const char *attr[] = { "my", "_attr", NULL }, *dk[] = { "my", "_key", NULL };
    MoObject *name = join(attr);
    MoObject_SetAttr(o, name, one); /* setattr(o, name, 1) */
    MoObject *vars = MoObject_GetAttrString(o, "__dict__");
    printf("attribute name is interned: %s\n",
           yes(is_interned(attr, first_key(vars))));
    MoObject *d = MoDict_New(), *key = join(dk);
    MoDict_SetItem(d, key, one); /* d[key] = 1 */
    printf("dict key is interned: %s\n", yes(is_interned(dk, first_key(d))));
    MoObject *all[] = { key, d, vars, name, one, o, cls, s };
    for (int i = 0; i < 8; i++)
        Mo_DECREF(all[i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
