# Dictionary operations.
d = {"one": 1, "two": 2, "three": 3}
print(d, len(d), d["two"], d.get("four"), d.get("four", 4), "one" in d, 1 in d)
d["four"] = 4
d["one"] = 100
print(d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("two"), d.pop("zzz", "default"), d)
print(d.setdefault("five", 5), d.setdefault("one", -1), d)
k, v = d.popitem()
print(k, v, d)
d.update({"six": 6}, seven=7)
d.update([("eight", 8)])
print(d)
del d["six"]
print(d)
c = d.copy()
c["one"] = 0
print(d["one"], c["one"])
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": "v"}, extra=True), dict.fromkeys(["p", "q"], 0))
print(dict.fromkeys("ab"))
m = {1: "int", 1.5: "float", (1, 2): "tuple", None: "none", True: "bool-overrides-1"}
print(m)
print({1: "a"} == {1: "a"}, {1: "a"} == {1: "b"}, {1: 2, 3: 4} == {3: 4, 1: 2})
merged = {"a": 1, "b": 2} | {"b": 3, "c": 4}
print(merged)
merged |= {"d": 5}
print(merged)
print({**{"x": 1}, "y": 2, **{"x": 3}})
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
inv = {v: k for k, v in {"a": 1, "b": 2, "c": 1}.items()}
print(inv)
nested = {"outer": {"inner": [1, 2, {"deep": True}]}}
nested["outer"]["inner"][2]["deep"] = False
print(nested)
grid = {}
for i in range(3):
    for j in range(3):
        grid[(i, j)] = i * j
print(grid[(2, 2)], len(grid), sum(grid.values()))
keys = d.keys()
d["late"] = 99
print(list(keys), len(keys), "late" in keys)
vals = d.values()
print(sum(vals) > 0, list(d.items())[-1])
e = {}
print(bool(e), bool({0: 0}), e.get(1, "missing"))
print(str({"q": "it's"}), repr({"é": "ü"}))
try:
    d["missing"]
except KeyError as ex:
    print("KeyError", ex)
try:
    {}.popitem()
except KeyError as ex:
    print("KeyError", ex)
try:
    {[1]: 2}
except TypeError as ex:
    print("TypeError", ex)
try:
    for key in d:
        d["new" + key] = 1
except RuntimeError as ex:
    print("RuntimeError", ex)
try:
    dict([1, 2])
except TypeError as ex:
    print("TypeError", ex)
