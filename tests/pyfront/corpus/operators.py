# Every operator and delimiter.
a = b = c = 1
a += 1; a -= 1; a *= 1; a /= 1; a //= 1; a %= 1; a **= 1
a >>= 1; a <<= 1; a &= 1; a |= 1; a ^= 1
m = [[1]]; m @= m
r = (a + b - c * a / b // c % a ** b, a << b >> c & a | b ^ ~c)
t = (a < b > c <= a >= b == c != a, a if b else c, not a and b or c)
s = [1, 2, 3][1:2:-1], {1: 2}, {1, 2}, ...
def f(x: int, *, y: str = '') -> None: pass
if (n := 10) > 5: pass
@staticmethod
def g(): pass
