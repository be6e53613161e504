# Truth values of builtin and user objects; bool conversions.
values = [0, 1, -1, 0.0, 0.1, -0.0, "", " ", "0", "False", [], [0], (), ((),), {}, {0: 0}, set(), {0}, None, True, False, range(0), range(1), b"", b"\x00", frozenset()]
for val in values:
    print(repr(val), bool(val), not val, "yes" if val else "no")

class AlwaysFalse:
    def __bool__(self):
        return False

class LenThree:
    def __len__(self):
        return 3

class LenZero:
    def __len__(self):
        return 0

class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0

class Plain:
    pass

for obj in [AlwaysFalse(), LenThree(), LenZero(), Both(), Plain()]:
    print(type(obj).__name__, bool(obj), not obj)
    if obj:
        print("  truthy branch")
    while obj:
        print("  loop once")
        break

class BadBool:
    def __bool__(self):
        return 1

try:
    bool(BadBool())
except TypeError as e:
    print("TypeError", e)

class BadLen:
    def __len__(self):
        return -1

try:
    bool(BadLen())
except ValueError as e:
    print("ValueError", e)

print(True + True, True * 10, False - 1, True / 2, True == 1, False == 0, True is not False)
print(int(True), float(False), str(True), repr(False), bool("False"), bool(0.0))
print(sum([True, True, False]), [1, 2, 3][True], {True: "a", 1: "b"})
print(bool(None) is False, (not None) is True, type(not 1).__name__)
print(0 or None, [] or {}, "a" and "b", "" and "b", None and 1)
n = 3
items = []
while n:
    items.append(n)
    n -= 1
print(items)
data = [[], [1], "", "x", 0, 5, None]
print([d for d in data if d], [d for d in data if not d])
print(all(data), any(data), any([]), all([[]]), all([[0]]))
print(True & False, True | False, True ^ True, ~True, -True)
print(isinstance(True, int), type(True) is bool, bool.__name__, True.__class__.__name__)
