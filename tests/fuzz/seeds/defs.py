def f(a, /, b: int = 1, *args: *Ts, c, d=2, **kw) -> None:
    global g
    nonlocal h
    x: int = yield from y
    del x[1:2, ...], y.z
