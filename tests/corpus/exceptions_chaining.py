# Exception chaining: raise from, implicit context, suppression.
class AppError(Exception):
    pass

def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise AppError("bad input %r" % s) from e

try:
    parse("12x")
except AppError as e:
    print(type(e).__name__, e)
    print("cause:", type(e.__cause__).__name__, e.__cause__)
    print("context is cause:", e.__context__ is e.__cause__, e.__suppress_context__)

def implicit():
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("during handling")

try:
    implicit()
except RuntimeError as e:
    print(e, "| cause:", e.__cause__, "| context:", type(e.__context__).__name__, e.__context__)
    print(e.__suppress_context__)

def suppressed():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("clean") from None

try:
    suppressed()
except ValueError as e:
    print(e, e.__cause__, type(e.__context__).__name__, e.__suppress_context__)

try:
    try:
        raise TypeError("first")
    except TypeError as first:
        try:
            raise ValueError("second")
        except ValueError as second:
            raise KeyError("third") from first
except KeyError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), repr(e.__context__.__context__))

def finally_replaces():
    try:
        raise ValueError("lost")
    finally:
        raise IndexError("wins")

try:
    finally_replaces()
except IndexError as e:
    print(repr(e), repr(e.__context__))

x = ValueError("standalone")
print(x.__cause__, x.__context__, x.__suppress_context__)
y = RuntimeError("wrapper")
y.__cause__ = x
print(y.__cause__ is x)

def chain_depth(e):
    depth = 0
    while e is not None:
        depth += 1
        e = e.__context__
    return depth

try:
    try:
        try:
            raise OSError("a")
        except OSError:
            raise LookupError("b")
    except LookupError:
        raise AppError("c")
except AppError as e:
    print(chain_depth(e), [type(e).__name__, type(e.__context__).__name__, type(e.__context__.__context__).__name__])

try:
    raise AppError("x") from ValueError("explicit instance")
except AppError as e:
    print(e.__cause__, e.__context__)
try:
    raise ValueError("bad") from 5
except TypeError as e:
    print("TypeError", e)
