# Assignments that hand a fresh value to a name: the emitter moves the
# temporary into the last target only, so every other target, a walrus
# binding, a closure cell and augmented assignments must still see it.


def make(n):
    return [n] * 3


def chained():
    a = b = c = make(1)
    a.append(2)
    print(a, b, c, a is b, b is c)
    x = y = "ab" + str(len(a))
    print(x, y, x is y)


def walrus():
    items = [1, 2, 3]
    total = (n := len(items)) + n
    w = (v := make(5))
    print(total, n, w is v, v)


def cells():
    count = make(0)

    def bump():
        nonlocal count
        count = count + [len(count)]
        return count

    got = bump()
    print(got is count, count)


def augmented():
    s = "x"
    for i in range(3):
        s += str(i)
    big = 1 << 62
    big += big
    big -= 1
    n = 7
    n *= n
    print(s, big, n)


def unpacked():
    a, b = first = make(2)[:2]
    print(a, b, first)


chained()
walrus()
cells()
augmented()
unpacked()
