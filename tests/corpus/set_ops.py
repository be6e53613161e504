# Set and frozenset operations (integers only for deterministic order).
a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, {10}), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a <= {1, 2, 3, 4, 5, 6}, a < a, a <= a, {1} < a, a >= {2, 3}, a > a)
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({8, 9}), a.isdisjoint(b))
s = set()
s.add(3)
s.add(1)
s.add(3)
print(s, len(s))
s.update([5, 6], {7})
s.discard(100)
s.discard(5)
s.remove(6)
print(s)
print(s.pop() in {1, 3, 7}, len(s))
s.clear()
print(s, set(), len(set()))
c = {1, 2, 3}
c |= {4}
c &= {1, 2, 4, 8}
c -= {1}
c ^= {2, 9}
print(c)
fs = frozenset([3, 1, 2, 3])
print(fs, len(fs), 2 in fs, fs | {4}, fs & {1, 5}, type(fs | {4}).__name__)
print(frozenset(), frozenset() == set(), {1, 2} == frozenset([2, 1]))
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
nested = {frozenset([1]), frozenset([1]), frozenset([2])}
print(len(nested))
print(set([1, 1, 2, 2, 3]), set(range(5)), set((4, 4)), sorted(set([9, -1, 5])))
print({x % 4 for x in range(20)})
dupes = [3, 1, 3, 2, 1, 5, 2]
seen = set()
out = []
for x in dupes:
    if x not in seen:
        seen.add(x)
        out.append(x)
print(out)
print(sum({1, 2, 3}), max({4, 8, 2}), min(frozenset([7, 3])), sorted({3, 1, 2}, reverse=True))
print({True, 1, 1.0}, {0, False}, len({1, True, 1.0}))
d = {1: "a", 2: "b"}
print(set(d), d.keys() & {2, 3}, d.keys() | {5})
print(a.copy() == a, a.copy() is a)
try:
    s.remove(42)
except KeyError as e:
    print("KeyError", e)
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError", e)
try:
    fs.add(1)
except AttributeError as e:
    print("AttributeError", e)
try:
    {1} + {2}
except TypeError as e:
    print("TypeError", e)
