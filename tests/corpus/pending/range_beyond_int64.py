# range() with bounds beyond 64 bits, or more than 2**63 - 1 elements:
# CPython iterates, indexes and tests them with big ints.
def walk():
    for j in range(2 ** 64, 0, -(2 ** 62)):
        print("big step", j)
    for k in range(2 ** 63 - 3, 2 ** 63 + 2):
        print("edge", k, k - 2 ** 63)
    count = 0
    for big in range(-(2 ** 63) - 2, -(2 ** 63) + 2):
        count += 1
    print("count", count, big)
walk()

wide = range(-(2 ** 63), 2 ** 63 - 1)
try:
    print(len(wide))
except OverflowError as e:
    print("OverflowError:", e)
n = 0
for x in wide:
    n += 1
    if n > 3:
        break
print(x, wide[2 ** 63 + 5], wide[-1], 2 ** 62 in wide, wide.index(0))
huge = range(-10 ** 20, 10 ** 20, 3)
print(huge[-1], huge[10 ** 19], 10 ** 19 + 1 in huge, huge[::10 ** 18])
print(range(0, 10 ** 30, 10 ** 29), list(range(10 ** 30, 10 ** 30 + 3)), range(2 ** 70)[-1])
print(list(range(-(2 ** 63), 2 ** 63 - 1, 2 ** 62)[::1]), range(-(2 ** 63), 2 ** 63 - 1, 2 ** 62)[1:3])
