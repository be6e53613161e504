# CPython 3.11's limit on decimal int <-> str conversions (4300 digits).
import sys
x = 7 ** 6000
for convert in (str, repr, lambda v: f"{v}", lambda v: "%d" % v, lambda v: format(v, ","), lambda v: int("1" * 5000)):
    try:
        print(len(convert(x)))
    except ValueError as e:
        print("ValueError", e)
print(len(hex(x)), len(format(x, "b")), int("1" * 4300) % 97, len(str(10 ** 4299)))
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(0)
print(len(str(x)), len(str(-x)), int("9" * 5000) % 13)
sys.set_int_max_str_digits(5000)
print(len(str(7 ** 5900)))
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print("ValueError", e)
