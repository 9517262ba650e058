/* Lab 01, part B: an inventory, a dict that maps item names (str) to counts (int).
 *
 * The functions below do what their comments say on the happy path, but inventory.c
 * as you received it has reference-counting bugs: six of them, one in each of six of
 * these functions. Read each comment for the ownership it promises, then read the
 * code for what it does.
 *
 * Failure: functions returning MoObject * return NULL, those returning int return -1,
 * with an exception set.
 */
#ifndef LAB01_INVENTORY_H
#define LAB01_INVENTORY_H

#include "mo.h"

/* inv[name] = inv.get(name, 0) + n: adds n to the count of name (n may be negative).
   The key is a new str made from name; the inventory takes its own references to the
   key and the new count. TypeError/OverflowError when the count stored is not a
   Python int that fits a C long. */
int Inventory_Add(MoObject *inv, const char *name, long n);

/* new: inv[name], the count of name. KeyError(name) when it is missing. */
MoObject *Inventory_Get(MoObject *inv, const char *name);

/* new: inv.pop(name): removes name and returns its count, which the inventory no
   longer holds. KeyError(name) when it is missing. */
MoObject *Inventory_Take(MoObject *inv, const char *name);

/* new: a list of "name: count" strings, in the inventory's order. */
MoObject *Inventory_Labels(MoObject *inv);

/* new: the tuple (name, count). Both arguments are borrowed: the tuple takes its own
   references, the caller keeps theirs. */
MoObject *Inventory_Entry(MoObject *name, MoObject *count);

/* new: an inventory made from a list of (name, count) pairs (both borrowed from the
   list). TypeError "pairs must be a list, not 'int'" or "inventory entries must be
   (name, count) pairs, not 'int'"; TypeError from the dict for an unhashable name. */
MoObject *Inventory_FromPairs(MoObject *pairs);

/* new: the sum of the counts (0 for an empty inventory). TypeError when a count is
   not a number. */
MoObject *Inventory_Total(MoObject *inv);

#endif /* LAB01_INVENTORY_H */
