# String methods and slicing by code point on non-ASCII text: find/index/
# count, split/partition, replace, strip, padding, case, classes, ord/chr.
def show(label, *values):
    print(label, *[repr(v) for v in values])

text = "Grüße aus Köln — 東京 🚀 Ωμέγα"
show("len", len(text), len(text.encode()), text[0], text[-1], text[3], text[-5])
show("slices", text[2:7], text[-5:], text[::3], text[::-2], text[16:18], text[100:], text[-100:2])
for needle in ("ö", "東京", "🚀", "Ω", "x", "", "ß"):
    show("find", needle, text.find(needle), text.rfind(needle), text.count(needle), needle in text)
show("index", text.index("aus"), text.index("μ"), text.find("ü", 3), text.find("ü", 0, 2), text.rfind("e", 0, 5))
try:
    text.index("🙂")
except ValueError as e:
    print("ValueError:", e)
show("split", text.split(), text.split(" ", 2), text.rsplit(" ", 2), "a—b——c".split("—"))
show("partition", text.partition("—"), text.rpartition(" "), text.partition("zz"))
show("replace", text.replace("ö", "oe"), "ääää".replace("ä", "a", 2), "日本".replace("", "|"))
padded = "  \t¡Hola, señor!\n "
show("strip", padded.strip(), padded.lstrip(), padded.rstrip(), "ééxée".strip("é"), "«quote»".strip("«»"))
for w in ("façade", "ПРИВЕТ", "straße", "ǅemal", "ΣΊΣΥΦΟΣ", "i̇stanbul", "ß"):
    show("case", w, w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase(), w.casefold())
for w in ("ñ", "Ⅻ", "٣", "²", "ｶ", "\u00a0", "\u2028", "🙂", "x1", "Ab"):
    print(repr(w), w.isalpha(), w.isdigit(), w.isnumeric(), w.isdecimal(), w.isspace(),
          w.isupper(), w.islower(), w.isalnum(), w.isprintable(), w.isidentifier())
show("pad", "日本".center(8, "*"), "ñ".ljust(4, "·"), "ñ".rjust(4), "é".zfill(4), "-7".zfill(5))
show("fmt", f"[{'ü':>5}]", f"[{'東京':^7}]", f"[{'🚀':-<4}]", "{:*^9}".format("Ωμ"), "%-6s|" % "ñö")
show("starts", text.startswith("Grü"), text.endswith(("γα", "x")), text.startswith("aus", 6), text.endswith("Köln", 0, 14))
show("join", "→".join(["a", "ß", "東"]), "".join(reversed("åbç")), ", ".join(sorted("ζαβ")))
show("ord", [ord(c) for c in "aé€😀"], chr(0x1F600), chr(233) + chr(0x20AC), chr(0x10FFFF) == "\U0010ffff")
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
show("compare", "é" > "e", "z" < "é", "Ä" < "a", sorted(["ö", "o", "z", "Z", "é"]), max("Köln"), min("Köln"))
show("repr", "tab\tnew\nnul\x00", "\x7f\x80\xa0", "\u200b\ufeff", "é\u0301", "'\"", "\U0001f600")
show("mul", "ü" * 3, "—" * 0, "ab" + "日本" * 2)
show("expand", "a\tü\tb".expandtabs(4), "x\ty".expandtabs(), "日\t本".expandtabs(3))
show("lines", "uno\ndós\r\ntrês\rquatro\x1cfive\u2029six".splitlines(), "é\n".splitlines(True))
def by_codepoint(s):
    out = []
    for i in range(len(s)):
        if i % 2 == 0:
            out.append(s[i].upper())
        else:
            out.append(s[-1 - i])
    return "".join(out)
show("loop", by_codepoint("añob🚀z"), by_codepoint("東京タワー"), by_codepoint(""))
words = "the café served crème brûlée to the café owner".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
show("freq", sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
show("encode", "naïve".encode(), "€".encode("utf-8"), b"caf\xc3\xa9".decode(), len("é".encode()))
show("strs", str(3.5) + "°", "%d€" % 12, "%5.1f%%" % 99.44, "{0}–{1}".format(1, 2))
# strip sets mixing ASCII on both sides of bit 64 ('?' 63, '@' 64, '~' 126) and non-ASCII
show("strip sets", "?@~é-word-é~@?".strip("?@~é-"), "«?x?»".lstrip("?«"), "a\x7f\x00".rstrip("\x00\x7f"), "".strip("x"))
