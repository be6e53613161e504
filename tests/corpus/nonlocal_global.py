# global and nonlocal declarations.
counter = 0
names = []

def bump():
    global counter
    counter += 1
    return counter

def record(n):
    names.append(n)

bump()
bump()
record("x")
print(counter, names)

def set_new_global():
    global created_later
    created_later = "made inside"

set_new_global()
print(created_later)

def outer():
    a = 1
    def mid():
        nonlocal a
        a += 10
        def inner():
            nonlocal a
            a *= 2
            return a
        return inner()
    r = mid()
    return a, r

print(outer())

def shadowing():
    counter = 100
    def inner():
        global counter
        counter += 1000
        return counter
    return inner(), counter

print(shadowing(), counter)

x = "global-x"

def read_global():
    return x

def local_x():
    x = "local-x"
    return x, read_global()

print(local_x())

def nl_loop():
    total = 0
    def add(v):
        nonlocal total
        total += v
    for i in range(5):
        add(i)
    return total

print(nl_loop())

def gen_ids():
    next_id = 0
    def new():
        nonlocal next_id
        next_id += 1
        return "id%d" % next_id
    def reset():
        nonlocal next_id
        next_id = 0
    return new, reset

new, reset = gen_ids()
print(new(), new(), new())
reset()
print(new())

def unbound_case():
    try:
        print(counter)
        counter = 5
    except UnboundLocalError as e:
        print("UnboundLocalError", e)

unbound_case()

def del_global():
    global temp
    temp = 1
    del temp

del_global()
try:
    print(temp)
except NameError as e:
    print("NameError", e)

for counter in range(3):
    pass
print(counter)
