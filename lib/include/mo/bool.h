/* bool: True and False are the only two instances, ints of value 1 and 0. */
#ifndef MO_BOOL_H
#define MO_BOOL_H

#include "long.h"

extern MoTypeObject MoBool_Type;
extern MoLongObject _Mo_FalseStruct, _Mo_TrueStruct;
#define Mo_False ((MoObject *)&_Mo_FalseStruct)
#define Mo_True ((MoObject *)&_Mo_TrueStruct)
#define MoBool_Check(op) Mo_IS_TYPE((op), &MoBool_Type)
#define Mo_RETURN_TRUE return Mo_NewRef(Mo_True)
#define Mo_RETURN_FALSE return Mo_NewRef(Mo_False)

MoObject *MoBool_FromLong(long v);   /* new: True when v is not 0; cannot fail */

/* Internal, called by _MoLong_Init once int is ready: readies bool and gives
   True and False their starting count of 1 again. 0, or -1 with an exception. */
int _MoBool_Init(void);

#endif
