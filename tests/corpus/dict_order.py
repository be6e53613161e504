# Dict insertion order semantics.
d = {}
for k in ["zeta", "alpha", "mu", "beta"]:
    d[k] = len(k)
print(list(d))
d["alpha"] = 0
print(list(d.items()))
del d["zeta"]
d["zeta"] = 9
print(list(d.items()))
d.pop("mu")
d["mu"] = 1
print(d)
ints = {}
for i in [5, 3, 9, 1, 7, 3, 5]:
    ints[i] = ints.get(i, 0) + 1
print(ints)
big = {}
for i in range(100):
    big[(i * 37) % 100] = i
print(list(big)[:10], list(big)[-5:])
for i in range(0, 100, 2):
    del big[i]
print(list(big)[:10], len(big))
for i in range(0, 10):
    big[i * 2] = -i
print(list(big)[-12:])
print(list(reversed(big))[:5])
print(list(reversed({"a": 1, "b": 2}.items())))
copy = dict(big)
print(list(copy) == list(big))
upd = {"c": 3, "a": 1}
upd.update({"b": 2, "a": 10})
print(upd)
fk = dict.fromkeys([3, 1, 2, 1, 3])
print(fk)
comp = {x % 5: x for x in range(12)}
print(comp)
mix = {True: "t", 1: "one", 1.0: "float-one", 0: "zero", False: "f"}
print(mix)
s = {}
s["b"] = 1
s["a"] = 2
s.setdefault("c", 3)
s.setdefault("b", 4)
print(s, s.popitem(), s)
od = {"x": 1, "y": 2}
od2 = {"y": 2, "x": 1}
print(od == od2, list(od) == list(od2))
keys_snapshot = list(od.keys())
od["z"] = 3
print(keys_snapshot, list(od.keys()))
print(list({**{"b": 1}, **{"a": 2}, **{"b": 3}}.items()))
print(list(({"p": 1} | {"o": 2, "p": 3}).items()))
words = "one two three two one four".split()
first_seen = {}
for idx, w in enumerate(words):
    if w not in first_seen:
        first_seen[w] = idx
print(first_seen)
