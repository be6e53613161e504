x = 1, 2,
f'a{b!r:>{w}}c{d=}'
(yield)
def f(a, b=2, *c, d, e=3, **g) -> int:
    return a + b * -c ** 2
class C(B, metaclass=M):
    @property
    def p(self): pass
for i, j in zip(a, b):
    if i: continue
    elif j: break
    else: pass
while x < y <= z: x += 1
with open(f) as g, h: pass
try:
    pass
except (A, B) as e:
    raise X from e
else:
    pass
finally:
    del a, b[1], c.d
import a.b as c, d
from ..x import (y as z, w)
lambda x, *, y=1: x
[x for x in y if x] + {k: v for k, v in d.items()} + {a for a in b}
print(*args, sep='', **kw)
a[1:2, ::3, ...]
match p:
    case [1, *rest] | {'k': v, **kw} | Point(x=0) as q if q: pass
    case _: pass
