# range objects and slicing.
print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)), list(range(5, 2)))
r = range(3, 30, 4)
print(r, len(r), r[0], r[-1], r[2], r[1:4], r[::-1], 11 in r, 12 in r)
print(r.index(15), r.count(7), range(0) == range(5, 5), range(1, 4) == range(1, 4))
print(list(range(-5, 5, 2)), list(range(5, -5, -2)), len(range(-10, 10, 3)))
print(sum(range(101)), max(range(7)), min(range(3, 9)), list(reversed(range(4))))
print(range(10)[3:7], range(10)[::3], list(range(20)[::-5]))
big = range(10 ** 12)
print(len(big), big[-1], 10 ** 11 in big)
s = "abcdefghij"
print(s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[::3], s[1::2], s[::-2], s[8:2:-2], s[-100:100])
print(s[5:2], s[2:2], repr(s[10:]), s[-1:-4:-1])
L = list(range(10))
print(L[2:8:2], L[::-1][:3], L[-2::-3], L[len(L):], L[3:-3])
print(L[slice(1, 5)], L[slice(None, None, 3)], L[slice(-2, None)])
sl = slice(1, 10, 2)
print(sl.start, sl.stop, sl.step, sl)
t = tuple(L)
print(t[1:3], t[::4])
L2 = L[:]
L2[1:9] = []
print(L2)
L3 = list(range(5))
L3[1:3] = "xyz"
print(L3)
L4 = list(range(8))
L4[::-2] = [0, 0, 0, 0]
print(L4)
b = b"hello bytes"
print(b[1:4], b[::-1], b[0], b[-1])
for i in range(3):
    for j in range(i, 3):
        print(i, j, end="; ")
print()
for i in range(10, 0, -4):
    print(i, end=" ")
print()
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError", e)
try:
    range(5)[5]
except IndexError as e:
    print("IndexError", e)
try:
    L[::0]
except ValueError as e:
    print("ValueError", e)
try:
    L4[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
try:
    range(3).index(9)
except ValueError as e:
    print("ValueError", e)
