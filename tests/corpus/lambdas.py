# Lambda expressions.
sq = lambda x: x * x
add = lambda a, b=10: a + b
print(sq(7), add(1), add(1, 2), add(b=5, a=1))
print((lambda: "no args")(), (lambda *a: len(a))(1, 2, 3), (lambda **k: sorted(k))(z=1, a=2))
print((lambda x, *, y: x - y)(10, y=3))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}
for sym in ["+", "-", "*", "/"]:
    print(sym, ops[sym](12, 4))
print(list(map(lambda x: x + 1, [1, 2, 3])))
print(list(filter(lambda s: s.startswith("a"), ["apple", "banana", "avocado"])))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3), curry("x")("y")("z"))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
is_even = lambda n: n % 2 == 0
print([n for n in range(10) if is_even(n)])
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print((lambda x: (x, x * 2))(4))
print((lambda: (yield_ := 5) + 1)())
pairs = [(1, "one"), (3, "three"), (2, "two")]
pairs.sort(key=lambda p: p[1])
print(pairs)
print(max(pairs, key=lambda p: p[0]), min(pairs, key=lambda p: len(p[1])))
adders = [lambda x, n=n: x + n for n in range(3)]
print([a(100) for a in adders])
print(type(sq).__name__, sq.__name__, callable(sq))
def apply(f, *args, **kwargs):
    return f(*args, **kwargs)
print(apply(lambda a, b, c=0: a * b + c, 3, 4, c=1))
cond = lambda x: "pos" if x > 0 else ("zero" if x == 0 else "neg")
print([cond(v) for v in (-2, 0, 5)])
default_trap = lambda x, acc=[]: acc.append(x) or acc
print(default_trap(1), default_trap(2))
try:
    sq()
except TypeError as e:
    print("TypeError", e)
try:
    add(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
try:
    (lambda x: x / 0)(1)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
