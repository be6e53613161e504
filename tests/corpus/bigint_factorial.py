# Arbitrary-precision integers.
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

print(fact(30))
print(fact(52))
f100 = fact(100)
print(f100)
print(len(str(f100)))
print(sum([int(c) for c in str(f100)]))
print(fib(200))
print(fib(300) % 1000000007)

big = 2 ** 200
print(big)
print(-big)
print(big // 3, big % 3)
print(-big // 7, -big % 7)
print(divmod(big, -12345678901234567890))
print(big >> 100, big << 3)
print(big & (2 ** 64 - 1), big | 1, big ^ (big - 1))
print(~big)
print(hex(big), oct(2 ** 70), bin(2 ** 65 + 5))
print(pow(7, 300, 10 ** 20 + 39))
print(abs(-big) == big, big > 2 ** 199, big < 2 ** 200 + 1)
print(int("123456789012345678901234567890") * 99)
print(int("-" + "9" * 40) + 1)
print(10 ** 40 // 10 ** 20 == 10 ** 20)
print(big / 2 ** 190)
print(float(2 ** 80))
print(int(1e20), int(-2.5e18))
print(round(big, -55))
print(max(big, 3), min(-big, 5))
print(hash(12345) == 12345, hash(-1))

m = 1
for i in range(1, 60):
    m = m * 31 + i
print(m)
print(m % 97, m // 97 ** 5)
print(sorted([big, -big, 0, 1, -1, 2 ** 63, 2 ** 63 - 1, -(2 ** 63)]))
x = 2 ** 63 - 1
print(x + 1, x * 2, -x - 2, (x + 1) // -1)
print(str(3 ** 100)[:10], repr(3 ** 90))
print(f"{2 ** 100:,}", f"{2 ** 70:x}", f"{-(2 ** 70):>30}")
