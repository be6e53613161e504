# printf-style % formatting.
print("%d %i %s %r" % (42, -7, "str", "repr"))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %o %#x %#o %#X" % (255, 255, 8, 255, 8, 255))
print("%f %.2f %10.3f|%-10.1f|%e %.3E" % (3.14159, 3.14159, 3.14159, 3.14159, 12345.678, 0.000123))
print("%g %g %g %G" % (1e6, 1e-5, 123.456, 1e-10))
print("%s %s %s" % (None, True, [1, 2]))
print("%c%c%c" % (72, "i", 33))
print("%%literal %d%%" % 50)
print("%(name)s is %(age)d years" % {"name": "Ann", "age": 30})
print("%*d|%-*d|%.*f" % (6, 7, 6, 7, 2, 2.71828))
print("%s" % "single", "%s" % (("tuple",),), "%s" % [1])
print("%10s|%-10s|%.2s" % ("right", "left", "truncate"))
print("%d" % 3.99, "%d" % -3.99, "%i" % True)
print("%s|%r" % ("é", "é"), "%5s|" % "ñ")
print("%.0f %.0f %.0f" % (0.5, 1.5, 2.5))
print("%x" % -255, "%o" % -8, "%d" % (2 ** 70))
print("%.3s" % "abcdef", "%5.1s|" % "xyz")
print("%a" % "é")
b = "%s-%s" % ("a", "b")
print(b)
template = "Name: %-8s Score: %6.2f"
for who, score in [("Bob", 91.5), ("Alice", 78.25), ("Z", 100)]:
    print(template % (who, score))
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%d" % (1, 2))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%(k)s" % {"j": 1})
except KeyError as e:
    print("KeyError:", e)
try:
    print("%y" % 1)
except ValueError as e:
    print("ValueError:", e)
print(b"%s %d" % (b"bytes", 5))
