"""Fannkuch-redux: for every permutation of 1..N (in the order generated
by successive prefix rotations), count the prefix reversals it takes to
bring 1 to the front, and report the largest count and an alternating
checksum. Stresses list indexing and slicing, list copies and small-int
arithmetic and comparisons.

    python3 fannkuch.py [N [ROUNDS]]

ROUNDS (default 2) repeats the whole enumeration, to reach a measurable
time without going to N+1 (ten times longer).
"""
import sys


def count_flips(perm):
    p = perm[:]
    flips = 0
    k = p[0]
    while k != 0:
        # reverse p[0..k]
        lo = 0
        hi = k
        while lo < hi:
            t = p[lo]
            p[lo] = p[hi]
            p[hi] = t
            lo += 1
            hi -= 1
        flips += 1
        k = p[0]
    return flips


def fannkuch(n):
    perm = list(range(n))
    # counters of the mixed-radix odometer that drives the rotations
    radix = [0] * n
    max_flips = 0
    checksum = 0
    index = 0
    r = n
    while True:
        while r > 1:
            radix[r - 1] = r
            r -= 1
        if perm[0] != 0:
            f = count_flips(perm)
            if f > max_flips:
                max_flips = f
            if index % 2 == 0:
                checksum += f
            else:
                checksum -= f
        # next permutation: rotate the first r+1 elements left by one,
        # carrying into the next digit when this one runs out
        while True:
            if r == n:
                return checksum, max_flips, index + 1
            first = perm[0]
            perm[:r] = perm[1:r + 1]
            perm[r] = first
            radix[r] -= 1
            if radix[r] > 0:
                break
            r += 1
        index += 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    for _ in range(rounds):
        checksum, max_flips, count = fannkuch(n)
    print(f"fannkuch n={n} rounds={rounds} permutations={count}")
    print(f"checksum: {checksum}")
    print(f"max flips: {max_flips}")


main()
