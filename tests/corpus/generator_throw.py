# Generator send/throw/close and exceptions inside generators.
def accumulator():
    total = 0
    while True:
        try:
            x = yield total
        except ValueError as e:
            print("generator caught", e)
            total = 0
            continue
        if x is None:
            return total
        total += x

acc = accumulator()
print(next(acc), acc.send(5), acc.send(10))
print(acc.throw(ValueError("reset")))
print(acc.send(7))
try:
    acc.send(None)
except StopIteration as e:
    print("final total", e.value)

def closable():
    try:
        while True:
            yield "tick"
    except GeneratorExit:
        print("got GeneratorExit")
        raise

c = closable()
print(next(c), next(c))
c.close()
c.close()
try:
    next(c)
except StopIteration:
    print("closed generator is exhausted")

def uncaught_throw():
    yield 1
    yield 2

u = uncaught_throw()
next(u)
try:
    u.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))

def bad_stop():
    yield 1
    raise StopIteration("inside")

try:
    list(bad_stop())
except RuntimeError as e:
    print("RuntimeError", e, type(e.__context__).__name__)

def running():
    yield running_gen.gi_running

running_gen = running()
print(next(running_gen))
try:
    def reenter():
        yield next(g2)
    g2 = reenter()
    next(g2)
except ValueError as e:
    print("ValueError", e)
