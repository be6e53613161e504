# Numeric instance and class attributes whose types change, numeric cells
# shared by closures (nonlocal), globals updated by functions, default
# arguments evaluated once.
class Account:
    rate = 2
    count = 0

    def __init__(self, balance):
        self.balance = balance
        Account.count += 1

    def add_interest(self):
        self.balance = self.balance + self.balance * self.rate / 100
        return self.balance

    def scale(self, k):
        self.balance *= k
        return self

a = Account(100)
b = Account(2 ** 62)
print(a.balance, type(a.balance).__name__, a.add_interest(), type(a.balance).__name__)
print(b.scale(4).balance, b.scale(0.5).balance, type(b.balance).__name__, Account.count)
b.rate = "high"
try:
    b.add_interest()
except TypeError as e:
    print("TypeError:", e)
Account.rate = 10.5
print(a.add_interest(), Account(1).add_interest(), b.rate, Account.count)
a.balance = "reset"
print(a.balance * 2, a.scale(3).balance)
del b.rate
print(b.rate, b.add_interest())

def make_counter(start, step):
    value = start
    def bump():
        nonlocal value
        value += step
        return value
    def peek():
        return value
    return bump, peek

bump, peek = make_counter(0, 1)
print(bump(), bump(), peek())
fbump, fpeek = make_counter(0.5, 0.25)
print(fbump(), fbump(), fpeek(), type(fpeek()).__name__)
bbump, bpeek = make_counter(2 ** 63 - 2, 1)
print(bbump(), bbump(), bbump(), bpeek() - 2 ** 63)
sbump, speek = make_counter("", "ab")
print(sbump(), sbump(), speek())

def accumulator():
    total = 0
    history = []
    def add(x):
        nonlocal total
        total = total + x
        history.append(total)
        return total
    return add, history
add, hist = accumulator()
for x in (1, 2.5, 2 ** 64, -(2 ** 64), True):
    add(x)
print(hist, [type(h).__name__ for h in hist])

calls = 0
limit = 3
def tick():
    global calls
    calls += 1
    return calls > limit
print([tick() for _ in range(5)], calls)
limit = 2.5
print(tick(), calls, limit)

def with_default(x, seen=[], scale=2 ** 10):
    seen.append(x * scale)
    return seen
print(with_default(1), with_default(0.5), with_default(3, [], 1), with_default(2))

def adders():
    fs = []
    for i in range(3):
        fs.append(lambda x, i=i: x + i)
    late = [lambda x: x + j for j in range(3)]
    return [f(10) for f in fs], [f(10) for f in late]
print(adders())

def compose_numeric(n):
    def square(v):
        return v * v
    def half(v):
        return v / 2
    out = n
    for step in (square, half, square, int):
        out = step(out)
        print("  ", step.__name__, out)
    return out
print(compose_numeric(3), compose_numeric(2 ** 40), compose_numeric(-1.5))
