# Context managers: enter/exit order, suppression, exits by break,
# continue and return, errors in __exit__, and a missing protocol.
class Manager:
    def __init__(self, name, suppress=False, fail_exit=False):
        self.name = name
        self.suppress = suppress
        self.fail_exit = fail_exit

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None, value)
        if self.fail_exit:
            raise RuntimeError("exit of " + self.name)
        return self.suppress


with Manager("a") as a, Manager("b") as b:
    print("body", a.name, b.name)

with Manager("quiet", suppress=True):
    raise KeyError("swallowed")
print("after suppression")

for i in range(4):
    with Manager("loop" + str(i)):
        if i == 1:
            continue
        if i == 2:
            break
        print("iteration", i)


def early():
    with Manager("return"):
        return "returned"


print(early())

try:
    with Manager("outer"):
        with Manager("inner"):
            1 / 0
except ZeroDivisionError as e:
    print("caught", e)

try:
    with Manager("failing", fail_exit=True):
        raise ValueError("first")
except RuntimeError as e:
    print("caught", e, "context:", repr(e.__context__))

for bad in [5, object()]:
    try:
        with bad:
            pass
    except TypeError as e:
        print("TypeError", e)


class EnterOnly:
    def __enter__(self):
        return self


try:
    with EnterOnly():
        pass
except TypeError as e:
    print("TypeError", e)
