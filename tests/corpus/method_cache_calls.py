# Method calls through an attribute site's cache: exactly the positional
# parameters (called directly), defaults, keywords, *args, many arguments,
# a method deleted or replaced on the class while it runs, and an instance
# attribute that comes to shadow the method.
class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, by):
        self.n += by
        return self.n

    def bump_default(self, by=10):
        self.n += by
        return self.n

    def many(self, a, b, c, d, e, f, g, h, i):
        return a + b + c + d + e + f + g + h + i + self.n

    def star(self, *rest):
        return len(rest) + self.n

    def vanish(self):
        del Counter.vanish
        return "ran once"

    def swap(self):
        Counter.swap = lambda self: "replaced"
        return "original"


def drive(c):
    out = []
    for k in range(3):
        out.append(c.bump(k))
        out.append(c.bump_default())
        out.append(c.bump_default(by=1))
        out.append(c.many(1, 2, 3, 4, 5, 6, 7, 8, k))
        out.append(c.star(k, k, k))
    return out


c = Counter()
print(drive(c))
print(c.vanish())
try:
    c.vanish()
except AttributeError as e:
    print("AttributeError:", e)
print(c.swap(), c.swap(), c.swap())
c.bump = lambda by: "instance attribute " + str(by)
print(c.bump(5), Counter.bump(c, 5))
del c.bump
print(c.bump(1))
