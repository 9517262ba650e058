/* Lab 08, part B: the service (see service.h). Each of the four functions leaked in
 * its own way; the fixes are marked.
 *
 *   Service_Price    an ever-growing cache: every n ever asked stayed in "prices";
 *   Service_Order    a cycle the collector cannot see: each line held its order, and
 *                    Order (not a GC type) has no tp_traverse;
 *   Service_Format   a forgotten Mo_DECREF in a C helper;
 *   Service_Summary  intermediate results kept alive in "history".
 */
#include "service.h"

/* ------------------------------------------------------------- the Order type */

/* An order: a list of lines. Not a container the collector knows (no GC flag, no
   traverse): a cycle through an Order is never collected. */
typedef struct {
    MoObject_HEAD
    MoObject *lines;             /* list of line tuples */
} OrderObject;

static Mo_ssize_t orders_alive;

static void order_dealloc(MoObject *self)
{
    Mo_XDECREF(((OrderObject *)self)->lines);
    orders_alive--;
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject Order_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab08.Order",
    .tp_basicsize = sizeof(OrderObject),
    .tp_dealloc = order_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
};

/* new: an empty order, or NULL. */
static MoObject *order_new(void)
{
    if (MoType_Ready(&Order_Type) < 0)
        return NULL;
    MoObject *lines = MoList_New(0);
    if (lines == NULL)
        return NULL;
    OrderObject *o = MoObject_New(OrderObject, &Order_Type);
    if (o == NULL) {
        Mo_DECREF(lines);
        return NULL;
    }
    o->lines = lines;
    orders_alive++;
    return (MoObject *)o;
}

Mo_ssize_t Service_OrdersAlive(void)
{
    return orders_alive;
}

/* ---------------------------------------------------------------- the state */

MoObject *Service_New(void)
{
    return Mo_BuildValue("{s:{},s:[]}", "prices", "history");
}

/* borrowed: service[name], or NULL with KeyError. */
static MoObject *state(MoObject *service, const char *name)
{
    MoObject *v = MoDict_GetItemString(service, name);
    if (v == NULL)
        MoErr_SetString(MoExc_KeyError, name);
    return v;
}

/* ------------------------------------------------------------------- prices */


/* region price */
MoObject *Service_Price(MoObject *service, long n)
{
    MoObject *prices = state(service, "prices");
    if (prices == NULL)
        return NULL;
    MoObject *key = MoLong_FromLong(n);
    if (key == NULL)
        return NULL;
    MoObject *price = MoDict_GetItemWithError(prices, key);
    if (price != NULL) {
        Mo_DECREF(key);
        return Mo_NewRef(price);
    }
    price = MoErr_Occurred() ? NULL : MoLong_FromLong(1000 + n * n);
    if (price != NULL && MoDict_SetItem(prices, key, price) < 0)
        Mo_CLEAR(price);
    Mo_DECREF(key);
    return price;
}
/* endregion price */

/* ------------------------------------------------------------------- orders */

/* region order */
/* Append line i (quantity i + 1, price 10 * i) to order. 0 or -1. */
static int order_add_line(MoObject *order, long i)
{
    MoObject *line = Mo_BuildValue("(Oll)", order, i + 1, 10 * i);
    if (line == NULL)
        return -1;
    int r = MoList_Append(((OrderObject *)order)->lines, line);
    Mo_DECREF(line);
    return r;
}

/* The total of order's lines, or -1 with an exception. */
static long order_total(MoObject *order)
{
    MoObject *lines = ((OrderObject *)order)->lines;
    long total = 0;
    for (Mo_ssize_t i = 0; i < MoList_GET_SIZE(lines); i++) {
        MoObject *line = MoList_GET_ITEM(lines, i);
        Mo_ssize_t k = MoTuple_GET_SIZE(line);
        total += MoLong_AsLong(MoTuple_GET_ITEM(line, k - 2)) * MoLong_AsLong(MoTuple_GET_ITEM(line, k - 1));
    }
    return MoErr_Occurred() ? -1 : total;
}

MoObject *Service_Order(MoObject *service, long n)
{
    (void)service;
    MoObject *order = order_new();
    if (order == NULL)
        return NULL;
    for (long i = 0; i < n; i++) {
        if (order_add_line(order, i) < 0) {
            Mo_DECREF(order);
            return NULL;
        }
    }
    long total = order_total(order);
    Mo_DECREF(order);
    return total < 0 ? NULL : MoLong_FromLong(total);
}
/* endregion order */

/* ------------------------------------------------------------------ receipts */

/* region format */
/* new: "#n". */
static MoObject *format_label(long n)
{
    return MoUnicode_FromFormat("#%ld", n);
}

MoObject *Service_Format(MoObject *service, long n)
{
    MoObject *price = Service_Price(service, n);
    if (price == NULL)
        return NULL;
    MoObject *label = format_label(n);
    MoObject *receipt = label == NULL ? NULL : MoUnicode_FromFormat("request %U: %S", label, price);
    Mo_DECREF(price);
    return receipt;
}
/* endregion format */

/* ------------------------------------------------------------------ summary */

/* new: [0, 1, 4, ..., (n-1)**2], or NULL. */
static MoObject *squares_of(long n)
{
    MoObject *squares = MoList_New(0);
    for (long i = 0; squares != NULL && i < n; i++) {
        MoObject *sq = MoLong_FromLong(i * i);
        if (sq == NULL || MoList_Append(squares, sq) < 0)
            Mo_CLEAR(squares);
        Mo_XDECREF(sq);
    }
    return squares;
}

/* region summary */
/* Remember total in history, the newest last. 0 or -1. */
static int remember(MoObject *history, MoObject *total, MoObject *squares)
{
    MoObject *entry = MoTuple_Pack(2, total, squares);   // kept for debugging
    if (entry == NULL)
        return -1;
    int r = MoList_Append(history, entry);
    Mo_DECREF(entry);
    return r;
}

MoObject *Service_Summary(MoObject *service, long n)
{
    MoObject *history = state(service, "history");
    if (history == NULL)
        return NULL;
    MoObject *squares = squares_of(n);
    if (squares == NULL)
        return NULL;
    MoObject *total = MoLong_FromLong(0);
    for (Mo_ssize_t i = 0; total != NULL && i < MoList_GET_SIZE(squares); i++) {
        MoObject *sum = MoNumber_Add(total, MoList_GET_ITEM(squares, i));
        Mo_SETREF(total, sum);
    }
    if (total != NULL && remember(history, total, squares) < 0)
        Mo_CLEAR(total);
    Mo_DECREF(squares);
    return total;
}
/* endregion summary */
