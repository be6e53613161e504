# f-strings.
name = "World"
n = 42
pi = 3.14159265
items = [1, 2, 3]
d = {"a": 1, "b": 2}
print(f"Hello, {name}!")
print(f"{n} {n:5d} {n:<5}| {n:^7} {n:x} {n:#b} {n:+}")
print(f"{pi:.2f} {pi:10.4f} {pi:e} {pi:g} {pi * 2:.3}")
print(f"{name!r} {name!s} {name:>10} {name:*<10}")
print(f"{items} {items[0]} {items[-1]} {len(items)} {d['a']} {d}")
print(f"{n + 1} {n * 2} {n // 5} {n % 5} {n ** 2}")
print(f"{'nested'} {'quote'!r} {n if n > 10 else -n}")
width, prec = 12, 3
print(f"[{pi:{width}.{prec}f}] [{name:^{width}}]")
print(f"{{braces}} {{{n}}}")
print(f"{n=} {pi=:.2f} {name = }")
print(f"{[x * x for x in range(4)]} {sum([1, 2, 3])} {max(items)}")
print(f"{'a' 'b'}", f"x" f"{n}" "y")
print(f"{3.0} {1e20} {0.1 + 0.2} {-0.0} {None} {True}")
print(f"{1_000_000:,} {1234.5678:,.2f} {0.5:%} {255:08b}")
value = 7
print(f"{'even' if value % 2 == 0 else 'odd'}")
print(f"{(lambda x: x * 3)(4)}")
s = "ünï"
print(f"{s:>6}|{s.upper()}|{len(s)}")
multi = f"""line1 {n}
line2 {name}"""
print(multi)
print(f"{n:>{width}}|{n:0{width}d}")
obj = {"k": [10, 20, {"deep": "yes"}]}
print(f"{obj['k'][2]['deep']}")

class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"P({self.x!r}, {self.y!r})"
    def __str__(self):
        return f"<{self.x},{self.y}>"

p = P(1, "two")
print(f"{p} {p!r} {p.x} {p.y.upper()}")
print(f"{p!s:>10}|{p!r:<14}|")
rows = [("apple", 1.5, 3), ("kiwi", 0.25, 12), ("watermelon", 3.0, 1)]
for fruit, price, qty in rows:
    print(f"{fruit:<12}{price:>6.2f}{qty:>4}{price * qty:>8.2f}")
print(f"{'x':=^20}")
print(f"{-5:05}", f"{5:+05}", f"{-5.5:08.2f}")
try:
    print(f"{n:q}")
except ValueError as e:
    print("ValueError", e)
