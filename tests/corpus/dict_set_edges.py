# Dict and set comprehension edge cases: duplicate keys, 1/1.0/True as one
# key, comprehension scoping, views, fromkeys/setdefault/pop/popitem, | and |=.
def dup_keys():
    d = {k % 3: k for k in range(10)}
    print(d, list(d))
    e = {w[0]: w for w in ["apple", "avocado", "banana", "blueberry", "cherry"]}
    print(e)
    f = {x: y for x, y in [(1, "int"), (1.0, "float"), (True, "bool")]}
    print(f, {1: "a", True: "b", 1.0: "c"})
    s = {v for v in [1, 1.0, True, 0, 0.0, False, -0.0]}
    print(s, len(s), {True, 1}, {1.0, 1}, {0.0, False})
dup_keys()

x = "outer"
squares = {x: x * x for x in range(4)}
print(x, squares)
nested = {i: {j for j in range(i)} for i in range(4)}
print(nested, {i: [j * i for j in range(3)] for i in (1, 2)})
pairs = {(a, b): a * b for a in range(3) for b in range(a, 3) if (a + b) % 2 == 0}
print(pairs)
flat = {c for word in ["abc", "bcd", "cde"] for c in word if c != "c"}
print(sorted(flat), len(flat))

def scope_check(n):
    total = 0
    vals = {total + i for i in range(n)}
    total = {i: total for i in range(2)}
    return vals, total
print(scope_check(3))

d = dict.fromkeys("abcab", 0)
print(d, dict.fromkeys(range(3)), dict.fromkeys([], 5))
print(d.setdefault("a", 9), d.setdefault("z", 9), d)
print(d.pop("b"), d.pop("nope", "default"), d)
try:
    d.pop("nope")
except KeyError as e:
    print("KeyError:", e)
print(d.popitem(), d.popitem(), d)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, a)
a |= b
print(a)
alias = a
a |= [("w", 0)]
print(a, alias is a)
try:
    a |= 5
except TypeError as e:
    print("TypeError:", e)
k = a.keys()
v = a.values()
it = a.items()
a["new"] = 99
print(list(k), list(v), list(it), len(k))
print(k & {"x", "q"}, sorted(k | {"q"}), sorted(k - {"x"}), sorted(k ^ {"x", "q"}), ("x", 1) in it, 99 in v)
print(list(reversed(a)), list(reversed(a.items()))[:2], a == dict(reversed(list(a.items()))))
del a["x"]
a["x"] = 1
print(list(a), a.get("missing"), a.get("missing", []))
try:
    print({[1]: 2})
except TypeError as e:
    print("TypeError:", e)
try:
    print({1, 2} | [3])
except TypeError as e:
    print("TypeError:", e)
s = {3, 1, 2}
t = frozenset([2, 3, 4])
print(s | t, s & t, s - t, s ^ t, t | s, type(t | s).__name__, type(s | t).__name__)
print(s <= {1, 2, 3, 4}, s < s, t >= {2}, s.isdisjoint({9}), s.issubset(range(5)), t.issuperset([2, 3]))
s |= {10}
s -= {1}
s &= {2, 3, 10, 11}
s ^= {3, 12}
print(sorted(s), s == {2, 10, 12}, frozenset(s) == s, hash(frozenset()) == hash(frozenset([])))
u = set()
for word in "to be or not to be".split():
    if word in u:
        u.discard(word)
    else:
        u.add(word)
print(sorted(u))
try:
    u.remove("zzz")
except KeyError as e:
    print("KeyError:", e)
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts, key=counts.get), max(counts, key=lambda c: (counts[c], c)))
inverted = {v: k for k, v in counts.items()}
print(inverted, {k: v for k, v in sorted(counts.items(), key=lambda kv: -kv[1])})
grid = {(r, c): r * 3 + c for r in range(2) for c in range(3)}
print(grid[(1, 2)], grid.get((5, 5), -1), sum(grid.values()), min(grid), max(grid.items()))
