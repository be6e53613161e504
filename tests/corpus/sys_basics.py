# import sys: argv, stdout/stderr writes, maxsize, exit code 4.
import sys
print(len(sys.argv) >= 1, type(sys.argv).__name__)
n = sys.stdout.write("written via sys.stdout\n")
print("write returned", n)
sys.stderr.write("this goes to stderr\n")
print("maxsize", sys.maxsize, sys.maxsize == 2 ** 63 - 1)
print(sys.version_info[0], sys.version_info.major, sys.version_info >= (3, 8))
print(type(sys.getrecursionlimit()).__name__, sys.byteorder in ("little", "big"))
print("stdout flush"); sys.stdout.flush()
print("to stderr via print", file=sys.stderr)
def cleanup():
    try:
        print("exiting with 4")
        sys.exit(4)
    finally:
        print("finally before exit")
try:
    sys.exit("string code")
except SystemExit as e:
    print("caught", repr(e.code))
try:
    sys.exit()
except SystemExit as e:
    print("caught", e.code)
cleanup()
print("unreachable")
