# Lists of ints and floats built in functions: append, [0.0] * n, range,
# comprehensions, negative indices, IndexError, a[i] += x, slices, mixed
# element types, aliasing, a callee appending a str, sum/min/max/sorted.
def build(n):
    squares = []
    for i in range(n):
        squares.append(i * i)
    halves = [0.0] * n
    for i in range(n):
        halves[i] = i / 2
    ids = list(range(n))
    cubes = [i ** 3 for i in ids if i % 2 == 1]
    return squares, halves, ids, cubes

sq, hv, ids, cubes = build(7)
print(sq, hv, ids, cubes)
print(sq[-1], sq[-7], hv[-2], ids[3], cubes[-1], len(sq), len(cubes))

def probe(a, i):
    try:
        return a[i]
    except IndexError as e:
        return "IndexError: " + str(e)
print(probe(sq, 7), probe(sq, -8), probe([], 0), probe((1, 2), 5), probe("ab", 2), probe(range(3), 3))

def assign(a, i, v):
    try:
        a[i] = v
        return a
    except IndexError as e:
        return "IndexError: " + str(e)
print(assign([1, 2], 2, 0), assign([1, 2], -3, 0), assign([1, 2], -1, 9.5))
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].pop(5)
except IndexError as e:
    print("IndexError:", e)

def bump(a):
    for i in range(len(a)):
        a[i] += i * 0.5
    a[-1] *= 2
    a[0] -= 100
    return a
print(bump([1, 2, 3, 4]), bump([0.5] * 3), bump(list(range(5))))

def slices(a):
    print(a[1:4], a[:-2], a[-3:], a[::2], a[::-1], a[5:1:-2], a[100:], a[-100:2])
    b = a[:]
    b[1:3] = [0.0, 0.0, 0.0]
    del b[::3]
    print(b, a)
slices([10, 20, 30, 40, 50, 60, 70])

def mixed():
    vals = [1, 2, 3]
    vals.append(4.5)
    vals.append(2 ** 65)
    vals.append(True)
    print(vals, sum(vals), min(vals), max(vals), sorted(vals))
    print([type(v).__name__ for v in vals])
    vals[0] = "one"
    print(vals)
    try:
        sorted(vals)
    except TypeError as e:
        print("TypeError:", e)
mixed()

def alias():
    a = [1.0, 2.0, 3.0]
    b = a
    b.append(4.0)
    b[0] = 99
    c = a[:]
    c.append(-1)
    print(a, b, c, a is b, a is c, a == c[:-1])
    a += [5]
    print(b, len(b))
    a = a + [6]
    print(a, b)
alias()

def add_label(items):
    items.append("label")
    return len(items)

def total(items):
    t = 0
    for x in items:
        t += x
    return t
nums = [1.5, 2.5, 3]
print(total(nums), add_label(nums), nums)
try:
    print(total(nums))
except TypeError as e:
    print("TypeError:", e)

def stats(xs):
    return sum(xs), min(xs), max(xs), sum(xs) / len(xs), sorted(xs, reverse=True)
print(stats([3, -1, 4, 1, -5, 9]))
print(stats([0.1, 0.2, 0.3, -0.0, 0.0]))
print(stats([2 ** 64, -(2 ** 63), 7]))
print(sum([0.1] * 10), sum([1, 2], 0.5), sum([[1], [2]], []), max([], default=-1))
grid = [[0] * 3 for _ in range(3)]
grid[1][2] = 5
shared = [[0] * 3] * 3
shared[1][2] = 5
print(grid, shared)
print([x * y for x in range(1, 4) for y in [0.5, 2]], [i for i in range(10) if i % 3][::-1])
print(nums.index(2.5), nums.count(3), [3, 1, 2].index(2), 3.0 in nums, "label" in nums)
