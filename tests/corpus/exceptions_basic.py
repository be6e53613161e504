# try/except/else/finally basics and builtin exception messages.
def check(label, fn):
    try:
        result = fn()
    except (ZeroDivisionError, ValueError) as e:
        print(label, "arith/value:", type(e).__name__, e)
    except (KeyError, IndexError) as e:
        print(label, "lookup:", type(e).__name__, e, repr(e))
    except TypeError as e:
        print(label, "type:", e)
    except Exception as e:
        print(label, "other:", type(e).__name__, e)
    else:
        print(label, "ok:", result)
    finally:
        print(label, "finally")

check("a", lambda: 10 / 2)
check("b", lambda: 10 / 0)
check("c", lambda: int("x"))
check("d", lambda: {"k": 1}["z"])
check("e", lambda: [1][3])
check("f", lambda: len(5))
check("g", lambda: None.attr)
check("h", lambda: undefined_thing)
check("i", lambda: "abc" * "d")
check("j", lambda: {}["a"]["b"])
check("k", lambda: [].index(0))
check("l", lambda: (1, 2) + [3])
check("m", lambda: 1 + "1")
check("n", lambda: int(None))
check("o", lambda: float("x1"))
check("p", lambda: 2 ** 10000 * 1.0)
check("q", lambda: chr(-1))
check("r", lambda: {}.pop("nope"))
check("s", lambda: 5 < "a")
check("t", lambda: -(2 ** 64) % 0)

try:
    raise ValueError("custom", 42)
except ValueError as e:
    print(e.args, str(e), repr(e), len(e.args))
try:
    raise KeyError("quoted")
except KeyError as e:
    print(str(e), repr(e), e.args)
try:
    raise IndexError
except IndexError as e:
    print(repr(e), str(e) == "", e.args)
try:
    raise Exception()
except Exception as e:
    print(repr(e))
try:
    try:
        raise TypeError("inner")
    except ValueError:
        print("not reached")
except TypeError as e:
    print("outer caught", e)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise
except ZeroDivisionError as e:
    print("re-raised", e)
e_saved = None
try:
    raise RuntimeError("saved")
except RuntimeError as e:
    e_saved = e
print(type(e_saved).__name__, e_saved)
try:
    print(e)
except NameError as ne:
    print("NameError", ne)
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("AssertionError", e)
try:
    assert False
except AssertionError as e:
    print("AssertionError", repr(e))
print(isinstance(ZeroDivisionError(), ArithmeticError), issubclass(KeyError, LookupError), issubclass(LookupError, Exception))
print(issubclass(Exception, BaseException), issubclass(KeyboardInterrupt, Exception), issubclass(StopIteration, Exception))
for exc in [ValueError, KeyError, OSError, NotImplementedError, RecursionError, UnboundLocalError]:
    print(exc.__name__, exc.__mro__[1].__name__ if hasattr(exc, "__mro__") else "?")
