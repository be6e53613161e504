# An exception raised inside a generator expression reaches the top: the
# traceback passes through the generator's frame.
def ratios(values):
    for v in values:
        yield 10 / v

def total(values):
    return sum(r for r in ratios(values))

print(total([1, 2, 5]))
print(total([1, 0]))
