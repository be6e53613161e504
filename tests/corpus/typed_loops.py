# Range loops with negative steps, empty ranges, huge ranges broken early,
# loop variables after the loop, nested break/continue/else, while loops,
# the loop variable reassigned in the body.
def ranges():
    print([i for i in range(10, 0, -3)], [i for i in range(-1, -10, -2)], list(range(5, 5)))
    print(list(range(0, 10, -1)), list(range(3, -3, -1)), list(range(-5)), list(range(2, 3)))
    for r in (range(0), range(10, 0), range(0, 10, -2), range(1, 2, 5)):
        n = 0
        for i in r:
            n += 1
        print(r, len(r), n)
ranges()

def huge():
    found = -1
    for i in range(10 ** 18, 10 ** 18 + 10 ** 12):
        if i % 7 == 0:
            found = i
            break
    print("first multiple of 7", found, found // 7)
    for j in range(2 ** 63 - 1, -(2 ** 63), -(2 ** 62)):
        print("big step", j, j + j, j * 4)
    for k in range(2 ** 63 - 3, 2 ** 63 - 1):
        print("edge", k, k + 1, k - 2 ** 63, -k - 3)
    count = 0
    for low in range(-(2 ** 63), -(2 ** 63) + 3):
        count += 1
        print("low", low, low - 1, low * -1)
    print("count", count, low)
huge()

def after(n, step):
    i = "unset"
    for i in range(0, n, step):
        pass
    return i
print(after(10, 3), after(0, 1), after(10, 1), after(-5, -1), after(1, 100))

def reassign():
    out = []
    for i in range(5):
        out.append(i)
        i = i * 100
        out.append(i)
    out.append(i)
    for x in [1, 2, 3]:
        x += 0.5
        out.append(x)
    return out
print(reassign())

def primes(limit):
    found = []
    for n in range(2, limit):
        for d in range(2, n):
            if d * d > n:
                found.append(n)
                break
            if n % d == 0:
                break
        else:
            found.append(n)
    return found
print(primes(60))

def grid_search(target):
    for a in range(1, 20):
        for b in range(a, 20):
            if (a * b) % 2:
                continue
            if a * b == target:
                print("found", a, b)
                break
        else:
            continue
        print("stopped at a =", a)
        break
    else:
        print("no pair for", target)
grid_search(48)
grid_search(1000)
grid_search(38)

def countdown(n):
    steps = []
    while n > 0:
        if n % 5 == 0:
            n -= 3
            continue
        steps.append(n)
        n //= 2
    else:
        steps.append("done")
    return steps, n
print(countdown(100), countdown(0), countdown(-4))

def while_break(limit):
    x = 1.0
    i = 0
    while True:
        x *= 1.5
        i += 1
        if x > limit:
            break
    return i, x

def float_loop():
    t = 0.0
    ticks = 0
    while t < 1.0:
        t += 0.1
        ticks += 1
    return ticks, t
print(while_break(10), while_break(1e100), while_break(0), float_loop())
total = 0
for i in range(3):
    for j in range(i, -1, -1):
        total += i * 10 + j
print(total, i, j)
print(sum(range(0, 10 ** 6, 7)), sum(range(10 ** 12, 0, -(10 ** 11))), len(range(-10 ** 18, 10 ** 18, 3)))
