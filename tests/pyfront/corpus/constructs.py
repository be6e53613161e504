# Every statement and expression form of Python 3.11, for ast-parity.
from __future__ import annotations

import os, sys as system
import os.path as osp
from . import sibling
from ..parent import (a as b, c,)
from ... import deeper
from .mod import *

x: int
y: list[int] = []
(z): int = 1
obj.attr: str = "s"
seq[0]: int = 0
a = b = c = 1
a, *rest = [1, 2, 3]
[p, (q, r)] = 1, (2, 3)
a += 1; a -= 1; a @= m; a //= 2; a **= 2; a >>= 1; a <<= 1; a ^= 1; a |= 1; a &= 1; a %= 3
del a, b[0], c.d, (e, f), [g]
assert x, "message"
assert (x)
pass


@decorator
@decorator.with_args(1, key=2)
@(lambda f: f)
def function(pos_only, /, normal: int = 1, *args: str, kw_only, kw_default=2, **kwargs) -> None:
    """Docstring."""
    global G
    nonlocal_user = 1

    def inner():
        nonlocal nonlocal_user
        nonlocal_user += 1
        return nonlocal_user

    yield
    yield 1
    yield 1, 2
    x = yield from inner()
    return


async def coroutine(*, only):
    await something()
    async with a as b, c:
        pass
    async for i in aiter():
        continue
    else:
        pass
    return [i async for i in aiter() if await check(i)], (await x for x in y)


class Plain:
    pass


class Derived(Base, metaclass=Meta, **extra):
    attribute = 1

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._value = v


if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass

for i in range(10):
    if i % 2:
        continue
    break
else:
    pass

for i, (j, k) in pairs: pass
for *head, tail in rows: pass

while x:
    x -= 1
else:
    pass

with open("f") as f, open("g") as (g1, g2):
    pass
with (open("a") as a, open("b") as b,):
    pass
def generator():
    with (yield):
        pass
with a, (b):
    pass

try:
    pass
except ValueError:
    pass
except (TypeError, KeyError) as e:
    raise RuntimeError("wrapped") from e
except:
    raise
else:
    pass
finally:
    pass

try:
    pass
except* ValueError as group:
    pass
except* (TypeError, OSError):
    pass

match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case ["go", direction] | ["move", direction]:
        pass
    case ["drop", *objects]:
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case Point(x=0, y=0):
        pass
    case Point(1, y=var) as point if var > 0:
        pass
    case (1 | 2 | 3) as small:
        pass
    case [1, [2, _], *_]:
        pass
    case -1 | 1.5 | 2j | -3 + 4j | "s" | b"b" | None | True | False:
        pass
    case Color.RED | module.Color.GREEN:
        pass
    case ():
        pass
    case _:
        pass

match x, y:
    case a, b if a > b:
        pass

values = [
    lambda: 0,
    lambda a, /, b=1, *c, d, e=2, **f: a,
    a if b else c,
    a or b or c and d and not e,
    -a + +b - ~c * d / e // f % g @ h ** -i,
    a << b >> c & d ^ e | f,
    a < b <= c > d >= e == f != g is h is not i in j not in k,
    (n := 10),
    f(*args, **kwargs),
    f(a)(b)[c].d,
    x[1:2], x[::2], x[1:], x[:2], x[...], x[1:2, 3], x[*idx],
    {}, {1: 2, **d}, {1, 2, *s}, [], [1, *l], (), (1,), (1, 2), (*t,),
    [x for x in y], {x for x in y}, {k: v for k, v in d.items()}, (x for x in y),
    [x for x in y if x for z in x if z if not z],
    f(x for x in y),
    await_like, ..., None, True, False,
    "implicit" "concatenation" f"{x}" 'last',
    f"{x!r} {y!s:>10} {z!a:{width}.{precision}} {w=} {v = !r:^{5}}",
    b"bytes", rb"raw\bytes", 0x1f, 0o17, 0b101, 1_000, 1.5e-3, 2j,
]
