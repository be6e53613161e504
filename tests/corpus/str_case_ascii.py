# The case methods (upper, lower, swapcase, title, capitalize, casefold) on
# ASCII strings, which take a byte-at-a-time path, next to non-ASCII ones
# (ß, ǅ, final sigma), and over every ASCII character.
words = ["", "a", "Hello World", "they're bill's friends", "ABC def GhI", "123abc", "a1b2 c3D4", "  x  y  ", "o'NEIL mcDONALD", "hello-world_foo.bar", "ÀB", "ß straße", "ǅungla", "Σ ΑΣ ΑΣ."]
for w in words:
    print(repr(w), w.upper(), w.lower(), w.swapcase(), w.title(), w.capitalize(), w.casefold(), w.upper().isupper(), w.lower() == w.casefold())
# every ASCII character, each method
chars = "".join(chr(i) for i in range(128))
for m in ("upper", "lower", "swapcase", "title", "capitalize", "casefold"):
    print(m, getattr(chars, m)() .encode("ascii").hex()[:400], hash(getattr(chars[::-1], m)()) == hash(getattr(chars[::-1], m)()))
print("x".upper() is not None, "Abc".title() == "Abc", type("a".upper()).__name__, len("abc".upper()))
