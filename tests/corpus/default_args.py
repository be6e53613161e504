# Default argument values, including mutable-default pitfalls.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"), greet(punct=".", name="Di"))

def append_to(item, target=[]):
    target.append(item)
    return target

print(append_to(1), append_to(2), append_to(3, []), append_to(4))

def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target

print(safe_append(1), safe_append(2))

counter = 10
def snapshot(v=counter):
    return v
counter = 20
print(snapshot(), counter)

def kwonly(a, *, b=2, c):
    return a, b, c

print(kwonly(1, c=3), kwonly(1, b=5, c=6))

def posonly(a, b=2, /, c=3):
    return a + b + c

print(posonly(1), posonly(1, 1), posonly(1, c=0), posonly(1, 2, 3))

def defaults_expr(x, y=len("abc"), z=[i * 2 for i in range(3)]):
    return x, y, z

print(defaults_expr(0))
print(greet.__defaults__, kwonly.__kwdefaults__)

def many(a, b=1, *args, c=2, d, **kw):
    return [a, b, args, c, d, sorted(kw.items())]

print(many(0, d=4))
print(many(0, 1, 2, 3, d=4, e=5, c=9))

class Config:
    def __init__(self, name="default", opts=None, level=0):
        self.name = name
        self.opts = opts if opts is not None else {}
        self.level = level
    def __repr__(self):
        return "Config(%r, %r, %r)" % (self.name, self.opts, self.level)

print(Config(), Config("x", {"a": 1}), Config(level=3))

def tricky(x=None, y=0, z=""):
    return [x is None, not y, z == ""]

print(tricky(), tricky(0, 1, "q"))
for call in [lambda: kwonly(1), lambda: kwonly(1, 2, c=3), lambda: posonly(a=1), lambda: greet(), lambda: greet("a", name="b")]:
    try:
        call()
    except TypeError as e:
        print("TypeError", e)
