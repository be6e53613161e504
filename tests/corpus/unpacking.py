# Sequence unpacking, starred assignment, star-args in calls and displays.
a, b = 1, 2
a, b = b, a
print(a, b)
x, (y, z), w = 1, (2, 3), 4
print(x, y, z, w)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
head, *mid, tail = range(6)
print(head, mid, tail)
p, *q = (9,)
print(p, q)
[m, n] = "ab"
print(m, n)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
for (a1, a2), b1 in [((1, 2), 3), ((4, 5), 6)]:
    print(a1 + a2 + b1)
i = j = k = 7
print(i, j, k)
lst = [0, 0, 0]
idx = 0
idx, lst[idx] = 2, 99
print(idx, lst)
print(*[1, 2, 3])
print(*"abc", sep="-")
print([*range(3), *"xy", 9])
print((*[1, 2], 3))
print({*[1, 2], *(2, 3)})
print({**{"a": 1}, "b": 2})

def f(a, b, c=0, *args, **kwargs):
    return (a, b, c, args, kwargs)

print(f(*[1, 2]))
print(f(*(1, 2, 3, 4, 5)))
print(f(1, *[2], *[3, 4]))
print(f(**{"a": 1, "b": 2, "z": 3}))
print(f(1, **{"b": 2}, **{"c": 3, "d": 4}))
args = (10, 20)
kw = {"c": 30}
print(f(*args, **kw))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)))
(a, b), c = "xy", "z"
print(a, b, c)
*a, = [1, 2]
print(a)
d = {}
d["k"], d["j"] = "K", "J"
print(d)
class Obj:
    pass
o = Obj()
o.x, o.y = 1, 2
print(o.x, o.y)
for bad in [(1, 2, 3), (1,), "abcd"]:
    try:
        u, v = bad
        print(u, v)
    except ValueError as e:
        print("ValueError", e)
try:
    g, h, *others = [1]
except ValueError as e:
    print("ValueError", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError", e)
try:
    f(1)
except TypeError as e:
    print("TypeError", e)
try:
    f(1, 2, **{"a": 5})
except TypeError as e:
    print("TypeError", e)
