# Exceptions with custom attributes, args and str(), raise ... from None,
# __cause__/__context__/__suppress_context__, bare raise, handler order.
class ParseError(Exception):
    def __init__(self, line, column, reason):
        super().__init__(line, column)
        self.line = line
        self.column = column
        self.reason = reason
    def __str__(self):
        return "%d:%d: %s" % (self.line, self.column, self.reason)

class Quiet(ValueError):
    pass

class Coded(Exception):
    code = 500
    def describe(self):
        return "%s[%d] %r" % (type(self).__name__, self.code, self.args)

class NotFound(Coded):
    code = 404

def parse(text):
    for i, ch in enumerate(text):
        if not ch.isdigit():
            raise ParseError(1, i + 1, "unexpected %r" % ch)
    return int(text)

for src in ("123", "12x4", "", "9" * 25):
    try:
        print("parsed", parse(src) if src else parse("0"))
    except ParseError as e:
        print("ParseError", e, e.args, e.line, e.column, e.reason, repr(e.reason))

def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise NotFound("no key", key) from None

def convert(text):
    try:
        return int(text)
    except ValueError as e:
        raise Quiet("bad number " + repr(text)) from e

def careless(x):
    try:
        return 1 / x
    except ZeroDivisionError:
        return undefined_name

for fn, arg in ((lookup, "b"), (convert, "1.5"), (careless, 0)):
    try:
        fn({"a": 1}, arg) if fn is lookup else fn(arg)
    except Exception as e:
        print(type(e).__name__, "|", e, "|", e.args)
        print("  cause", repr(e.__cause__), "context", repr(e.__context__), "suppress", e.__suppress_context__)
        if isinstance(e, Coded):
            print("  ", e.describe(), e.code, Coded.code)

for args in ((), ("one",), ("two", 2), (None,), ([1, 2],)):
    e = Coded(*args)
    print(repr(str(e)), repr(e), len(e.args), e.describe())
e = ValueError("msg")
e.extra = [1, 2]
e.args = ("changed", 3)
print(e, e.extra, e.args, repr(e))

def reraise(kind):
    try:
        if kind == 0:
            raise KeyError("k")
        if kind == 1:
            raise IndexError("i")
        return "no error"
    except KeyError as err:
        print("  handling", repr(err))
        raise
    except LookupError as err:
        print("  lookup", repr(err))
        raise RuntimeError("wrapped") from err
    else:
        print("  else branch")
    finally:
        print("  finally", kind)

for kind in (0, 1, 2):
    try:
        print("result", reraise(kind))
    except Exception as e:
        print("caught", type(e).__name__, e, "cause:", repr(e.__cause__))

try:
    try:
        raise TypeError("inner")
    except TypeError as inner:
        raise ValueError("outer") from None
except ValueError as outer:
    print(outer, outer.__cause__, type(outer.__context__).__name__, outer.__suppress_context__)
err = None
try:
    raise NotFound("gone")
except Coded as caught:
    err = caught
print(type(err).__name__, err.code, isinstance(err, Exception), issubclass(NotFound, Coded))
try:
    print(caught)
except NameError as e:
    print("NameError:", e)
print(KeyError("key"), repr(KeyError("key")), str(KeyError()), OSError(2, "No such file"), OSError(2, "x").errno)
