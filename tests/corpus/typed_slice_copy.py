# a[lo:hi] = b[c:d] on lists of ints, done without the intermediate list:
# overlapping ranges of one list in both directions, lengths that differ,
# more items than fit on the stack, empty and reversed bounds, and a
# target bound that changes the source (then CPython's order must hold).
def rotate(perm, r):
    first = perm[0]
    perm[:r] = perm[1:r + 1]
    perm[r] = first
    return perm


def shifts():
    a = list(range(10))
    a[2:6] = a[0:4]          # overlapping, moving right
    b = list(range(10))
    b[0:4] = b[2:6]          # overlapping, moving left
    c = list(range(10))
    c[1:3] = c[5:9]          # grows
    d = list(range(10))
    d[0:6] = d[8:9]          # shrinks
    e = list(range(10))
    e[7:3] = e[1:4]          # reversed target bounds: an insertion at 7
    f = list(range(10))
    f[3:5] = f[6:2]          # an empty source: a deletion
    g = list(range(10))
    g[-3:] = g[:-7]
    h = list(range(10))
    h[100:] = h[-100:2]
    print(a, b, c, d)  # read here, the lists stay typed
    print(e, f, g, h)
    return len(a) + len(h)


def big(n):
    src = list(range(n))
    dst = [0] * 5
    dst[1:2] = src[3:n - 3]  # more than 32 items
    same = list(range(n))
    same[0:n - 1] = same[1:n]
    return len(dst), dst[:4], dst[-3:], same[:3], same[-3:]


def grows_source(src, extra):
    src.append(extra)
    return 1


def order(n):
    src = [1, 2, 3]
    dst = [0] * n
    # CPython takes src[0:3] before it calls grows_source
    dst[0:grows_source(src, 9)] = src[0:3]
    return dst, src


def main():
    p = list(range(6))
    for r in range(1, 6):
        print(rotate(p, r))
    print(shifts())
    print(big(50))
    print(order(4))


main()
