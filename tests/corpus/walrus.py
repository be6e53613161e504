# Assignment expressions (:=).
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 6])
print(y)
values = []
i = 0
while (i := i + 1) <= 4:
    values.append(i * i)
print(values, i)
chunks = ["ab", "cde", "", "f"]
pos = 0
while (chunk := chunks[pos]):
    print("chunk", chunk)
    pos += 1
print("stopped at", pos)
stats = {"min": (lo := min(data)), "max": (hi := max(data)), "range": hi - lo}
print(stats, lo, hi)

def process(items):
    results = []
    for it in items:
        if (sq := it * it) % 2 == 0 and (half := sq // 2) > 2:
            results.append((it, sq, half))
    return results

print(process(range(7)))
print((z := 10) + z, z)
text = "key=value; other=thing; bad; last=1"
parsed = {}
for part in text.split(";"):
    if (eq := part.find("=")) != -1:
        parsed[part[:eq].strip()] = part[eq + 1:].strip()
print(parsed)

def counter():
    total = 0
    [total := total + v for v in range(5)]
    return total

print(counter())
print([(last := v) for v in "xyz"], last)
a = [1, 2, 3]
if any([(hit := v) > 1 for v in a]):
    print("hit", hit)
print(f"{(w := 'walrus')!r} {w.upper()}")
