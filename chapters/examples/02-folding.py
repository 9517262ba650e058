# Constant folding: CPython 3.11's AST optimizer computes operations on constants
# at compile time, unless the result could be big. co_consts shows what is left: one
# folded constant, or the operands, when the operation is left for run time.
import dis


def show(src):
    code = compile(src, "<string>", "eval")
    ops = [i.opname for i in dis.get_instructions(code)]
    folded = not any(op.startswith("BINARY_") for op in ops)
    consts = code.co_consts
    only = consts[0] if len(consts) == 1 else None
    if isinstance(only, (str, bytes, tuple)) and len(only) > 20:
        shown = f"one {type(only).__name__} of length {len(only)}"
    else:
        shown = repr(consts)
    print(f"{src:26} {'folded' if folded else 'not folded':10}  {shown}")


for src in ["24 * 60", "(1, 2) * 5", '"xyz" * 4', "-5", "2 ** 10", "1 + 2 * 3",
            "'a' + 'b'", "not True", "(1, 2) + (3,)", "'ab'[0]", "(1, 2, 3)[1]",
            "[1, 2, 3]", "x in [1, 2, 3]", "x in {1, 2, 3}", "1 / 0", "'%s' % 'a'",
            "b'ab' * 3"]:
    show(src)
print("limits:")
for src in ["'a' * 4096", "'a' * 4097", "'ab' * 2048", "'ab' * 2049", "b'a' * 4096",
            "b'a' * 4097", "(1,) * 256", "(1,) * 257", "(1, 2) * 128",
            "(1, 2) * 129",
            "((1, 2, 3, 4, 5),) * 170", "((1, 2, 3, 4, 5),) * 171",
            "((1, 2, 3, 4, 5),) * 200", "2 ** 64", "2 ** 64 * 2 ** 63",
            "2 ** 64 * 2 ** 64", "3 ** 40", "3 ** 41", "2 ** 65", "2 ** 128",
            "2 ** 129", "1 << 127", "1 << 128", "'a' * -1"]:
    show(src)


def a_func():
    a_int = 24 * 60
    # short length sequence <= 20
    a_tuple = (1, 2) * 5
    a_string = "xyz" * 4


print("a_func.__code__.co_consts:", a_func.__code__.co_consts)
