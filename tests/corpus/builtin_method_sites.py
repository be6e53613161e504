# One call site, many receivers: a site caches a builtin type's method, so
# a class with a method of that name, another builtin type with one, and an
# instance attribute of that name must each still get their own.


class LoudStr:
    def __init__(self, s):
        self.s = s

    def count(self, sub):
        return 100 + self.s.count(sub)


class DefaultDict:
    def __init__(self, **items):
        self.items = items

    def get(self, key, default=None):
        return ("sub", self.items.get(key, default))


class HasGet:
    def __init__(self):
        self.get = lambda key, default: ("attr", key, default)


def count_a(x):
    return x.count("a")


def get_k(m):
    return m.get("k", 0)


for receiver in ["banana", LoudStr("banana"), ["a", "b", "a"], ("a",), "aaa", LoudStr("")]:
    print(type(receiver).__name__, count_a(receiver))

for m in [{"k": 1}, DefaultDict(k=2), {}, HasGet(), DefaultDict(), {"k": 3}]:
    print(type(m).__name__, get_k(m))

words = "the cat the dog".split()
seen = {}
for w in words * 3:
    seen[w] = seen.get(w, 0) + 1
print(seen)

try:
    count_a(42)
except AttributeError as e:
    print("AttributeError:", e)
try:
    get_k([1])
except AttributeError as e:
    print("AttributeError:", e)
