# Int arithmetic in functions crossing 2**62, 2**63, 2**64: promotion to big
# ints and back, floor division and modulo of negatives, exact int/float
# comparison, hashes of big ints.
def powers():
    x = 1
    for i in range(70):
        if i >= 60:
            print("2**%d" % i, x, x - 1, -x, -x + 1)
        x = x * 2
    return x

def shrink(x):
    steps = 0
    while x > 1000:
        x = x // 3
        steps += 1
    return x, steps

def edges(base):
    for d in (-2, -1, 0, 1, 2):
        v = base + d
        print(v, v + v, v - (-v), v * 3, v // 7, v % 7, -v // 7, -v % 7,
              v // -7, v % -7, abs(-v), -(-v))

def bits(v):
    print(v << 1, v << 65, v >> 1, v >> 63, v >> 200, -v >> 3)
    print(v & 0xFFFF, v | 1, v ^ (v >> 1), ~v, v & -v, (-v) & 0xFFFFFFFFFFFFFFFF)

def factorial(n):
    acc = 1
    for k in range(2, n + 1):
        acc *= k
        if k in (20, 21, 25):
            print("fact", k, acc)
    return acc

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

def back_down(n):
    big = factorial(n)
    for k in range(n, 1, -1):
        big //= k
    return big, type(big).__name__

print(powers())
print(shrink(2 ** 64 + 12345))
print(shrink(-(2 ** 63)))
edges(2 ** 62)
edges(2 ** 63)
edges(2 ** 64)
edges(-(2 ** 63))
bits(2 ** 62 + 5)
bits(2 ** 63 - 1)
bits(2 ** 64 + 3)
bits(-(2 ** 63))
print(factorial(27))
print(back_down(30))
for n in (90, 92, 93, 94, 100):
    print("fib", n, fib(n))

def mixed_ops(a, b):
    print(a + b, a - b, a * b, divmod(a, b), divmod(-a, b), a ** 2 // b)
    print(a == b, a < b, a >= b, max(a, b), min(a, b))

mixed_ops(2 ** 63, 3)
mixed_ops(9223372036854775807, -9223372036854775808)
mixed_ops(-4611686018427387904, 4611686018427387904)
mixed_ops(3037000500, 3037000499)

def int_float(n):
    f = float(n)
    print(n, f, n == f, n < f, n > f, n - 1 == f, f == n)

int_float(2 ** 53)
int_float(2 ** 53 + 1)
int_float(2 ** 63)
int_float(2 ** 64 - 1)
int_float(-(2 ** 63) - 1)
print(2 ** 53 + 1 == float(2 ** 53), 2 ** 53 + 1 > 2.0 ** 53, 2 ** 64 == 2.0 ** 64)
print(10 ** 400 > 1e308, -(10 ** 400) < -1e308, 10 ** 400 < float("inf"))

def hashes():
    for v in (2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, 2 ** 62, 2 ** 63, 2 ** 64, -(2 ** 63), -1, -2, 10 ** 30):
        print(v, hash(v), hash(-v), hash(float(v)) == hash(v) if v < 2 ** 53 else hash(v) % 1000)
hashes()

def accumulate(n):
    total = 0
    for i in range(n):
        total += i * 1000000007 * 1000000009
    sq = total * total
    return total, sq, sq // total == total, sq % 1000000007
print(accumulate(5000))
print(accumulate(3))

def neg_shift(v):
    try:
        return v << -1
    except ValueError as e:
        return "ValueError: " + str(e)
print(neg_shift(2 ** 70), neg_shift(5))
try:
    print((2 ** 70) // 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print((2 ** 70) % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
