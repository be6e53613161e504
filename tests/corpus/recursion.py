# Recursive algorithms.
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def fib(n, memo={}):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]

def hanoi(n, src, dst, via, moves):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst, moves)
    moves.append((src, dst))
    hanoi(n - 1, via, dst, src, moves)

def permutations(items):
    if len(items) <= 1:
        return [items[:]]
    out = []
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            out.append([items[i]] + p)
    return out

def flatten(x):
    if not isinstance(x, list):
        return [x]
    out = []
    for e in x:
        out.extend(flatten(e))
    return out

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    left, right = merge_sort(xs[:mid]), merge_sort(xs[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i]); i += 1
        else:
            out.append(right[j]); j += 1
    return out + left[i:] + right[j:]

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]

def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)

def depth(tree):
    if tree is None:
        return 0
    return 1 + max(depth(tree[0]), depth(tree[1]))

print(fact(25), fib(90))
moves = []
hanoi(4, "A", "C", "B", moves)
print(len(moves), moves[:5])
print(permutations([1, 2, 3]), len(permutations(list("abcde"))))
print(flatten([1, [2, [3, [4, [5]]], 6], [[[]]], 7]))
print(ackermann(2, 3), ackermann(3, 3))
print(merge_sort([38, 27, 43, 3, 9, 82, 10, 3]))
print(is_even(100), is_odd(77), gcd(1071, 462))
print(power_set([1, 2, 3]))
tree = ((None, (None, None)), ((None, None), ((None, None), None)))
print(depth(tree))
print(fact(200) % 1000003, len(str(fact(300))))
def count_down(n):
    return [] if n < 0 else [n] + count_down(n - 1)
print(count_down(10))
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(500))
