# Float arithmetic in functions: division by zero, floor division and modulo
# with negative operands, inf/nan, -0.0, powers, int/float mixing,
# conversions and their errors, round(), repr of results.
def divide(a, b):
    try:
        print(a, "/", b, "=", a / b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print(a, "//", b, "=", a // b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print(a, "%", b, "=", a % b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print("divmod", divmod(a, b))
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)

for a, b in ((7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (1.0, 0.0), (0.0, -0.0),
             (5, 0.0), (5.0, 0), (-0.0, 3.0), (1e308, 1e-308), (3.0, 0.1), (-1.0, 3.0)):
    divide(a, b)

def specials():
    inf = float("inf")
    nan = float("nan")
    vals = [inf, -inf, nan, 0.0, -0.0, 1.5]
    for x in vals:
        print(x, x + 1, x * 0 if x == x else "nan*0", -x, abs(x), x == x, x != x, x > 0, x < inf)
    print(inf - inf, inf * 0, inf / inf if False else "skip", inf + inf, -inf * -inf)
    print(nan == nan, nan is nan, nan < 1.0, nan >= 1.0, max(1.0, 2.0), min(-0.0, 0.0))
    print(inf % 3.0 if False else "skip", 3.0 % inf, -3.0 % inf, 3.0 // inf, -3.0 // inf)
specials()

def zeros():
    z = 0.0
    nz = -z
    print(z, nz, z == nz, repr(nz), str(-0.0 * 5), 0.0 * -1, -0.0 + 0.0, -0.0 - 0.0)
    print(round(-0.4), round(-0.5), round(0.5), round(1.5), round(2.5), round(-2.5))
    print(round(-0.04, 1), round(2.675, 2), round(1234.5678, -2), round(5e-324, 300))
    print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(-1.5, 0))
zeros()

def powers(base):
    for e in (2, 3, -1, -2, 0, 0.5, -0.5, 2.0, -3.0):
        if base < 0 and e != int(e):
            continue
        try:
            print(base, "**", e, "=", base ** e)
        except ZeroDivisionError as ex:
            print(base, "**", e, "ZeroDivisionError:", ex)
for b in (2.0, -2.0, 0.0, -0.0, 1.5, -1.5, 2, -8):
    powers(b)
print((-8.0) ** (1 / 3) if False else "skip", pow(2.0, 10), pow(-2.0, 3), pow(10, -3), 2 ** -1)
try:
    print(10.0 ** 400)
except OverflowError as e:
    print("OverflowError:", e)

def mix(n):
    try:
        f = n + 0.5
        print("mixed", f, n * 1.0, n / 3, n // 2.0, n % 2.5)
    except OverflowError as e:
        print("OverflowError:", e)
    try:
        print("float", float(n))
    except OverflowError as e:
        print("OverflowError:", e)
for n in (3, -7, 2 ** 53 + 1, 2 ** 63, 10 ** 308, 10 ** 309, -(10 ** 400)):
    mix(n)
try:
    print(10 ** 400 / 3)
except OverflowError as e:
    print("OverflowError:", e)
print(10 ** 400 // 10 ** 398, (10 ** 400) / (10 ** 399), 1 / 3, 2 / 3, 10 / 4)

def conversions():
    for f in (3.9, -3.9, 1e20, -1e20, 2.0 ** 70, 0.0, -0.5):
        print(f, int(f), type(int(f)).__name__)
    for bad in (float("inf"), float("-inf"), float("nan")):
        try:
            print(int(bad))
        except (OverflowError, ValueError) as e:
            print(type(e).__name__ + ":", e)
    for s in ("1.5", "  -2.25  ", "1e3", "inf", "-Infinity", "nan", "1_000.5"):
        print(repr(s), float(s))
    try:
        float("1.5x")
    except ValueError as e:
        print("ValueError:", e)
conversions()

def accumulate(n):
    total = 0.0
    h = 0.0
    for i in range(1, n + 1):
        total += 0.1
        h += 1.0 / i
    return total, h, total == n / 10, sum([0.1] * n)
print(accumulate(10))
print(accumulate(1000))
print(0.1 + 0.2, 0.1 * 3, 1.1 * 1.1, 1e16 + 1, 1e-7, 123456789.0 * 10, 1e22, 1e23)
print(float(2 ** 53 + 1), 2.5.is_integer(), (7.0).as_integer_ratio(), (0.1).as_integer_ratio())
