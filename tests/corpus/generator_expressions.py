# Generator expressions in calls and as lazy iterators.
nums = list(range(1, 11))
print(sum(x * x for x in nums))
print(max(len(w) for w in ["a", "abc", "ab"]), min(x % 7 for x in nums))
print(any(x > 9 for x in nums), all(x > 0 for x in nums), any(x < 0 for x in nums))
print(sorted((x % 4, x) for x in nums))
print(list(x for x in "hello" if x != "l"), tuple(i * 2 for i in range(4)), set(c for c in "aabbc") == {"a", "b", "c"})
print(dict((k, len(k)) for k in ["one", "three"]))
print(", ".join(str(x) for x in nums[:5]))
print("".join(c.upper() for c in "shout"))
ge = (x * 10 for x in range(3))
print(type(ge).__name__, next(ge), list(ge), list(ge))
log = []
def noisy(x):
    log.append(x)
    return x
lazy = (noisy(x) for x in range(5))
print(log)
first_two = [next(lazy), next(lazy)]
print(first_two, log)
print(sum(x for x in [1, 2, 3]) + sum((y for y in [4]), 10))
pairs = list((a, b) for a in range(3) for b in range(a))
print(pairs)
nested = sum(sum(row) for row in [[1, 2], [3, 4], [5]])
print(nested)
matrix = [[1, 2], [3, 4]]
print(list(list(r[i] for r in matrix) for i in range(2)))
found = next((w for w in ["apple", "berry", "cherry"] if w.startswith("b")), None)
missing = next((w for w in ["apple"] if w.startswith("z")), "none")
print(found, missing)
total = 0
for sq in (i * i for i in range(100) if i % 10 == 0):
    total += sq
print(total)
x = "outer"
g2 = (x for x in range(2))
print(list(g2), x)
try:
    print(sum(1 / v for v in [1, 2, 0]))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
words = "the quick brown fox jumps over the lazy dog".split()
print(max((len(w), w) for w in words), sorted(set(w[0] for w in words)))
print(list(zip((c for c in "abc"), (i for i in range(10)))))
