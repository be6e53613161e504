# try/finally on every path out: normal, exception, break, continue,
# return (including return overriding an exception), nested finally.
def order(kind):
    log = []
    for i in range(3):
        try:
            try:
                log.append("try%d" % i)
                if kind == "break" and i == 1:
                    break
                if kind == "continue" and i == 0:
                    continue
                if kind == "raise" and i == 2:
                    raise ValueError(i)
            finally:
                log.append("inner%d" % i)
        finally:
            log.append("outer%d" % i)
    return log


for kind in ["none", "break", "continue"]:
    print(kind, order(kind))
try:
    order("raise")
except ValueError as e:
    print("raised", e.args)


def swallow():
    try:
        raise KeyError("lost")
    finally:
        return "finally wins"


print(swallow())


def value_then_finally():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("finally sees", x)


print(value_then_finally())


def context_in_finally():
    try:
        raise ValueError("first")
    finally:
        print("cleaning up")


try:
    context_in_finally()
except ValueError as e:
    print("propagated", e)

try:
    try:
        raise TypeError("inner")
    finally:
        raise KeyError("from finally")
except KeyError as e:
    print(repr(e), "context", repr(e.__context__))

while True:
    try:
        break
    finally:
        print("break through finally")
print("done")
