# Generator pipelines and iterator-based classes using yield.
def read_records(text):
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line

def parse(lines):
    for ln in lines:
        name, _, value = ln.partition("=")
        yield name.strip(), int(value)

def running_total(pairs):
    total = 0
    for name, v in pairs:
        total += v
        yield name, v, total

TEXT = """
# config
a = 1
b = 20
# skip
c = 300
d = -4
"""
for row in running_total(parse(read_records(TEXT))):
    print(row)

class Tree:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)
    def __iter__(self):
        yield self.value
        for c in self.children:
            yield from c
    def depth_first(self, depth=0):
        yield depth, self.value
        for c in self.children:
            yield from c.depth_first(depth + 1)

t = Tree(1, [Tree(2, [Tree(4)]), Tree(3, [Tree(5), Tree(6)])])
print(list(t), sum(t))
for d, v in t.depth_first():
    print("  " * d + str(v))

def windowed(seq, n):
    buf = []
    for x in seq:
        buf.append(x)
        if len(buf) > n:
            buf.pop(0)
        if len(buf) == n:
            yield tuple(buf)

print(list(windowed(range(6), 3)))

def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1

def take(n, it):
    return [x for _, x in zip(range(n), it)]

print(take(12, primes()))
squares = (x * x for x in primes())
print(take(5, squares))
