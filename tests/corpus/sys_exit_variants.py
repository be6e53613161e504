# sys.exit inside nested calls, caught and re-raised; final exit status 4.
import sys

def inner(code):
    sys.exit(code)

def middle(code):
    try:
        inner(code)
    except SystemExit as e:
        print("middle saw", e.code)
        raise

for code in [0, 1, 2]:
    try:
        middle(code)
    except SystemExit as e:
        print("outer caught", e.code, e.args)
try:
    sys.exit(None)
except SystemExit as e:
    print("None code:", e.code)
try:
    raise SystemExit(1, 2)
except SystemExit as e:
    print("tuple code:", e.code)
sys.stdout.write("bye\n")
middle(4)
