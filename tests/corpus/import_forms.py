# Different import forms for math and sys.
import math
import math as m
import sys as system
from math import floor, ceil, sqrt as square_root
from sys import maxsize

print(m is math, m.pi == math.pi, floor(2.7), ceil(2.1), square_root(81))
print(maxsize == system.maxsize, type(system.argv).__name__)

def use_local_import():
    import math
    from math import gcd
    return math.factorial(6), gcd(12, 18)

print(use_local_import())

class UsesMath:
    import math as mm
    def area(self, r):
        return round(self.mm.pi * r * r, 3)

print(UsesMath().area(2))
try:
    import definitely_not_a_module_xyz
except ImportError as e:
    print(type(e).__name__, e)
try:
    from math import not_a_function
except ImportError as e:
    print(type(e).__name__, e.name, str(e).startswith("cannot import name 'not_a_function' from 'math'"))
print(math.__name__, hasattr(math, "sqrt"), callable(math.sqrt))
vals = [math.floor(x / 3) for x in range(-4, 5)]
print(vals)
system.stdout.write("done\n")
