# with statements and user context managers.
class Tracer:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress

with Tracer("a") as t:
    print("inside", t.name)
with Tracer("outer"), Tracer("inner") as inner:
    print("nested body", inner.name)
try:
    with Tracer("raising"):
        raise ValueError("boom")
    print("not reached")
except ValueError as e:
    print("propagated", e)
with Tracer("suppressing", suppress=True):
    raise KeyError("swallowed")
print("after suppressed")

def in_function():
    with Tracer("return-in-with"):
        return "returned value"

print(in_function())
for i in range(3):
    with Tracer("loop%d" % i):
        if i == 1:
            continue
        if i == 2:
            break
        print("loop body", i)

class Resource:
    open_count = 0
    def __enter__(self):
        Resource.open_count += 1
        return Resource.open_count
    def __exit__(self, *args):
        Resource.open_count -= 1
        return False

with Resource() as a:
    with Resource() as b:
        print("open:", a, b, Resource.open_count)
print("open after:", Resource.open_count)

class Bad:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("exit should not run")

try:
    with Bad():
        print("body should not run")
except RuntimeError as e:
    print("RuntimeError", e)

class ExitRaises:
    def __enter__(self):
        return None
    def __exit__(self, et, ev, tb):
        raise TypeError("from exit")

try:
    with ExitRaises() as nothing:
        print("as None:", nothing)
        raise ValueError("original")
except TypeError as e:
    print("TypeError", e, "context:", repr(e.__context__))
try:
    with Tracer("x") as (p, q):
        pass
except TypeError as e:
    print("TypeError", e)
