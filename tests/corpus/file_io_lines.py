# open(): writelines, numeric data round-trip, seek/tell basics.
NAME = "corpus_tmp_file_io_lines.txt"
rows = [(i, i * i, i / 4) for i in range(1, 8)]
with open(NAME, "w") as f:
    f.writelines(["%d,%d,%.2f\n" % r for r in rows])
parsed = []
with open(NAME) as f:
    for line in f:
        a, b, c = line.strip().split(",")
        parsed.append((int(a), int(b), float(c)))
print(parsed)
print(sum([p[1] for p in parsed]), max([p[2] for p in parsed]))
with open(NAME) as f:
    head = f.read(5)
    pos = f.tell()
    f.seek(0)
    again = f.read(5)
print(repr(head), pos, head == again)
with open(NAME, "w") as f:
    print("alpha", "beta", sep="|", file=f)
    print(1, 2.5, None, file=f)
with open(NAME) as f:
    print(f.read().splitlines())
with open(NAME, "w") as f:
    pass
with open(NAME) as f:
    print(repr(f.read()), repr(f.readline()))
try:
    with open(NAME, "r") as f:
        f.write("no")
except Exception as e:
    print(type(e).__name__, e)
with open(NAME, "w") as f:
    f.write("done\n")
with open(NAME) as f:
    print(f.readlines())
