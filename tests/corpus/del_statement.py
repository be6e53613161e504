# del on names, items, slices, attributes.
a = 1
b = [1, 2, 3, 4, 5, 6]
c = {"x": 1, "y": 2, "z": 3}
del a
try:
    print(a)
except NameError as e:
    print("NameError", e)
del b[0]
print(b)
del b[-1], b[0]
print(b)
del b[1:]
print(b)
del c["y"]
print(c)
try:
    del c["nope"]
except KeyError as e:
    print("KeyError", e)
try:
    del b[10]
except IndexError as e:
    print("IndexError", e)

class Obj:
    cls_attr = "class"
    def __init__(self):
        self.p = 1
        self.q = 2

o = Obj()
del o.p
print(hasattr(o, "p"), o.q)
try:
    del o.p
except AttributeError as e:
    print("AttributeError", e)
o.cls_attr = "instance"
print(o.cls_attr)
del o.cls_attr
print(o.cls_attr)

class Box:
    def __init__(self):
        self.data = {}
    def __setitem__(self, k, v):
        self.data[k] = v
    def __delitem__(self, k):
        print("deleting", k)
        del self.data[k]

bx = Box()
bx["a"] = 1
bx["b"] = 2
del bx["a"]
print(bx.data)

def local_del():
    v = [1, 2]
    w = v
    del v
    return w

print(local_del())
x, y = 1, 2
del x, y
try:
    print(y)
except NameError as e:
    print("NameError", e)
nested = {"k": [1, {"deep": 2, "keep": 3}]}
del nested["k"][1]["deep"]
print(nested)
m = list(range(10))
del m[::2]
print(m)
for i in range(3):
    tmp = i
del tmp, i
print("deleted loop vars")
t = (1, 2)
try:
    del t[0]
except TypeError as e:
    print("TypeError", e)
