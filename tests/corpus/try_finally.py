# finally semantics: return/break/continue interactions, ordering.
log = []

def f1():
    try:
        log.append("try")
        return "from-try"
    finally:
        log.append("finally")

print(f1(), log)

def f2():
    try:
        return "try"
    finally:
        return "finally-overrides"

print(f2())

def f3():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)
    else:
        print("no else because break")
    return i

print(f3())

def f4(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print("except")
        return "err"
    else:
        print("else")
        return r
    finally:
        print("finally", x)

print(f4(2), f4(0))

def f5():
    n = 0
    while True:
        try:
            n += 1
            if n > 3:
                return n
        finally:
            print("loop finally", n)

print(f5())

def f6():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as e:
        print("caught", e)
    finally:
        print("outer finally")

f6()

def f7():
    x = []
    try:
        x.append(1)
        return x
    finally:
        x.append(2)

print(f7())

def f8():
    try:
        raise KeyError("swallowed")
    finally:
        return "finally return swallows exception"

print(f8())

def f9():
    for i in range(3):
        try:
            return i
        finally:
            if i < 2:
                continue
    return "end"

print(f9())

def nested_cleanup(fail_at):
    steps = []
    try:
        steps.append("open-a")
        try:
            steps.append("open-b")
            if fail_at == "b":
                raise RuntimeError("fail b")
            steps.append("use-b")
        finally:
            steps.append("close-b")
        if fail_at == "a":
            raise RuntimeError("fail a")
    except RuntimeError as e:
        steps.append("handled:" + str(e))
    finally:
        steps.append("close-a")
    return steps

for where in [None, "a", "b"]:
    print(where, nested_cleanup(where))
count = 0
while count < 3:
    try:
        count += 1
        if count == 2:
            continue
        print("count", count)
    finally:
        print("fin", count)
else:
    print("while-else ran")
