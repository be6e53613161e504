# Float repr and arithmetic.
vals = [0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e22, 1.5e-7, 123456789.123, 1 / 3,
        2.0 ** 0.5, 1e300 * 10, -1e300 * 10, 5e-324, 1.7976931348623157e308, 100.0, 1e15, 1e-5, 0.0001]
for v in vals:
    print(repr(v), str(v))

print(float("inf"), float("-inf"), float("nan"))
print(float(" 3.25 "), float("1e3"), float("-.5"), float("Infinity"))
print(7.0 // 2, 7.0 % 2, -7.0 // 2, -7.0 % 2, 7.5 % -2)
print(divmod(7.5, 2), divmod(-7.5, 2))
print(2 ** -1, 10 ** -3, 2.0 ** 10, (-8.0) ** 2)
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(3.14159, 2), round(2.675, 2), round(1234.5678, -2), round(-0.5))
print(int(2.9), int(-2.9), float(7), float(-0))
print(abs(-3.5), abs(-0.0))
print(1.0 == 1, 0.1 + 0.2 == 0.3, 1e308 < float("inf"))
nan = float("nan")
print(nan == nan, nan != nan, nan < 1, nan > 1)
print(3.0.is_integer(), 3.5.is_integer())
print((0.5).as_integer_ratio(), (0.75).as_integer_ratio())
print(max(1.5, 2), min(1, 1.0), sum([0.1] * 10))
print(1 / 7 * 7, 3 * 0.1, 1.1 * 1.1)
print(1e16 + 1, 2 ** 53 + 1.0)
print(float(10 ** 20), 10 ** 20 / 3)
print(-1.5e-10, 12345678901234567890.0)
print(hash(1.0) == hash(1), hash(0.5))

x = 10.0
x /= 4
x *= 3
x -= 0.5
x **= 2
print(x)

for bad in ["abc", "", "1.2.3"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    print(1.0 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    print(5.0 % 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    print(10.0 ** 400)
except OverflowError as e:
    print("OverflowError", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError", e)
