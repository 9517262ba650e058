/* Lab 01, part B: an inventory of counts (see inventory.h for what each function
 * promises). As handed out, this file has six reference-counting bugs to find and fix:
 * a leak on an error path, a borrowed reference returned as a new one, a use after
 * the last reference is gone, a stolen reference released again, a missing INCREF
 * when storing, and a temporary never released.
 *
 * The habits that keep such code right: every new reference has one owner and one
 * release on every path out; a borrowed reference is never released, and is made a
 * new one (Mo_NewRef) before it is stored, returned or kept past its owner's change.
 */
#include "inventory.h"

/* Sets KeyError(name), as dict[name] does for a missing key; returns NULL. */
static MoObject *inventory_missing(const char *name)
{
    MoObject *key = MoUnicode_FromString(name);
    if (key != NULL) {
        MoErr_SetObject(MoExc_KeyError, key);
        Mo_DECREF(key);
    }
    return NULL;
}

/* region inventory_add */
int Inventory_Add(MoObject *inv, const char *name, long n)
{
    MoObject *key = MoUnicode_FromString(name);
    if (key == NULL)
        return -1;
    MoObject *old = MoDict_GetItemWithError(inv, key);   /* borrowed */
    long have = 0;
    if (old != NULL)
        have = MoLong_AsLong(old);
    if (MoErr_Occurred()) {
        Mo_DECREF(key);
        return -1;
    }
    MoObject *count = MoLong_FromLong(have + n);
    if (count == NULL) {
        Mo_DECREF(key);
        return -1;
    }
    int status = MoDict_SetItem(inv, key, count);   /* takes its own references */
    Mo_DECREF(count);
    /* BEGIN SOLUTION */
    Mo_DECREF(key);
    /* END SOLUTION */
    return status;
}
/* endregion inventory_add */

/* region inventory_get */
MoObject *Inventory_Get(MoObject *inv, const char *name)
{
    MoObject *count = MoDict_GetItemString(inv, name);   /* borrowed */
    if (count == NULL)
        return inventory_missing(name);
    /* BEGIN SOLUTION */
    /* STUB: return count; */
    return Mo_NewRef(count);
    /* END SOLUTION */
}
/* endregion inventory_get */

/* region inventory_take */
MoObject *Inventory_Take(MoObject *inv, const char *name)
{
    MoObject *count = MoDict_GetItemString(inv, name);   /* borrowed from inv */
    if (count == NULL)
        return inventory_missing(name);
    /* BEGIN SOLUTION */
    /* STUB: if (MoDict_DelItemString(inv, name) < 0) */
    /* STUB:     return NULL; */
    /* STUB: return Mo_NewRef(count); */
    Mo_INCREF(count);   /* ours now: deleting the entry releases the inventory's */
    if (MoDict_DelItemString(inv, name) < 0) {
        Mo_DECREF(count);
        return NULL;
    }
    return count;
    /* END SOLUTION */
}
/* endregion inventory_take */

/* region inventory_labels */
MoObject *Inventory_Labels(MoObject *inv)
{
    Mo_ssize_t n = MoDict_Size(inv);
    if (n < 0)
        return NULL;
    MoObject *labels = MoList_New(n);
    if (labels == NULL)
        return NULL;
    Mo_ssize_t pos = 0, i = 0;
    MoObject *name, *count;   /* borrowed from inv */
    while (MoDict_Next(inv, &pos, &name, &count)) {
        MoObject *label = MoUnicode_FromFormat("%S: %S", name, count);
        if (label == NULL) {
            Mo_DECREF(labels);
            return NULL;
        }
        MoList_SET_ITEM(labels, i++, label);   /* steals label */
        /* BEGIN SOLUTION */
        /* STUB: Mo_DECREF(label); */
        /* END SOLUTION */
    }
    return labels;
}
/* endregion inventory_labels */

/* region inventory_entry */
MoObject *Inventory_Entry(MoObject *name, MoObject *count)
{
    MoObject *entry = MoTuple_New(2);
    if (entry == NULL)
        return NULL;
    /* BEGIN SOLUTION */
    /* STUB: MoTuple_SET_ITEM(entry, 0, name); */
    MoTuple_SET_ITEM(entry, 0, Mo_NewRef(name));
    /* END SOLUTION */
    MoTuple_SET_ITEM(entry, 1, Mo_NewRef(count));
    return entry;
}
/* endregion inventory_entry */

/* region inventory_from_pairs */
MoObject *Inventory_FromPairs(MoObject *pairs)
{
    if (!MoList_Check(pairs)) {
        MoErr_Format(MoExc_TypeError, "pairs must be a list, not '%s'", Mo_TYPE(pairs)->tp_name);
        return NULL;
    }
    MoObject *inv = MoDict_New();
    if (inv == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < MoList_GET_SIZE(pairs); i++) {
        MoObject *pair = MoList_GET_ITEM(pairs, i);   /* borrowed from pairs */
        if (!MoTuple_Check(pair) || MoTuple_GET_SIZE(pair) != 2) {
            MoErr_Format(MoExc_TypeError, "inventory entries must be (name, count) pairs, not '%s'",
                         Mo_TYPE(pair)->tp_name);
            /* BEGIN SOLUTION */
            Mo_DECREF(inv);
            /* END SOLUTION */
            return NULL;
        }
        if (MoDict_SetItem(inv, MoTuple_GET_ITEM(pair, 0), MoTuple_GET_ITEM(pair, 1)) < 0) {
            Mo_DECREF(inv);
            return NULL;
        }
    }
    return inv;
}
/* endregion inventory_from_pairs */

/* region inventory_total */
MoObject *Inventory_Total(MoObject *inv)
{
    MoObject *total = MoLong_FromLong(0);
    if (total == NULL)
        return NULL;
    Mo_ssize_t pos = 0;
    MoObject *name, *count;   /* borrowed from inv */
    while (MoDict_Next(inv, &pos, &name, &count)) {
        MoObject *sum = MoNumber_Add(total, count);
        Mo_DECREF(total);
        if (sum == NULL)
            return NULL;
        total = sum;
    }
    return total;
}
/* endregion inventory_total */
