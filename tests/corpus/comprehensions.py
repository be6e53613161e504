# List, set and dict comprehensions.
squares = [x * x for x in range(10)]
print(squares)
print([x for x in squares if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[i * j for j in range(4)] for i in range(3)])
print([c.upper() for c in "hello" if c != "l"])
print([x if x > 2 else -x for x in range(5)])
print({x % 3 for x in range(10)})
print({x: x ** 2 for x in range(5)})
print({k: v for k, v in zip("abc", [1, 2, 3]) if v != 2})
print({v: k for k, v in {"x": 1, "y": 2}.items()})
words = ["apple", "bob", "kayak", "level", "python"]
print([w for w in words if w == w[::-1]])
print({w: len(w) for w in words})
print([len(w) for w in words if len(w) > 3 if w[0] != "p"])
flat = [item for sub in [[1, 2], [3], [], [4, 5, 6]] for item in sub]
print(flat)
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([[row[i] for row in matrix] for i in range(3)])
print([row[i] for i, row in enumerate(matrix)])
x = "outer"
print([x for x in range(3)], x)
n = 10
print([i for i in range(n) if i % n == 0 or i > n - 3])
funcs = [lambda y, i=i: y + i for i in range(3)]
print([f(10) for f in funcs])
late = [lambda: i for i in range(3)]
print([f() for f in late])
print([(y := v * 2) for v in range(3)], y)
print([s for s in [v * 10 for v in range(4)] if s])
primes = [p for p in range(2, 50) if all([p % d != 0 for d in range(2, p)])]
print(primes)
print(sum([i for i in range(100) if i % 7 == 3]))
print(len({ord(c) for c in "mississippi"}), sorted({ord(c) - 100 for c in "mississippi"}))
print({i: [j for j in range(i)] for i in range(4)})
pairs = [(a, b) for a in range(1, 20) for b in range(a, 20) if a * a + b * b in [c * c for c in range(1, 30)]]
print(pairs)
print(any([x > 8 for x in squares]), all([x >= 0 for x in squares]))

class Holder:
    factor = 3
    vals = [1, 2, 3]
    scaled = [v * 2 for v in vals]

print(Holder.scaled)

def make():
    k = 5
    return [k * i for i in range(3)], {i: k for i in range(2)}

print(make())
try:
    print([1 / (x - 2) for x in range(4)])
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    print([undefined_name for _ in range(1)])
except NameError as e:
    print("NameError", e)
