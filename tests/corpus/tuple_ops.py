# Tuples.
t = (1, 2, 3, 2, 1)
print(t, len(t), t[0], t[-1], t[1:4], t[::-1], t.count(2), t.index(3))
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)))
print((1, 2) + (3,), (0,) * 3, 2 * (1, 2), (1, 2) * 0)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 100), (1, 2) == (1, 2), (1,) != (1,))
a, b, c = (10, 20, 30)
print(a, b, c)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested)
single = 5,
print(single, type(single).__name__)
x = (1, [2, 3])
x[1].append(4)
print(x)
print(3 in t, 7 not in t, hash((1, 2)) == hash((1, 2)))
d = {(1, 2): "a", (3,): "b"}
print(d[(1, 2)], d[3,])
print(max((3, 1), (2, 9)), min([(1, "b"), (1, "a")]), sorted([(2, 1), (1, 2), (1, 1)]))
print(tuple(reversed(t)), list(t), sum(t))
for i, (p, q) in enumerate([(1, "a"), (2, "b")]):
    print(i, p, q)
print(repr(("a", 1, None, 2.5, (True,))))
e = ()
print(len(e), bool(e), bool((0,)))
t2 = t
t2 += (9,)
print(t, t2, t is t2)
print(tuple([x * 2 for x in t]))
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    t.index(99)
except ValueError as e:
    print("ValueError:", e)
try:
    print(t[10])
except IndexError as e:
    print("IndexError:", e)
try:
    a, b = (1, 2, 3)
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print("ValueError:", e)
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
