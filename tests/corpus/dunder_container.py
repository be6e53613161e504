# Container protocol dunders: __len__, __getitem__, __setitem__, __delitem__, __contains__, __iter__, __next__, __call__.
class Grid:
    def __init__(self, w, h, fill=0):
        self.w, self.h = w, h
        self.cells = [fill] * (w * h)
    def __getitem__(self, key):
        r, c = key
        if not (0 <= r < self.h and 0 <= c < self.w):
            raise IndexError("cell %r out of range" % (key,))
        return self.cells[r * self.w + c]
    def __setitem__(self, key, val):
        r, c = key
        self.cells[r * self.w + c] = val
    def __len__(self):
        return self.w * self.h
    def __contains__(self, v):
        return v in self.cells
    def __iter__(self):
        return iter(self.cells)

g = Grid(3, 2)
g[1, 2] = 7
g[0, 0] = 1
print(g[1, 2], g[0, 1], len(g), 7 in g, 9 in g, list(g), sum(g))
try:
    g[5, 5]
except IndexError as e:
    print("IndexError", e)

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

print(list(Countdown(5)), [x * 2 for x in Countdown(3)])
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration:
    print("StopIteration raised")

class Seq:
    def __init__(self, data):
        self.data = list(data)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq(self.data[i])
        return self.data[i]
    def __len__(self):
        return len(self.data)
    def __delitem__(self, i):
        del self.data[i]
    def __repr__(self):
        return "Seq(%r)" % (self.data,)
    def __reversed__(self):
        return iter(self.data[::-1])

s = Seq("abcdef")
print(s[0], s[-1], s[1:4], len(s), list(reversed(s)))
del s[0]
print(s, "c" in s, "a" in s)
print([ch for ch in s])
for ch in Seq("xy"):
    print("iter via getitem", ch)

class Registry:
    def __init__(self):
        self.store = {}
    def __setitem__(self, k, v):
        self.store[k] = v
    def __getitem__(self, k):
        try:
            return self.store[k]
        except KeyError:
            return self.__missing__(k)
    def __missing__(self, k):
        return "<missing %s>" % k
    def __call__(self, *names):
        return [self[n] for n in names]
    def __len__(self):
        return len(self.store)
    def __bool__(self):
        return True

r = Registry()
r["a"] = 1
print(r["a"], r["b"], r("a", "zz"), len(r), callable(r), callable(5))

class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), not Empty(), len(Empty()))
try:
    len(Countdown(1))
except TypeError as e:
    print("TypeError", e)
try:
    iter(5)
except TypeError as e:
    print("TypeError", e)
try:
    Empty()[0]
except TypeError as e:
    print("TypeError", e)
