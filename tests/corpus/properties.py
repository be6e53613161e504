# @property with getters, setters, deleters and validation.
class Temperature:
    def __init__(self, celsius=0.0):
        self._c = None
        self.celsius = celsius

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero: %r" % value)
        self._c = value

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9

    @property
    def kelvin(self):
        return self._c + 273.15

t = Temperature(25)
print(t.celsius, t.fahrenheit, round(t.kelvin, 2))
t.fahrenheit = 212
print(t.celsius, t.fahrenheit)
t.celsius = -40
print(t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError", e)
print(t.celsius)
try:
    t.kelvin = 5
except AttributeError as e:
    print("AttributeError", e)

class Person:
    def __init__(self, first, last):
        self.first = first
        self.last = last
        self._nick = None

    @property
    def full(self):
        return self.first + " " + self.last

    @property
    def nick(self):
        return self._nick if self._nick is not None else self.first.lower()

    @nick.setter
    def nick(self, v):
        self._nick = v

    @nick.deleter
    def nick(self):
        print("deleting nick", self._nick)
        self._nick = None

p = Person("Ada", "Lovelace")
print(p.full, p.nick)
p.nick = "countess"
print(p.nick)
del p.nick
print(p.nick)
p.first = "Augusta"
print(p.full)

class Lazy:
    computed = 0
    def __init__(self):
        self._cache = None
    @property
    def value(self):
        if self._cache is None:
            Lazy.computed += 1
            self._cache = sum([i * i for i in range(100)])
        return self._cache

lz = Lazy()
print(lz.value, lz.value, Lazy.computed)

class Base:
    @property
    def kind(self):
        return "base"
    def info(self):
        return "I am " + self.kind

class Child(Base):
    @property
    def kind(self):
        return "child<" + super().kind + ">"

print(Base().info(), Child().info())
print(type(Base.kind).__name__, isinstance(Base.kind, property))

class Circle:
    def __init__(self, r):
        self.r = r
    area = property(lambda self: 3 * self.r * self.r)

print(Circle(2).area)
