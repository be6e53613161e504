# Basic bytes behaviour.
b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], type(b).__name__)
print(b == b"hello", b != b"world", b < b"help", b"" == bytes())
print(b + b" world", b * 2, b"x" in b"xyz", 104 in b)
print(list(b), [c for c in b"AB"], bytes([104, 105]), bytes(2))
print(b.upper(), b.replace(b"l", b"L"), b.split(b"l"), b.startswith(b"he"), b.find(b"l"), b.count(b"l"))
print(b"a,b,,c".split(b","), b"-".join([b"x", b"y"]), b"  pad ".strip())
print(b.decode(), b.decode("ascii"), "héllo".encode(), "héllo".encode("utf-8").decode("utf-8"))
print(repr(b"\x00\x01\x7f\x80\xff"), repr(b"quote'"), repr(b'both\'"'), str(b"\n\t\\"))
print(b.hex(), bytes.fromhex("68 65 6c"), b"abc".isalpha(), b"123".isdigit())
print(hash(b"abc") == hash(b"abc"), {b"k": 1}[b"k"], sorted([b"b", b"a", b"ab"]))
print(bytes("ñ", "utf-8"), len("ñ".encode()), b"%d-%s" % (5, b"x"))
for i, byte in enumerate(b"hi!"):
    print(i, byte, chr(byte))
total = 0
for byte in b"\x01\x02\x03":
    total += byte
print(total)
try:
    b[10]
except IndexError as e:
    print("IndexError", e)
try:
    b + "str"
except TypeError as e:
    print("TypeError", e)
try:
    b[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError", e)
