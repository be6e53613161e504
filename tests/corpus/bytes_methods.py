# bytes methods: split/rsplit with maxsplit, strip, find, replace, % formatting,
# constructors, fromhex, codecs and their errors.
b = b"  a bb  ccc "
print(b.split(), b.split(None, 1), b.rsplit(None, 1), b.split(b" "), b.rsplit(b" ", 2), b"a,b,c".rsplit(b",", 1))
print(b.strip(b" a"), b.lstrip(), b.rstrip(), b.find(b"b"), b.rfind(b"c"), b.find(99), b.count(b" "), b.count(b""))
print(b.replace(b" ", b"_", 2), b"abc".replace(b"", b"-"), b.startswith((b"x", b"  ")), b.endswith(b"c "))
print(b"%5s|%-4b|%c%c|%r|%.2s" % (b"ab", b"x", 65, b"z", b"q", b"xyz"), b"%(k)s" % {b"k": b"v"})
print(bytes(b"ab"), bytes("hé", "utf-8"), bytes(range(3)), b"ab" * 3, 2 * b"c", b"abc"[::2], b"abc"[5:])
print(b"\xe9".decode("latin-1"), b"A1".isalnum(), b"ab".isupper(), b"".isalpha(), bytes.fromhex("ff00"))
try:
    b"abc".index(b"z")
except ValueError as e:
    print(e)
try:
    bytes("x")
except TypeError as e:
    print(e)
try:
    b"%s" % "str"
except TypeError as e:
    print(e)
try:
    bytes.fromhex("zz")
except ValueError as e:
    print(e)
try:
    b"\xe9".decode("ascii")
except UnicodeDecodeError as e:
    print(e)
try:
    b"a" + "b"
except TypeError as e:
    print(e)
print(type(iter(b"")).__name__, list(reversed(b"abc")), max(b"abc"), b"abc" < b"abd", sorted(b"cab"))
