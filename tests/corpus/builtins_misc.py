# Assorted builtins.
print(abs(-5), abs(2.5), abs(-0), round(7.456, 1), round(-7.5), round(8.5), round(12345, -2))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), pow(2, 8), pow(2, 8, 10), pow(2.0, -1))
print(bin(10), bin(-10), oct(64), hex(-255), hex(0), bin(0))
print(chr(65), ord("z"), chr(0x263A), ord("\n"))
print(int("101", 2), int("7f", 16), int("z", 36), int(" -12 "), int(7.9), int("0x10", 16))
print(float("2.5"), float(3), float(" -inf "), str(1.0), bool(""), bool("0"), bool([]), bool([0]))
print(list("abc"), tuple([1, 2]), set([2, 2, 1]), dict(a=1), frozenset([1]))
print(type(1).__name__, type(1.0).__name__, type("").__name__, type([]).__name__, type(None).__name__, type(type).__name__)
print(isinstance(1, int), isinstance(True, int), isinstance(1, float), isinstance("s", (int, str)), isinstance(1.0, (int, float)))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, object))
print(callable(len), callable(1), callable(lambda: 0), callable(int))
print(len("hello"), len([1, 2]), len({}), len(range(3, 10)), len((1,)), len({1, 2}))
print(sum([1, 2, 3]), sum([1.5, 2.5]), sum([[1], [2]], []), sum(range(5), 100))
print(any([]), all([]), any([0, "", None]), any([0, 1]), all([1, "x"]), all([1, 0]))
print(hash(1) == hash(1.0), hash(True) == hash(1), hash(None) == hash(None), hash((1, "x")) == hash((1, "x")))
print(repr(None), repr(1.5), repr("x"), repr([None]), str(b"ab"), repr(b"\x00\xff"))
it = iter([1, 2, 3])
print(next(it), next(it), list(it), next(it, "exhausted"))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))))
print(list(enumerate("ab", 1)), list(zip("ab", [1, 2, 3])))
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2], [3, 4])), list(filter(None, [0, 1, "", "a"])))
print(max(3, 7, 5), min([4, 2, 8]), max("apple", "pear", key=len), min([], default="empty"), max([1, 2], default=0))

class Thing:
    def __init__(self):
        self.a = 1

t = Thing()
print(getattr(t, "a"), getattr(t, "b", "dflt"), hasattr(t, "a"), hasattr(t, "zz"))
setattr(t, "b", 2)
print(t.b)
delattr(t, "b")
print(hasattr(t, "b"))
print(id(t) == id(t), id(t) != id(Thing()))
x = [1]
y = x
print(x is y, id(x) == id(y), [1] is [1])
print(bytes([65, 66]), bytes("hé", "utf-8"), bytes(3), len(b"abc"), b"ab" + b"cd", b"ab" * 2)
print(list(b"AB"), b"x" in b"xyz", b"a,b".split(b","))
print(str(123) + str(4.5), str([1, "a"]), int(True) + int(False))
print(round(2.675, 2), round(-1.25, 1), round(0.125, 2), round(5), type(round(5.5)).__name__, type(round(5.5, 1)).__name__)
print(pow(-2, 3), pow(-2, -1), pow(0, 0), 7 // 2.0, -7 // 2.0)
print(list(range(3)) == [0, 1, 2], tuple(range(2)) == (0, 1))
for bad in [lambda: next(iter([])), lambda: chr(1114112), lambda: ord("ab"), lambda: max([]), lambda: getattr(t, "q"), lambda: int("1.5")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
