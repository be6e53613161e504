# Generator corner cases: cleanup when dropped, exception context across
# yields, closures in generator expressions, yield as an expression.
def dropped():
    try:
        yield 1
        yield 2
    finally:
        print("dropped generator cleaned up")

d = dropped()
print(next(d))
d = None
print("after drop")

def never_started():
    try:
        yield 1
    finally:
        print("never printed")

n = never_started()
del n
print("never-started generator dropped silently")

def handled_inside():
    try:
        raise KeyError("inner")
    except KeyError:
        yield "in except"
        try:
            raise ValueError("chained")
        except ValueError as e:
            yield repr(e.__context__)

h = handled_inside()
print(next(h))
try:
    raise IndexError("outer")
except IndexError:
    print(next(h))

def outer(scale):
    return list(x * scale for x in range(4) if x != 2)

print(outer(3))

def make_counters():
    gens = []
    for k in range(3):
        gens.append((k * i for i in range(3)))
    return [list(g) for g in gens]

print(make_counters())

squares = (lambda n: (i * i for i in range(n)))(5)
print(type(squares).__name__, list(squares), list(squares))

def yields_none():
    x = yield
    print("got", x)
    y = yield x
    return (x, y)

g = yields_none()
print(next(g))
print(g.send("first"))
try:
    g.send("second")
except StopIteration as e:
    print("returned", e.value)

try:
    yields_none().send(5)
except TypeError as e:
    print("TypeError", e)

def gen_in_method():
    class Box:
        def __init__(self, items):
            self.items = items
        def evens(self):
            for i, v in enumerate(self.items):
                if i % 2 == 0:
                    yield v
    return list(Box("abcdef").evens())

print(gen_in_method())

def nested_yield_from():
    def inner():
        x = yield "inner-1"
        print("inner got", x)
        try:
            yield "inner-2"
        except ValueError as e:
            print("inner caught", e)
            return "inner-result"
    r = yield from inner()
    print("delegation returned", r)
    yield "outer-done"

g = nested_yield_from()
print(next(g))
print(g.send("hello"))
print(g.throw(ValueError("thrown through")))

def yield_from_iterator():
    r = yield from iter([1, 2])
    yield r

print(list(yield_from_iterator()))

def closer():
    def inner():
        try:
            yield 1
        finally:
            print("inner finally")
    yield from inner()

c = closer()
next(c)
c.close()
print("closed delegating generator")

def ignores_exit():
    ignored = False
    while True:
        try:
            yield 1
        except GeneratorExit:
            if ignored:
                return
            print("ignoring exit")
            ignored = True

ig = ignores_exit()
next(ig)
try:
    ig.close()
except RuntimeError as e:
    print("RuntimeError", e)

def counter():
    n = 0
    while True:
        n += 1
        yield n

print(sum(x for x, _ in zip(counter(), range(10))))
print(max((len(w), w) for w in "the quick brown fox".split()))
print(sorted(c for c in "hello" if c != "l"))
print(dict((k, k * 2) for k in "ab"))
print(", ".join(str(i) for i in range(5)))
print(tuple(x for x in range(3)), set(x % 2 for x in range(5)))
g = (x for x in [1])
print(g.__name__, next(g), next(g, "end"))
