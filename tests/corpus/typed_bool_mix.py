# Bools in arithmetic, variables whose type changes, functions called with
# different argument types and returning different types on different paths.
def bool_arith():
    t, f = True, False
    print(t + t, t - f, t * 3.5, f * 2, -t, -f, ~t, ~f, +t, abs(-t))
    print(t / 2, t // 2, t % 2, t ** 10, 2 ** t, t << 5, t & 3, t | 2, t ^ t)
    print(t == 1, t == 1.0, t is True, f == 0, hash(t), hash(f), t + 0.25)
    print(type(t + t).__name__, type(t & t).__name__, type(t | f).__name__, type(-t).__name__)
    print(sum([True, True, False, True]), max(True, 0), min(False, -1), divmod(True, 2))
    print(int(t), float(t), str(t), repr(f), t > f, f < 0.5, round(True))
bool_arith()

def changing():
    v = 7
    print(v, type(v).__name__, v * 2)
    v = v / 2
    print(v, type(v).__name__, v * 2)
    v = str(v) + "!"
    print(v, type(v).__name__, v * 2)
    v = v == "3.5!"
    print(v, type(v).__name__, v * 2)
    v = None
    print(v, type(v).__name__)
    for v in (1, 2.5, "s", [1], (2,), True):
        print(repr(v), type(v).__name__, v * 2)
    return v
print(changing())

def add(a, b):
    return a + b
print(add(1, 2), add(1.5, 2), add("a", "b"), add([1], [2]), add(True, True), add(2 ** 64, 1))
print(add((1,), (2, 3)), add(1, 2.25), add(-0.0, 0))
try:
    add(1, "x")
except TypeError as e:
    print("TypeError:", e)
try:
    add("x", 1)
except TypeError as e:
    print("TypeError:", e)

def classify(x):
    if x is None:
        return
    if x < 0:
        return "negative"
    if x == 0:
        return 0
    if x < 1:
        return x * 1.0
    if x > 100:
        return [x]
    return x > 50

for x in (None, -3, 0, 0.5, 7, 70, 700, 0.0, False, True):
    r = classify(x)
    print(repr(x), "->", repr(r), type(r).__name__)

def maybe(n):
    if n % 3 == 0:
        return n // 3
    elif n % 3 == 1:
        return n / 3
    # falls off the end: None

total = 0
for i in range(8):
    r = maybe(i)
    print(i, r, r is None)
    if r is not None:
        total = total + r
print("total", total, type(total).__name__)

def counter(start, step):
    n = start
    for _ in range(4):
        n += step
    return n
print(counter(0, 1), counter(0, 0.5), counter("", "ab"), counter(0, True), counter([], [0]))
try:
    counter(0, "ab")
except TypeError as e:
    print("TypeError:", e)

def flag_sum(items):
    count = 0
    for it in items:
        count += it > 2
    return count
print(flag_sum([1, 2, 3, 4, 5]), flag_sum([]), flag_sum([3.5, 2.5]))

def shadow(x):
    y = x
    y += 1
    y = y * 0.5
    y = int(y)
    y = y == 1
    return y, x
print(shadow(1), shadow(2), shadow(3.0), shadow(True))
print(True + 2 ** 63, False - 2 ** 64, True * (2 ** 70), 1 if True + True == 2 else 0)
print([True] * 3, (False,) * 2, "ab" * True, "ab" * False, [1, 2][True], (5, 6)[False])
