# Class attributes and methods changed while a program runs: every read
# sees the current class (gen caches attribute lookups on types).
class Base:
    kind = "base"
    def greet(self):
        return "hello from " + self.kind

class Child(Base):
    pass

c = Child()
for round in range(3):
    print(round, c.kind, c.greet(), Child.kind)
    if round == 0:
        Base.kind = "changed-base"
    elif round == 1:
        Child.kind = "child-own"

def shout(self):
    return "HELLO " + self.kind.upper()

Base.greet = shout
print(c.greet())
del Child.kind
print(c.kind, c.greet())
c.kind = "instance"
print(c.kind, c.greet(), Child.kind)
del c.kind
print(c.kind)
try:
    del Base.kind
    print(c.kind)
except AttributeError as e:
    print("AttributeError", e)
Base.extra = lambda self, n: n * 2
print(c.extra(21), hasattr(c, "missing"), getattr(Child, "extra")(c, 5))
snapshot = Child.__dict__
print(sorted(k for k in snapshot if not k.startswith("__")))
for i in range(2):
    class Temp:
        value = i
        def get(self):
            return self.value
    print(Temp().get(), Temp.value)
