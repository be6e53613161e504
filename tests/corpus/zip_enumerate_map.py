# zip, enumerate, map, filter as iterators.
names = ["ann", "bob", "cy"]
ages = [31, 25, 40, 99]
print(list(zip(names, ages)), list(zip()), list(zip(names)), list(zip("ab", range(5), [True, False, None])))
for i, n in enumerate(names):
    print(i, n)
for i, n in enumerate(names, start=10):
    print(i, n, end=" | ")
print()
print(dict(zip(names, ages)), dict(enumerate("xyz")))
print(list(map(len, names)), list(map(pow, [2, 3], [5, 2])), list(map(str.upper, names)))
print(list(filter(lambda a: a > 30, ages)), list(filter(None, [0, 1, [], [0], "", "s"])))
z = zip([1, 2, 3], "abc")
print(next(z), list(z), list(z))
m = map(lambda x: x * 10, range(4))
print(next(m), next(m), list(m))
e = enumerate("hey")
print(next(e), list(e))
unz = list(zip(*[(1, "a"), (2, "b"), (3, "c")]))
print(unz)
pairs = list(zip(range(5), range(5, 10)))
print([a * b for a, b in pairs], sum([a + b for a, b in pairs]))
print(list(map(lambda t: t[0] + t[1], zip([1, 2], [10, 20]))))
print([(i, c) for i, c in enumerate("abc") if i != 1])
counts = {}
for idx, ch in enumerate("banana"):
    counts.setdefault(ch, []).append(idx)
print(counts)
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([list(row) for row in zip(*matrix)], [sum(col) for col in zip(*matrix)])
print(list(map(list, zip(*matrix[::-1]))))
fz = filter(lambda x: x % 2, range(10))
print(list(map(lambda x: x * x, fz)))
print(list(zip(*zip("abc", "def"))))
it = iter([1, 2, 3, 4, 5, 6])
print(list(zip(it, it)))
print(list(enumerate([])), list(map(abs, [])), list(filter(bool, [])))
acc = []
for a, (b, c) in zip("xy", enumerate("pq")):
    acc.append(a + str(b) + c)
print(acc)
print(sorted(map(lambda w: w[::-1], names)), max(map(len, names)), min(zip(ages, names)))
print(type(zip()).__name__, type(map(len, [])).__name__, type(enumerate([])).__name__, type(filter(None, [])).__name__)
try:
    list(map(lambda x: 1 / x, [1, 0]))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    zip(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    enumerate(5)
except TypeError as e:
    print("TypeError", e)
