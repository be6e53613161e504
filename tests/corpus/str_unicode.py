# Non-ASCII strings: length, indexing, case, slicing.
words = ["café", "naïve", "Straße", "日本語", "Ελληνικά", "emoji 😀!", "Ωmega", "ﬁne"]
for w in words:
    print(w, len(w), w.upper(), w.lower(), w[::-1], w[1:3])

print("ß".upper(), "ﬁ".upper(), "İ".lower(), len("İ".lower()))
print("Straße".casefold(), "STRASSE".casefold() == "Straße".casefold())
print([ord(c) for c in "añ€😀"])
print(chr(0x1F600), chr(0x3B1), chr(233))
print(repr("café"), repr("日本"), repr("\u200b"), repr("\x85"), repr("😀"))
print("日本語".find("語"), "日本語".encode("utf-8"), len("日本語".encode("utf-8")))
print(b"caf\xc3\xa9".decode("utf-8"), "é".encode(), "A€".encode("utf-8"))
print("ÄÖÜ".isalpha(), "١٢٣".isdigit(), "Ⅻ".isnumeric(), "ǅ".istitle())
print(sorted(["éclair", "apple", "Zebra", "über", "ape"]))
print("über".title(), "ÉCOLE".capitalize(), "ñandú".center(11, "·"))
print("→".join(["a", "b", "c"]), "a→b→c".split("→"))
s = "héllo wörld"
print(s.replace("ö", "o"), s.count("l"), s.index("w"), s.title())
counts = {}
for ch in "ääbcä":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(f"{'ü':^5}|{'日本':>6}|{'é':<3}|")
print("%-6s|%5s|" % ("ça", "ñ"))
print(str("€") * 3, "€" in "cost 5€", "x" < "é" < "日")
print(max("aé日"), min("aé日"))
print("\N{GREEK SMALL LETTER ALPHA}\N{GREEK SMALL LETTER BETA}")
print("Ünïcödé".encode("utf-8").decode("utf-8") == "Ünïcödé")
print(ascii("café 日"), ascii("plain"))
print("a\u0301", len("a\u0301"))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
