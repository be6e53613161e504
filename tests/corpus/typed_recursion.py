# Recursive numeric functions, mutual recursion, RecursionError caught,
# functions defined after the call site in source order, rebound functions.
import sys

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

for m in range(3):
    print("ack", m, [ackermann(m, n) for n in range(5)])
print("ack 3 3", ackermann(3, 3))

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(20)])

def fib_float(n):
    return float(n) if n < 2 else fib_float(n - 1) + fib_float(n - 2)
print(fib_float(15), fib_float(1), fib_float(0))

def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)
print(gcd(1071, 462), gcd(2 ** 80, 6 ** 30), gcd(-12, 18), gcd(12, -18), gcd(0, 0))

def power(base, e):
    if e == 0:
        return 1
    half = power(base, e // 2)
    return half * half * (base if e % 2 else 1)
print(power(3, 45), power(2, 100), power(1.5, 7), power(-2, 63), power(-2, 64))

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print([(k, is_even(k), is_odd(k)) for k in (0, 1, 2, 7, 10, 99)])

def first():
    return "first calls " + later(3)

def later(n):
    return "later(%d)" % n if n <= 0 else later(n - 1) + "."
print(first())

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

def runaway(n):
    return runaway(n + 1) * 2

def hunt():
    try:
        runaway(0)
    except RecursionError as e:
        return "caught " + type(e).__name__ + ": " + str(e)
print(hunt())
print(hunt())
print(depth(500), sys.getrecursionlimit())

def f(x):
    return x + 1

def g(x):
    return x * 100

print(f(1), g(1))
old_f = f
f = g
print(f(2), old_f(2), f is g, f.__name__, old_f.__name__)

def compose(n):
    return f(n) + old_f(n)
print(compose(3))
f = lambda x: -x
print(compose(3), f(9))

def sum_digits(n):
    return n if n < 10 else n % 10 + sum_digits(n // 10)
print(sum_digits(2 ** 200), sum_digits(0), sum_digits(987654321))

def hanoi(n, a, b, c, moves):
    if n == 0:
        return moves
    hanoi(n - 1, a, c, b, moves)
    moves.append(a + c)
    return hanoi(n - 1, b, a, c, moves)
m = hanoi(5, "A", "B", "C", [])
print(len(m), m[:8], m[-3:])

def collatz_len(n, steps=0):
    if n == 1:
        return steps
    return collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1, steps + 1)
print([collatz_len(k) for k in range(1, 20)], collatz_len(27))

def deep_exc(n):
    if n == 0:
        raise ValueError("bottom reached")
    return deep_exc(n - 1) + 1
try:
    deep_exc(50)
except ValueError as e:
    print("ValueError:", e)
