# Iteration order of small-int sets (CPython's hash table order for ints).
s = {5, 3, 9, 1, 7}
print(s, list(s))
s.add(100)
s.add(33)
print(s)
s2 = set()
for i in [40, 8, 16, 24, 32, 0]:
    s2.add(i)
print(s2)
print({-1, -2, 3, 0})
big = set(range(20, 0, -3))
print(big)
print({i * i for i in range(10)})
t = {64, 32, 16, 8, 4, 2, 1}
print(t)
t.discard(16)
t.add(17)
print(t)
u = {1, 2, 3} | {30, 20, 10}
print(u)
print({10, 20, 30} & {20, 30, 40, 10})
print({1, 9, 17, 25})
print(set([256, 512, 1024, 7]))
print(frozenset({11, 3, 7}))
x = set()
for i in range(30):
    x.add(i * 7 % 31)
print(x)
for i in range(0, 30, 3):
    x.discard(i)
print(x)
print([v for v in {8, 1, 5}])
print(sorted({8, 1, 5}) == [v for v in sorted({5, 1, 8})])
print({3.0, 1.5, 2})
print({(1, 2), (0, 0)} == {(0, 0), (1, 2)})
