# List operations and methods.
a = [3, 1, 4, 1, 5, 9, 2, 6]
print(a, len(a), a[0], a[-1], a[2:5], a[::-1], a[1::3])
a.append(5)
a.extend([3, 5])
a.insert(0, 8)
a.insert(100, 7)
a.insert(-2, 0)
print(a)
print(a.pop(), a.pop(0), a.pop(-3), a)
a.remove(1)
print(a, a.count(5), a.index(5), a.index(5, 5))
a.reverse()
print(a)
b = a.copy()
b[0] = 99
print(a[0], b[0], a == b, a is b)
a.clear()
print(a, len(a), bool(a))

m = [[0] * 3 for _ in range(3)]
m[1][1] = 5
print(m)
alias = [[0] * 2] * 2
alias[0][0] = 1
print(alias)

x = [1, 2, 3, 4, 5, 6, 7, 8, 9]
x[2:4] = ["a", "b", "c"]
print(x)
x[::2] = [0] * len(x[::2])
print(x)
del x[1]
del x[-2:]
print(x)
del x[::3]
print(x)
x[1:1] = [100, 200]
print(x)
x[:] = []
print(x)

print([1, 2] + [3], [0] * 4, [1, 2] * 0, 2 * ["ab"])
y = [1, 2]
y += [3]
y *= 2
print(y)
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [2] > [1, 9], [] == [], [1, [2]] == [1, [2]])
print(3 in [1, 2, 3], "x" not in ["x"], [1, 2].__len__())
nested = [1, [2, [3, [4]]]]
print(nested[1][1][1][0], str(nested), repr(nested))
print(list(range(5)), list("hey"), list((1, 2)), list({1: "a", 2: "b"}))
print(sum([[1], [2, 3]], []))
s = [5, 3, 8]
s2 = s
s2.append(1)
print(s, s2 is s)
rec = [1, 2]
rec.append(rec)
print(rec)

for bad in [lambda: [].pop(), lambda: [1].index(2), lambda: [1, 2][5], lambda: [1].remove(3)]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
try:
    z = [1, 2, 3]
    z[::2] = [1]
except ValueError as e:
    print("ValueError", e)
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError", e)
try:
    [3, "a"].sort()
except TypeError as e:
    print("TypeError", e)
