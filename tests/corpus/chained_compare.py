# Chained comparisons, short-circuit evaluation, identity/membership.
calls = []

def v(x):
    calls.append(x)
    return x

print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1 == 1, 1 == 1 != 2, 1 < 2 > 0)
print(v(1) < v(0) < v(5), calls)
calls.clear()
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(5) > v(3) == v(3) >= v(4), calls)
calls.clear()
x = 5
print(0 <= x < 10, 0 < x <= 4, x in [1, 5] in [[1, 5]], not 0 < x)
print(1 < 2 == 2.0 < 3 is not None)
a = [1]
b = a
print(a is b is not None, a == [1] == b, [] is not [])
print(v(0) and v(1), v(2) or v(3), v(0) or v("") or v(None), v(4) and v(5) and v(6), calls)
calls.clear()
print(not v(0), not v([]), not v("x"), calls)
print(None or "default", "" or 0 or [] or "last", 1 and "yes", 0 and 1/0)
print((1 or 1 / 0), (0 and undefined_var))
s = "abc"
print("a" <= s < "b", "b" < s, s < "abd" < "abe")
print((1, 2) < (1, 3) < (2,), [1] < [1, 0] < [2])
print(1 < 1.5 < 2, 2 ** 70 > 2.0 ** 69 > 0, -1 < 0 < True < 2)
print(3 not in [1, 2] != False, "x" in "xyz" == True)
y = 10
result = 0 < y < 20 and y % 2 == 0 or y == 15
print(result)
grade = lambda score: "A" if 90 <= score <= 100 else "B" if 80 <= score < 90 else "C" if 70 <= score < 80 else "F"
print([grade(s) for s in (95, 85, 75, 10, 100, 90, 89)])
def between(lo, val, hi):
    return lo <= val <= hi
print(between(1, 1, 1), between(1, 0, 2), between("a", "m", "z"))
i = 0
def inc():
    global i
    i += 1
    return i
print(0 < inc() < 5, i)
print(inc() == inc(), i)
try:
    print(1 < "a" < 2)
except TypeError as e:
    print("TypeError", e)
try:
    print(0 < 1 < None)
except TypeError as e:
    print("TypeError", e)
print(0 > 1 < None)
