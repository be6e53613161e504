# NameError: caught variants, then uncaught.
def use_missing():
    return missing_function(3)

try:
    use_missing()
except NameError as e:
    print("NameError:", e)
try:
    print(undefined_variable)
except NameError as e:
    print("NameError:", e)
x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)

class K:
    attr = 1
    def method(self):
        return attr

try:
    K().method()
except NameError as e:
    print("NameError:", e)
print("now uncaught")
print(totally_undefined + 1)
