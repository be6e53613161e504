# RecursionError caught and reported; program continues.
def infinite(n):
    return infinite(n + 1) + 1

def mutual_a(n):
    return mutual_b(n + 1)

def mutual_b(n):
    return mutual_a(n + 1)

try:
    infinite(0)
except RecursionError as e:
    print(type(e).__name__, e)
try:
    mutual_a(0)
except RecursionError as e:
    print(type(e).__name__, e)
print(issubclass(RecursionError, RuntimeError))

class Node:
    def __init__(self):
        self.child = self
    def depth(self):
        return 1 + self.child.depth()

try:
    Node().depth()
except RuntimeError as e:
    print("as RuntimeError:", type(e).__name__, e)

def bounded(n):
    return 0 if n == 0 else 1 + bounded(n - 1)

print(bounded(900))
print("still alive")
