# Single inheritance, overriding, super().
class Animal:
    kingdom = "animalia"
    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
    def speak(self):
        return "%s says %s" % (self.name, self.sound)
    def describe(self):
        return "%s (%s): %s" % (self.name, type(self).__name__, self.speak())
    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.name)

class Dog(Animal):
    def __init__(self, name, tricks=None):
        super().__init__(name, "woof")
        self.tricks = tricks or []
    def speak(self):
        base = super().speak()
        return base + "!" * len(self.tricks)

class Puppy(Dog):
    def __init__(self, name):
        super().__init__(name, ["roll"])
        self.age = 0
    def speak(self):
        return super().speak().upper()

class Cat(Animal):
    kingdom = "felidae-override"
    def __init__(self, name):
        Animal.__init__(self, name, "meow")

zoo = [Animal("generic"), Dog("rex", ["sit", "stay"]), Puppy("bit"), Cat("tom")]
for a in zoo:
    print(a.describe())
print(zoo)
print([a.kingdom for a in zoo])
p = zoo[2]
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat), isinstance(p, (Cat, Dog)))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Cat, object), issubclass(Dog, (Cat, Animal)))
print(Puppy.__bases__[0].__name__, Dog.__base__.__name__ if hasattr(Dog, "__base__") else "?")
print(type(p).__name__, p.tricks, p.age)

class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement area")
    def __str__(self):
        return "%s with area %.2f" % (type(self).__name__, self.area())

class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h

class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)

class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2

for s in [Rect(2, 3), Square(4), Circle(1)]:
    print(s)
try:
    print(Shape())
except NotImplementedError as e:
    print("NotImplementedError", e)

class Base:
    def __init__(self):
        self.log = ["Base"]
    def hook(self):
        return "base-hook"
    def run(self):
        return self.hook()

class Derived(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Derived")
    def hook(self):
        return "derived-hook/" + super().hook()

d = Derived()
print(d.log, d.run(), Base.run(d))

class Counter:
    instances = 0
    def __init__(self):
        type(self).instances += 1

class SubCounter(Counter):
    pass

Counter(); SubCounter(); SubCounter()
print(Counter.instances, SubCounter.instances)
