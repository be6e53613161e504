# Where a local may be unbound after control flow joins: the paths the
# generator's definite-assignment analysis must not call bound (a del on a
# later loop iteration, an except-as name after its handler, a with whose
# __exit__ swallows the exception, a finally that deletes, a loop that
# never runs), next to the ones it may (every branch assigns, while True
# with a break after the assignment, a parameter).


def attempt(label, f, *args):
    try:
        print(label, f(*args))
    except UnboundLocalError as e:
        print(label, "UnboundLocalError:", e)


def del_on_second_iteration(n):
    out = []
    x = 0
    for i in range(n):
        out.append(x + i)
        del x
    return out


def handler_name_after(flag):
    try:
        if flag:
            raise ValueError("boom")
        e = "no error"
    except ValueError as e:
        pass
    return e


class Swallow:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return True


def with_swallowed(flag):
    with Swallow():
        if flag:
            raise KeyError("k")
        value = 7
    return value


def finally_deletes(flag):
    y = 1
    try:
        if flag:
            return "early"
    finally:
        if flag:
            pass
        else:
            del y
    return y


def raise_before_assign():
    try:
        v = int("not a number")
    except ValueError:
        pass
    return v


def every_branch(k):
    if k == 0:
        r = "zero"
    elif k == 1:
        r = "one"
    else:
        r = "many"
    return r


def while_true_break(n):
    i = 0
    while True:
        last = i * n
        i += 1
        if i > 3:
            break
    return last, i


def loop_else(n):
    for i in range(n):
        if i == 2:
            found = i
            break
    else:
        found = -1
    return found


def comprehension_reads(n):
    base = 10
    first = [base + i for i in range(n)]
    del base
    try:
        second = [base + i for i in range(n)]
    except NameError as e:  # a free variable of the comprehension
        second = type(e).__name__ + ": " + str(e)
    return first, second


def class_body_reads(n, drop):
    scale = n * 2
    if drop:
        del scale
    try:
        class Box:
            size = scale + 1
        return Box.size
    except NameError as e:
        return type(e).__name__ + ": " + str(e)


def param_deleted(p, again):
    if again:
        del p
    return p


def nested_try(flag):
    try:
        try:
            if flag:
                raise IndexError("inner")
            a = 1
        finally:
            b = 2
    except IndexError:
        return "caught", b
    return a, b


def augmented_in_loop(n):
    for i in range(n):
        if i == 0:
            total = 0
        total += i
    return total


attempt("del on second iteration:", del_on_second_iteration, 1)
attempt("del on second iteration:", del_on_second_iteration, 3)
attempt("handler name, no error:", handler_name_after, False)
attempt("handler name after handler:", handler_name_after, True)
attempt("with, no exception:", with_swallowed, False)
attempt("with, exception swallowed:", with_swallowed, True)
attempt("finally, early return:", finally_deletes, True)
attempt("finally deletes:", finally_deletes, False)
attempt("raise before assign:", raise_before_assign)
attempt("every branch:", every_branch, 0)
attempt("every branch:", every_branch, 5)
attempt("while True with break:", while_true_break, 3)
attempt("loop else:", loop_else, 5)
attempt("loop else:", loop_else, 1)
attempt("comprehension reads:", comprehension_reads, 2)
attempt("class body reads:", class_body_reads, 4, False)
attempt("class body reads:", class_body_reads, 4, True)
attempt("parameter kept:", param_deleted, 1, False)
attempt("parameter deleted:", param_deleted, 1, True)
attempt("nested try:", nested_try, False)
attempt("nested try:", nested_try, True)
attempt("augmented in loop:", augmented_in_loop, 4)
attempt("augmented in loop:", augmented_in_loop, 0)
