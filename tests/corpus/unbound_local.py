# UnboundLocalError: caught once, then uncaught.
count = 10

def ok():
    return count + 1

def broken():
    print("before use")
    count += 1
    return count

def conditional(flag):
    if flag:
        value = "set"
    return value

print(ok())
try:
    broken()
except UnboundLocalError as e:
    print(type(e).__name__, e)
print(conditional(True))
try:
    conditional(False)
except NameError as e:
    print("caught as NameError subclass:", type(e).__name__, e)
print(issubclass(UnboundLocalError, NameError))

def after_del():
    x = 1
    del x
    return x

after_del()
print("unreachable")
