# @staticmethod and @classmethod.
class Date:
    created = 0

    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
        Date.created += 1

    @classmethod
    def from_string(cls, s):
        y, m, d = [int(p) for p in s.split("-")]
        return cls(y, m, d)

    @classmethod
    def epoch(cls):
        return cls(1970, 1, 1)

    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)

    @staticmethod
    def days_in_month(y, m):
        if m == 2:
            return 29 if Date.is_leap(y) else 28
        return 30 if m in (4, 6, 9, 11) else 31

    def __repr__(self):
        return "%s(%04d-%02d-%02d)" % (type(self).__name__, self.y, self.m, self.d)

class BirthDate(Date):
    def age_at(self, year):
        return year - self.y

d = Date.from_string("2024-02-29")
print(d, Date.epoch(), Date.created)
b = BirthDate.from_string("1990-07-15")
print(b, type(b).__name__, b.age_at(2024), BirthDate.epoch())
print([y for y in range(1896, 1912) if Date.is_leap(y)], d.is_leap(2000), b.is_leap(1900))
print([Date.days_in_month(2023, m) for m in range(1, 13)])
print(Date.days_in_month(2024, 2), Date.created)

class Registry:
    _items = []

    @classmethod
    def register(cls, name):
        cls._items.append(name)
        return len(cls._items)

    @classmethod
    def count(cls):
        return len(cls._items)

    @staticmethod
    def normalize(name):
        return name.strip().lower()

print(Registry.register(Registry.normalize("  Alpha ")), Registry.register("beta"), Registry.count())
r = Registry()
print(r.count(), r.normalize(" X "), Registry._items)

class Shape:
    sides = 0
    @classmethod
    def describe(cls):
        return "%s has %d sides" % (cls.__name__, cls.sides)
    @classmethod
    def make(cls):
        return cls()

class Triangle(Shape):
    sides = 3

class Square(Shape):
    sides = 4

for klass in [Shape, Triangle, Square]:
    print(klass.describe(), type(klass.make()).__name__)
print(Triangle().describe())

class MathUtil:
    @staticmethod
    def gcd(a, b):
        while b:
            a, b = b, a % b
        return a
    @staticmethod
    def lcm(a, b):
        return a * b // MathUtil.gcd(a, b)

print(MathUtil.gcd(84, 36), MathUtil.lcm(4, 6), MathUtil().gcd(17, 5))
f = MathUtil.gcd
print(f(100, 75))
cm = Shape.describe
print(cm())
try:
    Date.from_string("2024-xx-01")
except ValueError as e:
    print("ValueError", e)
try:
    Date.is_leap()
except TypeError as e:
    print("TypeError", e)
