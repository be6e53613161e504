# *args and **kwargs handling.
def show(*args, **kwargs):
    print("args=", args, "kwargs=", kwargs)

show()
show(1, 2)
show(a=1, b=2)
show(1, "x", key=None, other=[1])

def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s

print(total(), total(1), total(1, 2, 3, 4), total(*range(10)))

def describe(name, **attrs):
    parts = [name]
    for k in sorted(attrs):
        parts.append("%s=%s" % (k, attrs[k]))
    return " ".join(parts)

print(describe("box", width=3, height=4, color="red"))
opts = {"depth": 9, "weight": 1.5}
print(describe("crate", **opts))

def forward(*args, **kwargs):
    return target(*args, **kwargs)

def target(a, b, c=None, *, d=0):
    return [a, b, c, d]

print(forward(1, 2), forward(1, 2, 3, d=4), forward(b=1, a=2))

def order_kept(**kw):
    return list(kw)

print(order_kept(z=1, a=2, m=3))

def mutate(**kw):
    kw["added"] = True
    return kw

orig = {"x": 1}
print(mutate(**orig), orig)

def mixed(a, b=2, *rest, flag=False, **extra):
    return a, b, rest, flag, extra

print(mixed(1))
print(mixed(1, 2, 3, 4, flag=True, z=26))
print(mixed(*[5, 6, 7], **{"flag": 1, "q": 0}))

def count_args(*a, **k):
    return len(a), len(k)

print(count_args(*"abc", **dict(x=1, y=2)))

class Builder:
    def __init__(self, **fields):
        self.fields = fields
    def with_(self, **more):
        merged = dict(self.fields)
        merged.update(more)
        return Builder(**merged)
    def __repr__(self):
        return "Builder(" + ", ".join(["%s=%r" % (k, v) for k, v in self.fields.items()]) + ")"

b = Builder(a=1).with_(b="two").with_(a=3)
print(b)
print(dict(**{"k": 1}, j=2))
for bad in [lambda: target(1), lambda: target(1, 2, 3, 4), lambda: target(1, 2, e=5), lambda: target(1, a=1, b=2), lambda: show(**{1: 2})]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
