# Generator functions: yield, next, StopIteration, return values.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

def with_return():
    yield 1
    yield 2
    return "done-value"

print(list(count_up(5)), sum(count_up(101)))
g = fib()
print([next(g) for _ in range(15)])
gen = with_return()
print(next(gen), next(gen))
try:
    next(gen)
except StopIteration as e:
    print("StopIteration value:", e.value)
print(next(gen, "default after exhaustion"))

def take(n, it):
    out = []
    for x in it:
        if len(out) >= n:
            break
        out.append(x)
    return out

print(take(5, fib()))

def lazy_trace(items):
    for it in items:
        print("  producing", it)
        yield it * 10

t = lazy_trace([1, 2, 3])
print("created")
for v in t:
    print("consumed", v)
    if v == 20:
        break
print("after break, resume:", list(t))

def chain(*iters):
    for it in iters:
        yield from it

print(list(chain([1, 2], "ab", range(3))))

def delegator():
    result = yield from with_return()
    yield "sub returned " + result

print(list(delegator()))

def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    yield received

e = echo()
print(next(e), e.send("a"), e.send("b"), e.send(None))

def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("generator cleanup")

gf = gen_with_finally()
print(next(gf))
gf.close()
print("closed")
print(type(count_up(1)).__name__, iter(g) is g)

def raises_inside():
    yield 1
    raise ValueError("from generator")

try:
    for v in raises_inside():
        print("got", v)
except ValueError as e:
    print("ValueError", e)
