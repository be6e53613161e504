# Common str methods.
s = "  Hello, World! Hello again.  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
t = s.strip()
print(t.upper(), t.lower(), t.swapcase(), t.title(), t.capitalize())
print(t.find("Hello"), t.find("Hello", 1), t.rfind("Hello"), t.find("xyz"))
print(t.index("World"), t.count("l"), t.count("Hello"), t.count(""))
print(t.replace("Hello", "Bye"), t.replace("l", "L", 2))
print(t.startswith("Hello"), t.endswith("."), t.startswith(("x", "He")), t.endswith("again", 0, -1))
print(t.split(), t.split(","), t.split("l", 2), t.rsplit("l", 2))
print("a,b,,c,".split(","), "  a  b  ".split(), "".split(), "".split(","))
print("line1\nline2\r\nline3\n".splitlines(), "x\ny\n".splitlines(True))
print("-".join(["a", "b", "c"]), repr("".join([])), ", ".join([str(i) for i in range(4)]))
print("abc".center(9, "*"), "abc".ljust(6, "."), "abc".rjust(6), "42".zfill(6), "-42".zfill(6))
print("hello world".partition(" "), "hello".partition("z"), "a.b.c".rpartition("."))
print("abc123".isalnum(), "abc".isalpha(), "123".isdigit(), "   ".isspace(), "Abc".istitle())
print("abc".islower(), "ABC".isupper(), "".isalpha(), "12a".isdecimal(), "x1".isidentifier())
print("tab\there".expandtabs(4), repr("a\tb".expandtabs()))
print("Mississippi".removeprefix("Miss"), "Mississippi".removesuffix("ppi"), "x".removeprefix("y"))
print("%s|%s" % ("a".casefold(), "ABC".casefold()))
print("abc" * 3, 3 * "xy", "abc" + "def", "b" in "abc", "ab" not in "abc")
print("hello"[1], "hello"[-1], "hello"[1:4], "hello"[::-1], "hello"[::2], "hello"[10:])
print(len("hello"), "hello" < "help", "a" < "B", "abc" == "abc", "Z" > "A")
print(str(12), str(-3.5), str(True), str(None), str([1, "a"]), repr("it's"), repr('say "hi"'))
print(repr("both ' and \""), repr("new\nline\ttab\\"), repr("\x00\x7f"))
print(ord("A"), chr(97), chr(8364), ord("€"))
print("a-b_c d".title(), "hello   world".split(" "))
print("x".join("abc"), "abc".find(""), "abc".rfind(""))
print(max("hello"), min("hello"), sorted("hello"), list("abc"))
print("CamelCaseString".lower().count("e"), "aaa".replace("a", "bb"), "aaa".replace("", "-"))
words = "the quick brown fox jumps over the lazy dog".split()
print(len(words), sorted(words), [w.upper() for w in words if len(w) > 4])
print(" ".join(reversed(words)))
print("0x1f".upper(), "1,234".replace(",", ""), "abc".strip("ac"), "xxhixx".strip("x"))
print("a b c".split(None, 1), "a  b  c".rsplit(None, 1))
print("hello".index("l"), "hello".rindex("l"))
try:
    "hello".index("z")
except ValueError as e:
    print("ValueError:", e)
try:
    "abc"[5]
except IndexError as e:
    print("IndexError:", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "x".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    "abc".split("")
except ValueError as e:
    print("ValueError:", e)
