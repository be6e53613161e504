"""Big integers: factorials by running products, a central binomial
coefficient by exact division, Fibonacci numbers by iteration and by fast
doubling (checked against each other), an integer square root of 2 by
Newton's method, and Euclid's gcd. Reports digit counts, digit sums and
residues rather than the numbers themselves (which would also run into
CPython's 4300-digit str() limit). Stresses multi-limb multiplication,
division with remainder (//, %, divmod) and addition.

    python3 bigint.py [N]
"""
import sys

CHUNK = 10 ** 9


def factorial(n):
    acc = 1
    for k in range(2, n + 1):
        acc *= k
    return acc


def digit_stats(x):
    """(number of decimal digits, sum of the digits) of x >= 0, by peeling
    off nine digits at a time with divmod."""
    if x == 0:
        return 1, 0
    chunks = []
    while x:
        x, low = divmod(x, CHUNK)
        chunks.append(low)
    digits = 9 * (len(chunks) - 1) + len(str(chunks[-1]))
    total = 0
    for c in chunks:
        while c:
            c, d = divmod(c, 10)
            total += d
    return digits, total


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def fib_pair(n):
    """(F(n), F(n+1)) by fast doubling."""
    if n == 0:
        return 0, 1
    f, g = fib_pair(n // 2)
    even = f * (2 * g - f)
    odd = f * f + g * g
    if n % 2 == 0:
        return even, odd
    return odd, even + odd


def isqrt(n):
    x = 1 << ((n.bit_length() + 1) // 2)
    y = (x + n // x) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def arctan_inv(x, scale):
    """arctan(1/x) * scale, by the alternating Taylor series in integers."""
    total = term = scale // x
    x2 = x * x
    k = 1
    sign = -1
    while term:
        term //= x2
        k += 2
        total += sign * (term // k)
        sign = -sign
    return total


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 15000
    print(f"bigint n={n}")

    f = factorial(n)
    digits, dsum = digit_stats(f)
    zeros = 0
    t = f
    while t % 10 == 0:
        t //= 10
        zeros += 1
    print(f"{n}!: {digits} digits, digit sum {dsum}, {zeros} trailing zeros, mod 1e9+7 = {f % 1000000007}")

    # C(2n, n) two ways: exact division of factorials, and the running
    # product c = c * (n + k) // k
    c = factorial(2 * n) // (f * f)
    c2 = 1
    for k in range(1, n + 1):
        c2 = c2 * (n + k) // k
    digits, dsum = digit_stats(c)
    print(f"C({2 * n},{n}): {digits} digits, digit sum {dsum}, same both ways: {c == c2}")

    m = 10 * n
    a = fib_iter(m)
    b, _ = fib_pair(m)
    digits, dsum = digit_stats(a)
    q, r = divmod(a, fib_iter(m // 2 + 7))
    print(f"F({m}): {digits} digits, digit sum {dsum}, same both ways: {a == b}, "
          f"F({m})//F({m // 2 + 7}) has {digit_stats(q)[0]} digits, remainder {r % 1000003}")
    print(f"gcd(F({m}), F({m // 4 * 3})) has {digit_stats(gcd(a, fib_iter(m // 4 * 3)))[0]} digits")

    root = isqrt(2 * 10 ** (2 * n))
    digits, dsum = digit_stats(root)
    print(f"sqrt(2) to {n} places: {digits} digits, digit sum {dsum}, last nine {root % CHUNK:09d}")

    guard = 10 ** 10
    pi = (16 * arctan_inv(5, 10 ** n * guard) - 4 * arctan_inv(239, 10 ** n * guard)) // guard
    digits, dsum = digit_stats(pi)
    print(f"pi to {n} places: {digits} digits, digit sum {dsum}, last nine {pi % CHUNK:09d}")

    checksum = (f % 999999937 + c % 999999937 + a % 999999937 + root % 999999937 + pi % 999999937) % 999999937
    print(f"checksum: {checksum}")


main()
