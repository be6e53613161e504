# Basic classes: attributes, methods, class vs instance state.
class Point:
    count = 0
    dims = 2

    def __init__(self, x=0, y=0):
        self.x = x
        self.y = y
        Point.count += 1

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)

    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)

p = Point(3, 4)
q = p.moved(1, -1)
print(p, q, p.norm2(), q.norm2(), Point.count, p.count, p.dims)
p.dims = 3
print(p.dims, Point.dims, q.dims)
del p.dims
print(p.dims)
print(isinstance(p, Point), type(p).__name__, type(p) is Point, Point.__name__)
m = p.norm2
print(m(), Point.norm2(q))
p.extra = "dynamic"
print(p.extra, hasattr(p, "extra"), hasattr(q, "extra"), getattr(q, "extra", "none"))
setattr(q, "x", 100)
print(q.x, getattr(q, "y"))
print(sorted(p.__dict__.items()))

class Empty:
    pass

e = Empty()
print(type(e).__name__, isinstance(e, object), bool(e))
e2 = Empty()
print(e == e, e == e2, e != e2, e is e2)

class Stack:
    def __init__(self):
        self.items = []
    def push(self, v):
        self.items.append(v)
        return self
    def pop(self):
        if not self.items:
            raise IndexError("pop from empty Stack")
        return self.items.pop()
    def __len__(self):
        return len(self.items)
    def __bool__(self):
        return len(self.items) > 0
    def __str__(self):
        return "Stack" + str(self.items)

s = Stack().push(1).push(2).push(3)
print(s, len(s), bool(s), s.pop(), s)
s.pop()
s.pop()
print(bool(s), str(s))
try:
    s.pop()
except IndexError as ex:
    print("IndexError", ex)

class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amt):
        if amt <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amt
        self.history.append(("dep", amt))
    def withdraw(self, amt):
        if amt > self.balance:
            raise ValueError("insufficient funds: %d > %d" % (amt, self.balance))
        self.balance -= amt
        self.history.append(("wd", amt))

acct = Account("ann", 100)
acct.deposit(50)
acct.withdraw(30)
for amt in [-5, 1000]:
    try:
        if amt < 0:
            acct.deposit(amt)
        else:
            acct.withdraw(amt)
    except ValueError as ex:
        print("ValueError", ex)
print(acct.owner, acct.balance, acct.history, acct.balance * (1 + Account.interest))
try:
    p.nonexistent
except AttributeError as ex:
    print("AttributeError", ex)
try:
    Point(1, 2, 3)
except TypeError as ex:
    print("TypeError", ex)
try:
    Point.norm2()
except TypeError as ex:
    print("TypeError", ex)
