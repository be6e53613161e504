# open(): write, append, read, readline(s), iteration (text mode, UTF-8).
NAME = "corpus_tmp_file_io_text.txt"
lines = ["first line", "second — with dash", "ünïcödé third", "", "fifth after blank"]
with open(NAME, "w", encoding="utf-8") as f:
    for ln in lines:
        n = f.write(ln + "\n")
    print("last write returned", n)
with open(NAME, encoding="utf-8") as f:
    content = f.read()
print(repr(content))
print(len(content), content.count("\n"))
with open(NAME, "a", encoding="utf-8") as f:
    f.write("appended\n")
    print("appended", file=f)
with open(NAME, "r", encoding="utf-8") as f:
    print(repr(f.readline()))
    print(repr(f.readline()))
    rest = f.readlines()
print(rest)
with open(NAME, encoding="utf-8") as f:
    for i, line in enumerate(f):
        print(i, line.rstrip("\n"))
with open(NAME, encoding="utf-8") as f:
    print([len(l) for l in f.read().splitlines()])
f = open(NAME, "w", encoding="utf-8")
print(f.closed)
f.write("overwritten")
f.close()
print(f.closed)
with open(NAME, encoding="utf-8") as f:
    print(f.read(4), f.read())
try:
    f.read()
except ValueError as e:
    print("ValueError", e)
try:
    open("corpus_definitely_missing_dir/x.txt")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror)
try:
    with open(NAME, "w", encoding="utf-8") as g:
        g.write("partial")
        raise RuntimeError("mid-write")
except RuntimeError as e:
    print("RuntimeError", e, g.closed)
with open(NAME, encoding="utf-8") as f:
    print(repr(f.read()))
