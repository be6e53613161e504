# contextlib-based context managers.
from contextlib import contextmanager, suppress

@contextmanager
def tag(name):
    print("<%s>" % name)
    try:
        yield name.upper()
    finally:
        print("</%s>" % name)

with tag("html") as t:
    print("value", t)
    with tag("body"):
        print("content")

@contextmanager
def catching():
    try:
        yield
    except ZeroDivisionError as e:
        print("handled inside cm:", e)

with catching():
    1 / 0
print("continued")
with suppress(KeyError, IndexError):
    [][1]
print("suppressed IndexError")
try:
    with suppress(KeyError):
        int("x")
except ValueError as e:
    print("ValueError passed through:", e)

@contextmanager
def counter_cm(store):
    store.append("start")
    yield len(store)
    store.append("end")

events = []
with counter_cm(events) as n:
    events.append("body %d" % n)
print(events)
try:
    with tag("err"):
        raise LookupError("inside tag")
except LookupError as e:
    print("LookupError", e)
