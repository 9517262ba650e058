/* A small dis module: dis.dis(code or function) prints what `mo-python --dis`
 * prints, and dis.get_instructions(code) gives one Instruction per instruction
 * (opname, opcode, arg, argrepr, offset, starts_line, is_jump_target), as
 * 3.11's, without the hidden CACHE entries. */
#include "interp.h"

static MoObject *instruction_class;

static MoObject *code_of(MoObject *x)
{
    if (MoFunction_Check(x))
        x = ((MoFunctionObject *)x)->func_code;
    if (!MoCode_Check(x)) {
        MoErr_Format(MoExc_TypeError, "don't know how to disassemble %s objects", Mo_TYPE(x)->tp_name);
        return NULL;
    }
    return x;
}

static MoObject *dis_dis(MoObject *self, MoObject *x)
{
    (void)self;
    MoObject *co = code_of(x);
    if (co == NULL)
        return NULL;
    fflush(stdout);
    Dis(stdout, (MoCodeObject *)co, 0);
    fflush(stdout);
    Mo_RETURN_NONE;
}

static int set(MoObject *o, const char *name, MoObject *v)
{
    if (v == NULL)
        return -1;
    int r = MoObject_SetAttrString(o, name, v);
    Mo_DECREF(v);
    return r;
}

static MoObject *dis_get_instructions(MoObject *self, MoObject *x)
{
    (void)self;
    MoCodeObject *co = (MoCodeObject *)code_of(x);
    if (co == NULL)
        return NULL;
    MoObject *list = MoList_New(0);
    int last_line = -1;
    for (int i = 0, ext = 0; list && i < co->co_ncode; i++) {
        int op = co->co_code[i] & 0xFF, arg = ext | (co->co_code[i] >> 8);
        ext = op == OP_EXTENDED_ARG ? arg << 8 : 0;
        char ar[512];
        Code_ArgRepr(co, op, arg, i, ar, sizeof ar);
        MoObject *ins = MoObject_CallNoArgs(instruction_class);
        int line = co->co_lines[i];
        if (ins == NULL || set(ins, "opname", MoUnicode_FromString(Opcode_Names[op])) < 0 ||
            set(ins, "opcode", MoLong_FromLong(op)) < 0 ||
            set(ins, "arg", Opcode_HasArg(op) ? MoLong_FromLong(arg) : Mo_NewRef(Mo_None)) < 0 ||
            set(ins, "argrepr", MoUnicode_FromString(ar)) < 0 || set(ins, "offset", MoLong_FromLong(2 * i)) < 0 ||
            set(ins, "starts_line", line != last_line ? MoLong_FromLong(line) : Mo_NewRef(Mo_None)) < 0 ||
            MoList_Append(list, ins) < 0) {
            Mo_XDECREF(ins);
            Mo_CLEAR(list);
            break;
        }
        last_line = line;
        Mo_DECREF(ins);
    }
    return list;
}

static MoMethodDef dis_methods[] = {
    {"dis", dis_dis, MO_METH_O, NULL},
    {"get_instructions", dis_get_instructions, MO_METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static MoModuleDef dis_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "dis",
    .m_doc = "Disassembler of mo-python bytecode.",
    .m_size = -1,
    .m_methods = dis_methods,
};

MoObject *MoInit_dis(void)
{
    MoObject *m = MoModule_Create(&dis_def);
    if (m == NULL)
        return NULL;
    MoObject *name = MoUnicode_FromString("Instruction"), *bases = MoTuple_New(0), *ns = MoDict_New();
    MoObject *mod = MoUnicode_FromString("dis");
    MoObject *cls = NULL;
    if (name && bases && ns && mod && MoDict_SetItemString(ns, "__module__", mod) == 0)
        cls = MoType_FromNameBasesDict(name, bases, ns);
    Mo_XDECREF(name);
    Mo_XDECREF(bases);
    Mo_XDECREF(ns);
    Mo_XDECREF(mod);
    if (cls == NULL || MoModule_AddObjectRef(m, "Instruction", cls) < 0) {
        Mo_XDECREF(cls);
        Mo_DECREF(m);
        return NULL;
    }
    instruction_class = cls;   /* borrowed: the module holds it */
    Mo_DECREF(cls);
    return m;
}
