# for/while with else, break, continue, nested loops.
def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            print("found", target, "at", i)
            break
    else:
        print(target, "not found")

find([4, 8, 15], 8)
find([4, 8, 15], 16)
find([], 1)

n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    if n == 4:
        break
    print("while body", n)
else:
    print("while else (not reached)")

m = 3
while m > 0:
    m -= 1
else:
    print("while else reached, m =", m)

primes = []
for cand in range(2, 40):
    for d in range(2, cand):
        if cand % d == 0:
            break
    else:
        primes.append(cand)
print(primes)

for i in range(3):
    for j in range(3):
        if j == i:
            continue
        if i + j > 3:
            break
        print((i, j), end=" ")
print()

found = None
for row in [[1, 2], [3, 4], [5, 6]]:
    for x in row:
        if x * x > 10:
            found = x
            break
    if found is not None:
        break
print("first with square > 10:", found)

total = 0
for x in range(100):
    if x % 3:
        continue
    total += x
print(total)

i = 10
while True:
    i -= 3
    if i < 0:
        break
print("i after loop", i)

for ch in "":
    print("never")
else:
    print("empty for-else runs")

for k in range(3):
    pass
print("loop var survives:", k)
lst = [1, 2, 3]
for x in lst:
    if x == 2:
        lst.append(99)
    if len(lst) > 5:
        break
print(lst)
count = 0
for a in range(4):
    for b in range(4):
        for c in range(4):
            if a < b < c:
                count += 1
print(count)
d = {"a": 1, "b": 2}
for key in d:
    d[key] *= 10
print(d)
x = 0
while x < 3:
    try:
        if x == 1:
            continue
        print("x =", x)
    finally:
        x += 1
