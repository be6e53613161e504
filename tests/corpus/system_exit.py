# SystemExit with a code: exit status 3, finally blocks run first.
def shutdown(code):
    print("shutting down with", code)
    raise SystemExit(code)

try:
    raise SystemExit(7)
except SystemExit as e:
    print("caught SystemExit, code =", e.code)
try:
    shutdown(5)
except SystemExit as e:
    print("caught again:", e.code, type(e).__name__)
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))
try:
    try:
        shutdown(9)
    except Exception:
        print("not caught by Exception")
except BaseException as e:
    print("caught by BaseException:", e.code)
try:
    print("in try")
    shutdown(3)
finally:
    print("finally runs before exit")
print("unreachable")
