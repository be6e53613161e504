# Uncaught ZeroDivisionError at module level after some output.
def average(xs):
    return sum(xs) / len(xs)

data = [[1, 2, 3], [10], [4, 4]]
for d in data:
    print(d, average(d))
try:
    average([])
except ZeroDivisionError as e:
    print("caught:", e)
total = 0
for i in range(5, -1, -1):
    total += 100 // i
    print(i, total)
print("done")
