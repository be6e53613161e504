# Assertions: caught and uncaught AssertionError.
def check_positive(n):
    assert n > 0, "expected positive, got %d" % n
    return n * 2

print(check_positive(4))
try:
    check_positive(-1)
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert [] , "empty list is falsy"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert 0
except AssertionError as e:
    print("bare:", repr(e), e.args)
assert True, "never fails"
assert 1 == 1.0
values = [3, 1, 2]
assert sorted(values) == [1, 2, 3], values
print("before failing assert")
assert len(values) == 4, "length was %d" % len(values)
print("unreachable")
