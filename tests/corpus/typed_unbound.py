# UnboundLocalError from numeric locals assigned on one branch only, in loops
# that never run, and after del; each caught and its message printed.
def one_branch(flag):
    if flag:
        total = 10
    else:
        other = 2.5
    return total * 2

def loop_never_runs(n):
    for i in range(n):
        last = i * 1.5
    return last

def loop_var_after(n):
    for i in range(n):
        pass
    return i

def while_never(n):
    while n > 100:
        acc = n
        n -= 1
    return acc

def after_del(x):
    y = x + 1
    print("y is", y)
    del y
    return y

def del_in_branch(x):
    z = x
    if x > 5:
        del z
    return z

def augmented(n):
    if n > 0:
        count = 0
    count += 1
    return count

def read_before_write():
    print("start")
    k = k + 1 if False else 0
    value = value_used + 1
    value_used = 3
    return value

def try_bound(n):
    try:
        if n == 0:
            raise ValueError("zero")
        r = 100 // n
    except ValueError:
        pass
    return r

def nested_loop_bound(rows):
    for r in range(rows):
        for c in range(r):
            cell = r * c
    return cell

def run(label, fn, *args):
    try:
        print(label, args, "->", fn(*args))
    except UnboundLocalError as e:
        print(label, args, "UnboundLocalError:", e)
    except NameError as e:
        print(label, args, "NameError:", type(e).__name__, e)

run("one_branch", one_branch, True)
run("one_branch", one_branch, False)
run("loop_never_runs", loop_never_runs, 3)
run("loop_never_runs", loop_never_runs, 0)
run("loop_var_after", loop_var_after, 4)
run("loop_var_after", loop_var_after, 0)
run("while_never", while_never, 103)
run("while_never", while_never, 5)
run("after_del", after_del, 41)
run("del_in_branch", del_in_branch, 3)
run("del_in_branch", del_in_branch, 9)
run("augmented", augmented, 1)
run("augmented", augmented, 0)
run("read_before_write", read_before_write)
run("try_bound", try_bound, 4)
run("try_bound", try_bound, 0)
run("nested_loop_bound", nested_loop_bound, 4)
run("nested_loop_bound", nested_loop_bound, 1)

def repeated(n):
    results = []
    for i in range(n):
        if i % 2 == 0:
            even = i * 10
        try:
            results.append(even)
        except UnboundLocalError as e:
            results.append(str(e)[:30])
        if i == 2:
            del even
    return results
print(repeated(5))

counter = 5
def shadow_global():
    try:
        counter = counter + 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
        counter = -1
    return counter
print(shadow_global(), counter)
