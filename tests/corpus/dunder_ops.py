# Operator overloading via dunder methods.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)
    def __add__(self, o):
        if not isinstance(o, Vec):
            return NotImplemented
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        if isinstance(k, Vec):
            return self.x * k.x + self.y * k.y
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)
    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __pos__(self):
        return self
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __eq__(self, o):
        return isinstance(o, Vec) and self.x == o.x and self.y == o.y
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, o):
        return abs(self) < abs(o)
    def __le__(self, o):
        return abs(self) <= abs(o)
    def __bool__(self):
        return bool(self.x or self.y)
    def __pow__(self, n):
        return Vec(self.x ** n, self.y ** n)
    def __iadd__(self, o):
        self.x += o.x
        self.y += o.y
        return self

a = Vec(3, 4)
b = Vec(1, 2)
print(a + b, a - b, a * 2, 3 * a, a * b, a / 2, a // 2, a % 2, -a, +a, abs(a), a ** 2)
print(a == Vec(3, 4), a != b, a == 5, a < b, a > b, a <= a, b >= a)
print(bool(Vec(0, 0)), bool(a), len({a, Vec(3, 4), b}))
print(sorted([Vec(5, 5), Vec(1, 0), Vec(2, 2)]), max([b, a]), min(a, b))
c = a
c += b
print(a, c, c is a)
try:
    a + 1
except TypeError as e:
    print("TypeError", e)
try:
    "s" - a
except TypeError as e:
    print("TypeError", e)

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, o):
        if isinstance(o, int):
            return Money(self.cents + o)
        return Money(self.cents + o.cents)
    __radd__ = __add__
    def __str__(self):
        return "$%d.%02d" % divmod(self.cents, 100)
    def __lt__(self, o):
        return self.cents < o.cents
    def __eq__(self, o):
        return self.cents == o.cents

print(Money(150) + Money(275), 5 + Money(100), sum([Money(10), Money(20)], Money(0)), sum([Money(1), Money(2)]))
print(Money(1) > Money(0), Money(5) == Money(5), Money(5) != Money(6))

class Bits:
    def __init__(self, v):
        self.v = v
    def __and__(self, o): return Bits(self.v & o.v)
    def __or__(self, o): return Bits(self.v | o.v)
    def __xor__(self, o): return Bits(self.v ^ o.v)
    def __invert__(self): return Bits(~self.v & 0xFF)
    def __lshift__(self, n): return Bits(self.v << n)
    def __rshift__(self, n): return Bits(self.v >> n)
    def __repr__(self): return "Bits(%s)" % bin(self.v)
    def __int__(self): return self.v
    def __float__(self): return float(self.v) + 0.5
    def __index__(self): return self.v

x, y = Bits(0b1100), Bits(0b1010)
print(x & y, x | y, x ^ y, ~x, x << 2, x >> 1, int(x), float(y), hex(x), [10, 20, 30, 40][Bits(2)])

class Weird:
    def __eq__(self, o):
        return "truthy-string"
    def __ne__(self, o):
        return False

w = Weird()
print(w == 1, w != 1, [w] == [w])
class NoEq:
    pass
n1 = NoEq()
print(n1 == n1, n1 == NoEq(), n1 != NoEq())
try:
    NoEq() < NoEq()
except TypeError as e:
    print("TypeError", e)
