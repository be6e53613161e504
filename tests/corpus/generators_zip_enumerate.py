# Generators consumed by zip, enumerate, map, filter, sum, min/max, sorted,
# dict/list constructors; zip pulling one extra item; exhaustion; next()
# with a default; generator state printed as it runs.
def counter(name, n):
    for i in range(n):
        print("  %s yields %d" % (name, i))
        yield i
    print("  %s done" % name)

print(list(zip(counter("a", 3), counter("b", 5))))
print(list(zip(counter("long", 4), "xy")))
print(list(zip()), list(zip(counter("solo", 2))))
for idx, val in enumerate(counter("e", 3), start=10):
    print("enumerate", idx, val)
print(list(enumerate("ab", -2)), list(enumerate([])))

def squares(n):
    for i in range(n):
        yield i * i

g = squares(5)
print(next(g), next(g), list(g), list(g), next(g, "empty"))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.args)
print(sum(squares(10)), max(squares(7)), min(squares(0), default=None), sorted(squares(4), reverse=True))
print(dict(zip(squares(3), "abc")), list(map(lambda p: p[0] * p[1], zip(squares(4), squares(4)))))
print(list(filter(None, squares(4))), any(x > 10 for x in squares(5)), all(x < 10 for x in squares(5)))

def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out

def naturals(start=0):
    n = start
    while True:
        yield n
        n += 1
print(take(5, naturals()), take(3, naturals(100)), take(0, counter("unused", 3)))
evens = (n for n in naturals() if n % 2 == 0)
print(take(4, evens), next(evens), take(2, evens))

def pairs(seq):
    it = iter(seq)
    for first in it:
        second = next(it, None)
        yield first, second
print(list(pairs([1, 2, 3, 4, 5])), list(pairs("")))

def running(xs):
    total = 0
    for i, x in enumerate(xs):
        total += x
        yield i, total, total / (i + 1)
for row in running(squares(5)):
    print("running", row)

def tracked():
    print("  start")
    try:
        received = yield "first"
        print("  got", received)
        received = yield "second"
        print("  got", received)
    finally:
        print("  cleanup")
t = tracked()
print(next(t), t.send(10), t.send(2.5) if False else "skip")
t.close()
print("closed", next(t, "after close"))

def zipped_lengths(*gens):
    n = 0
    for items in zip(*gens):
        n += 1
        print("  row", items)
    return n
print(zipped_lengths(squares(3), naturals(7), counter("c", 10)))
z = zip(counter("x", 2), counter("y", 2))
print(next(z), next(z), next(z, "end"), next(z, "end again"))
e = enumerate(naturals(5))
print(next(e), next(e), [pos for pos, _ in zip(range(3), e)])
u, v = zip(*[(1, "a"), (2, "b"), (3, "c")])
print(u, v, list(zip(*zip(u, v))))
print(list(reversed(list(enumerate(squares(3))))), tuple(x for x in "gen"), set(squares(3)))
