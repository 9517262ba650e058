# try / except / else / finally / raise.
# --- catching a ZeroDivisionError
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught:", e)
# --- except with a tuple of types
for bad in ([], {}):
    try:
        bad["k"] if isinstance(bad, dict) else bad[5]
    except (IndexError, KeyError) as e:
        print(type(e).__name__, e)
# --- else runs when nothing was raised
try:
    v = 1
except Exception:
    print("no")
else:
    print("else", v)
# --- finally always runs
def f():
    try:
        return "returned"
    finally:
        print("finally runs")
print(f())
# --- finally after an exception
try:
    try:
        raise ValueError("inner")
    finally:
        print("cleanup")
except ValueError as e:
    print("outer caught", e)
# --- re-raise with bare raise
try:
    try:
        raise KeyError("k")
    except KeyError:
        print("handling")
        raise
except KeyError as e:
    print("re-raised", repr(e))
# --- raise an instance with several args
try:
    raise ValueError("a", 2)
except ValueError as e:
    print(e.args, e)
# --- raising a class instantiates it
try:
    raise RuntimeError
except RuntimeError as e:
    print(repr(e), str(e) == "")
# --- the exception name is unbound after the block
try:
    raise TypeError("t")
except TypeError as err:
    pass
try:
    err
except NameError as e:
    print("NameError:", e)
# --- raise from
try:
    try:
        {}["missing"]
    except KeyError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(e, "cause:", repr(e.__cause__))
# --- implicit context
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise IndexError("during handling")
except IndexError as e:
    print(type(e.__context__).__name__)
# --- exception hierarchy
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError))
print(issubclass(NameError, Exception), issubclass(KeyboardInterrupt, Exception))
# --- custom exception with attributes
class AppError(Exception):
    def __init__(self, code):
        super().__init__("code " + str(code))
        self.code = code
try:
    raise AppError(42)
except AppError as e:
    print(e, e.code)
# --- except Exception does not catch BaseException-only classes
try:
    try:
        raise SystemExit(3)
    except Exception:
        print("wrong")
except SystemExit as e:
    print("SystemExit", e.code if hasattr(e, "code") else e)
# --- errors from built-in operations
for thunk in (lambda: int("x"), lambda: [][1], lambda: {}["q"], lambda: None.attr, lambda: "a" + 1):
    try:
        thunk()
    except Exception as e:
        print(type(e).__name__ + ":", e)
# --- return in finally wins
def g():
    try:
        raise ValueError
    finally:
        return "finally wins"
print(g())
# --- a loop with try/continue/finally
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("fin", i)
