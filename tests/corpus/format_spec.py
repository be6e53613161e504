# format() and str.format with format specs.
print(format(42, "d"), format(42, "5d"), format(42, "<5d") + "|", format(42, "^7d"), format(42, "05d"))
print(format(-42, "05d"), format(42, "+d"), format(42, " d"), format(-42, " d"))
print(format(255, "x"), format(255, "X"), format(255, "#x"), format(255, "o"), format(255, "#o"), format(5, "b"), format(5, "#010b"))
print(format(1234567, ","), format(1234567, "_"), format(1234567.891, ",.2f"), format(0xDEADBEEF, "_x"))
print(format(3.14159, ".2f"), format(3.14159, "8.3f"), format(3.14159, "<8.1f") + "|", format(-3.14159, "+.3f"))
print(format(1234.5, "e"), format(1234.5, ".2E"), format(0.000123, "g"), format(123456789.0, "g"), format(1e-10, ".3g"))
print(format(0.25, "%"), format(0.12345, ".1%"), format(1.0, "g"), format(100.0, ".0f"), format(2.5, ".0f"), format(3.5, ".0f"))
print(format("abc", "10"), "|", format("abc", ">10"), format("abc", "*^9"), format("abcdef", ".3"), format("x", "-<4") + "|")
print(format(True, ""), format(True, "d"), format(None, ""), format(12.0, ""), format(1e20, ""))
print(format(65, "c"), format(42, "=+8d"), format(-0.0, ".1f"), format(float("inf"), "8.2f"), format(float("nan"), "F"))
print("{} and {}".format("a", "b"), "{1} {0} {1}".format("x", "y"), "{name}-{n:03d}".format(name="id", n=7))
print("{0[1]} {1[k]} {2.real}".format([10, 20], {"k": "v"}, 5))
print("{:>{w}}|{:.{p}f}".format("r", 3.14159, w=6, p=3))
print("{{literal}} {}".format(1), "{!r} {!s} {!a}".format("q", "q", "é"))
print("{:,}".format(-9876543210), "{:>12,.1f}".format(1234567.25))
print("{:#b} {:#o} {:#X}".format(10, 10, 255))
print("{:10.4}|{:<10.2e}|".format(3.14159265, 31415.9))
print("{:g} {:g} {:g} {:g}".format(1e6, 1e-4, 1e-5, 123.456789))
print("{:.3g} {:.10g} {:#g}".format(0.0001234, 1 / 3, 1.0))
print("{:n}".format(1234), "{:5}|{:<5}|{:>5}".format(1, 2, 3))
vals = [1, 22, 333, 4444]
for v in vals:
    print("{:>6}|{:<6}|{:^6}|{:06.1f}".format(v, v, v, v / 3))

class Temp:
    def __init__(self, c):
        self.c = c
    def __format__(self, spec):
        if spec == "F":
            return str(self.c * 9 / 5 + 32) + "F"
        return str(self.c) + "C"
    def __str__(self):
        return "Temp(" + str(self.c) + ")"

t = Temp(100)
print(format(t, "F"), format(t, ""), "{} {:F}".format(t, t), f"{t} {t:F} {t!s}")

for spec, val in [("d", 1.5), ("x", "s"), (".2f", "s"), ("=5", "a")]:
    try:
        print(format(val, spec))
    except ValueError as e:
        print("ValueError:", e)
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print("KeyError:", e)
