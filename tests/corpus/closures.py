# Closures, cells, and function factories.
def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get

inc, get = make_counter(10)
print(inc(), inc(), inc(5), get())
inc2, get2 = make_counter()
print(inc2(), get(), get2())

def adder(n):
    return lambda x: x + n

add5 = adder(5)
add10 = adder(10)
print(add5(1), add10(1), adder(-1)(1))

def compose(*fs):
    def run(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return run

print(compose(add5, lambda v: v * 2)(7), compose()(3), compose(len, str)(12345))

def outer():
    x = "outer-x"
    def middle():
        def inner():
            return x + "!"
        return inner
    return middle()()

print(outer())

def make_multipliers():
    result = []
    for i in range(4):
        def mul(x, i=i):
            return x * i
        result.append(mul)
    return result

print([m(3) for m in make_multipliers()])

def late_binding():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]

print(late_binding())

def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper

@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), len(fib.cache))

def accumulate():
    items = []
    def add(x):
        items.append(x)
        return len(items)
    return add, items

add, items = accumulate()
add("a")
add("b")
print(items, add("c"))

def shadow():
    v = 1
    def f():
        v = 2
        return v
    f()
    return v

print(shadow())

def counter_dict():
    state = {"n": 0}
    def bump():
        state["n"] += 1
        return state["n"]
    return bump

b = counter_dict()
print(b(), b(), b())

def decorator_with_args(prefix):
    def deco(fn):
        def wrapped(*a, **k):
            return prefix + str(fn(*a, **k))
        return wrapped
    return deco

@decorator_with_args(">> ")
def total(*nums, scale=1):
    return sum(nums) * scale

print(total(1, 2, 3), total(4, scale=10))

def bad_closure():
    def f():
        return y
    try:
        f()
    except NameError as e:
        print("NameError", e)
    y = 5
    return f()

print(bad_closure())
