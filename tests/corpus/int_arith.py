# Integer arithmetic: floor division, modulo, signs, bit ops, pow.
def show(label, value):
    print(label, value)

pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (13, 13), (1, 7)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b), a * b, a - b, a + b)

for a, b in pairs:
    print(a, "/", b, "=", a / b)

show("pow", pow(2, 10))
show("pow neg exp", pow(2, -2))
show("pow mod", pow(3, 200, 7))
show("pow mod neg base", pow(-3, 3, 7))
show("pow inverse", pow(3, -1, 7))
show("** right assoc", 2 ** 3 ** 2)
show("unary minus pow", -2 ** 2)
show("(-2)**2", (-2) ** 2)

x = 0b1011_0110
show("and", x & 0x0F)
show("or", x | 0x100)
show("xor", x ^ 0xFF)
show("invert", ~x)
show("invert neg", ~-1)
show("lshift", 1 << 40)
show("rshift", -1000 >> 3)
show("rshift pos", 1000 >> 3)
show("neg and", -12 & 0xFF)
show("neg or", -12 | 3)
show("neg xor", -12 ^ 5)

show("int('ff', 16)", int("ff", 16))
show("int('-0b101', 0)", int("-0b101", 0))
show("int('0o17', 0)", int("0o17", 0))
show("int(' 42 ')", int(" 42 "))
show("int('1_000')", int("1_000"))
show("int(3.99)", int(3.99))
show("int(-3.99)", int(-3.99))
show("int(True)", int(True))
show("abs", abs(-17))
show("bool arith", True + True * 3)

n = 10
n += 5
n *= 3
n //= 4
n -= 1
n **= 2
n %= 50
n <<= 3
n >>= 1
n |= 1
n &= 0xFE
n ^= 0x55
show("augmented", n)

for bad in [lambda: 1 // 0, lambda: 1 % 0, lambda: divmod(5, 0), lambda: 1 << -1, lambda: int("12a"), lambda: int("z", 40), lambda: pow(2, -1, 4)]:
    try:
        bad()
    except (ZeroDivisionError, ValueError) as e:
        print(type(e).__name__, e)

print(min(-5, 3), max(-5, 3), 7 == 7.0, 7 is not None)
print((-1) ** 0, 0 ** 0, (-8) // 3, (-8) % 3, 8 % -3)
