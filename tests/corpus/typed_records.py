# Records ([pos, vel, mass]: lists of fixed shape), tuples of known items,
# final globals and floats updated in place in lists: what inference types
# and everything that must turn such a value back into a plain list
# (append, del, +=, sort, a computed index, an alias), or keep a float
# box that someone else still holds.
SCALE = 2.5
COUNT = 3
LABEL = "body"


def make(n):
    out = []
    for i in range(n):
        out.append([[i * SCALE, 0.5, -1.0], [0.0, i / 4, 1.0], i + 0.25])
    return out


def step(bodies, dt):
    for pos, vel, m in bodies:
        pos[0] += dt * vel[0]
        pos[1] += dt * vel[1]
        pos[-1] -= dt * vel[-1] * m
        vel[2] = vel[2] * 0.5
    return bodies


def run_bodies():
    bodies = make(COUNT)
    for _ in range(4):
        step(bodies, 0.125)
    total = 0.0
    for pos, vel, m in bodies:
        print(LABEL, pos, vel, m)
        total += pos[0] + vel[1] * m
    return total


print(run_bodies())


def shared_box():
    v = [1.5, 2.5]
    kept = v[0]      # a second reference to the box in v[0]
    v[0] += 1.0      # must not change `kept`
    v[1] += 1.0      # only the list holds this one
    alias = v
    alias[1] *= 2.0
    return kept, v, alias is v


print(shared_box())


def flattened():
    r = [1, 2.5, "three"]
    a = r[0] + 1
    b = r[-2] * 2
    c = r[2] + "!"
    r.append(4)           # r becomes a plain list; its items anything
    total = 0
    for x in r:
        if type(x) is int:
            total += x
    return a, b, c, total, r


print(flattened())


def lengths():
    r = [1.0, 2.0, 3.0]
    del r[0]
    first = r[0]
    r += [9.0]
    s = [0, 1] * 2
    t = [1, 2] + [3.5]
    return first, r, s, t, len(r)


print(lengths())


def computed(i):
    r = [10, 20.5, 30]
    try:
        return r[i]
    except IndexError as e:
        return "IndexError: " + str(e)


print(computed(1), computed(-1), computed(3))


def sort_and_alias():
    r = [3, 1.5, 2]
    other = r
    other.sort()
    return r, r[0] < r[1]


print(sort_and_alias())


def stats(values):
    lo = min(values)
    hi = max(values)
    return lo, hi, (lo + hi) / 2


lo, hi, mid = stats([4.0, -2.0, 7.5])
print(lo, hi, mid)
t = stats([1.0, 2.0])
print(t[0], t[-1], t[1] - t[0])


def tuple_items(k):
    t = (1, 2.5, [3, 4])
    t[2].append(5)
    s = 0
    for x in t[2]:
        s += x
    try:
        v = t[k]
    except IndexError as e:
        v = "IndexError: " + str(e)
    return t[0] + t[1], s, v


print(tuple_items(0), tuple_items(2), tuple_items(5))


def unpacking():
    a, b = (1.5, 2)
    c, d, e = [1, 2.0, "x"]
    try:
        f, g = [1.0, 2.0, 3.0]
    except ValueError as err:
        f, g = str(err), None
    try:
        h, i, j = (1, 2)
    except ValueError as err:
        h, i, j = str(err), 0, 0
    return a + b, c + d, e, f, g, h


print(unpacking())


def escapes_through_enumerate():
    grid = [[1.0, 2.0], [3.0, 4.0]]
    for i, row in enumerate(grid):
        row.append("end" + str(i))
    out = []
    for row in grid:
        out.append(row[0] + row[1])
        out.append(row[2])
    return out


print(escapes_through_enumerate())


def mutate_while_iterating():
    values = [1.0, 2.0, 3.0]
    seen = []
    for x in values:
        seen.append(x)
        if x < 2.5:
            values.append(x + 10.0)
    return seen


print(mutate_while_iterating())


def self_holding():
    a = []
    a.append(a)
    b = [0, a]
    return len(a), len(b), b[1] is a


print(self_holding())

RESET = 1.0


def rebinds():
    global RESET
    RESET = "changed"


def reads_reset():
    return RESET * 2


print(reads_reset())
rebinds()
print(reads_reset())


def before_def():
    return LATE + 1.0


try:
    print(before_def())
except NameError as e:
    print("NameError:", e)
LATE = 0.5
print(before_def())


def record_error(r):
    r[1] += 1.0
    return r


print(record_error([1, 2.0]))
try:
    print(record_error([1]))
except IndexError as e:
    print("IndexError:", e)
