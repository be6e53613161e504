# Uncaught exception propagating through several frames, after finally blocks run.
def level3(x):
    print("level3", x)
    return [1, 2, 3][x]

def level2(x):
    try:
        return level3(x) * 2
    finally:
        print("level2 cleanup")

def level1(values):
    out = []
    for v in values:
        out.append(level2(v))
        print("ok so far", out)
    return out

class Tracker:
    def __init__(self):
        self.events = []
    def run(self):
        self.events.append("start")
        try:
            level1([0, 2, 7, 1])
        except TypeError:
            self.events.append("wrong handler")
        finally:
            self.events.append("finally")
            print("tracker events", self.events)

print("begin")
Tracker().run()
print("unreachable")
