# User classes with __eq__/__hash__ as dict keys and set members, unhashable
# classes, __lt__ for sorting, __repr__ inside containers, __bool__/__len__.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return self.x == other.x and self.y == other.y
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
    def __lt__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return (self.x, self.y) < (other.x, other.y)

class Tagged(Point):
    def __repr__(self):
        return "Tagged" + super().__repr__()[5:]

class NoHash:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, NoHash) and self.v == other.v

class EqOnly(Point):
    def __eq__(self, other):
        return True

class Identity:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return "<" + self.name + ">"

class Box:
    def __init__(self, items):
        self.items = items
    def __len__(self):
        return len(self.items)

class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        return self.on

d = {}
for x, y in [(1, 2), (3, 4), (1, 2), (1.0, 2.0), (0, 0)]:
    p = Point(x, y)
    d[p] = d.get(p, 0) + 1
print(d)
print(Point(3, 4) in d, Point(4, 3) in d, d[Point(1, 2)], len(d))
d[Tagged(3, 4)] = "tagged"
print(d, Tagged(0, 0) == Point(0, 0), hash(Tagged(5, 6)) == hash(Point(5, 6)))
s = {Point(1, 1), Point(1, 1), Tagged(1, 1), Point(2, 1)}
print(len(s), sorted(s), Point(2, 1) in s)
print(sorted([Point(2, 1), Point(1, 5), Point(1, -5), Tagged(0, 9)]))
print(min([Point(3, 3), Point(2, 9)]), max([Point(3, 3), Point(2, 9)]))
print(Point(1, 2) == (1, 2), Point(1, 2) != (1, 2), Point(1, 2) != Point(1, 2))
try:
    {NoHash(1): 1}
except TypeError as e:
    print("TypeError:", e)
try:
    print(hash(NoHash(2)))
except TypeError as e:
    print("TypeError:", e)
try:
    set([NoHash(3)])
except TypeError as e:
    print("TypeError:", e)
print(NoHash(1) == NoHash(1), NoHash(1) in [NoHash(1)], NoHash.__hash__, EqOnly.__hash__)
try:
    print(hash(EqOnly(1, 2)))
except TypeError as e:
    print("TypeError:", e)
a, b = Identity("a"), Identity("b")
ids = {a: 1, b: 2}
ids[a] = 10
print(ids, Identity("a") in ids, a in ids, a == a, a == Identity("a"))
try:
    Point(1, 2) < 5
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([Identity("x"), Identity("y")])
except TypeError as e:
    print("TypeError:", e)
for obj in (Box([]), Box([1, 2]), Flag(True), Flag(False), Identity("z")):
    print(repr(obj) if isinstance(obj, Identity) else type(obj).__name__, bool(obj), "yes" if obj else "no")
print(len(Box("hello")), not Box([]), [p for p in [Point(0, 1), Point(1, 0)] if p.x])
grouped = {}
for p in [Point(1, 0), Point(2, 0), Point(1, 0), Point(3, 1), Point(2, 0)]:
    grouped.setdefault(p.y, set()).add(p)
print({k: sorted(v) for k, v in grouped.items()})
counts = {}
for key in [1, 1.0, True, Point(1, 1), "1", (1,)]:
    counts[key] = counts.get(key, 0) + 1
print(counts)
print(list(dict.fromkeys([Point(2, 2), Point(1, 1), Point(2, 2)])))
print(repr([Point(1, "a"), {Point(0, 0): [Tagged(1, 1)]}]), str(Point(-1, 2.5)))
