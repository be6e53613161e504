# %-formatting, format specs, str.format and the base conversions of ints
# beyond 64 bits (and at the edges), of both signs.
values = [0, 7, -7, 2 ** 63 - 1, -(2 ** 63), 2 ** 64, -(2 ** 64) + 1, 3 ** 50, -(10 ** 30), 2 ** 100 + 12345]

def percent(v):
    print("%d|%i|%x|%X|%o|%#x|%#o|%+d|% d" % (v, v, v, v, v, v, v, v, v))
    print("%30d|%-30d|%030d|%+.25d|%.3e|%r|%s" % (v, v, v, v, v, v, v))

def specs(v):
    print(f"{v:,}|{v:_}|{v:_x}|{v:_b}"[:150])
    print(f"{v:>40}|{v:<40}|{v:^40}|{v:*^41}")
    print(f"{v:=+40}|{v:040,}|{v:#044_x}|{v: }|{v:-}")
    print(f"{v:e}|{v:.2E}|{v:g}|{v:.12g}|{v:%}"[:160])
    print(f"{v:.3f}|{v:n}|{v:c}" if 0 <= v < 0x110000 else f"{v:.1f}|{v:n}")

for v in values:
    print("==", v)
    percent(v)
    specs(v)
    print(hex(v), oct(v), bin(v)[:80], len(bin(v)), v.bit_length(), v.bit_count())
    print("{0:d} {0:#b}".format(v)[:120], "{:>{w}}".format(v, w=35), format(v, "08X"), format(v, ""))

def roundtrip(v):
    for base in (2, 8, 10, 16, 36):
        s = {2: bin, 8: oct, 16: hex}.get(base)
        text = s(v) if s else str(v)
        back = int(text, base) if base != 36 else int(text)
        print(base, text[:40], back == v, int(text, 0) == v if base != 36 else "-")
roundtrip(2 ** 70 - 1)
roundtrip(-(2 ** 65) - 3)
print(int("zz" * 15, 36), int("-0x_ffff_ffff_ffff_ffff_ffff", 16), int("  +1_000_000_000_000_000_000_000  "))
for bad in ("0x", "1__0", "12a", "", " ", "0b102"):
    try:
        int(bad, 0)
    except ValueError as e:
        print("ValueError:", e)
try:
    "%c" % (2 ** 70)
except OverflowError as e:
    print("OverflowError:", e)
for big in (2 ** 70, -(2 ** 70), -(2 ** 63), 2 ** 63, -1, 0x110000):
    try:
        format(big, "c")
    except OverflowError as e:
        print("OverflowError:", e)
try:
    format(10, ".2d")
except ValueError as e:
    print("ValueError:", e)
try:
    "%d" % "12"
except TypeError as e:
    print("TypeError:", e)
print("%5.1f%%|%-8s|%08.3f|%x" % (99.5, "big", -2.5, 255), "%(a)d-%(b)x" % {"a": 2 ** 64, "b": 2 ** 64})
print("{:,.2f}|{:_.3e}|{:+,}".format(2 ** 64 + 0.5, float(2 ** 80), -(2 ** 66)))
print(repr(2 ** 64), str(-(2 ** 64)), ascii(2 ** 65), f"{2 ** 64!r:>25}", f"{-1:x}", f"{-255:#06x}")
