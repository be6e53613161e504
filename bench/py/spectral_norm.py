"""Spectral norm: the largest singular value of the infinite matrix
A[i][j] = 1 / ((i + j) * (i + j + 1) / 2 + i + 1), truncated to N x N,
estimated by ten rounds of the power method on A^T A. Stresses float
division, nested loops over range, and many small function calls.

    python3 spectral_norm.py [N]
"""
import sys


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times_a(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(i, j) * v[j]
        out.append(acc)
    return out


def times_at(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(j, i) * v[j]
        out.append(acc)
    return out


def times_ata(v, n):
    return times_at(times_a(v, n), n)


def dot(a, b):
    total = 0.0
    for x, y in zip(a, b):
        total += x * y
    return total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u, n)
        u = times_ata(v, n)
    vbv = dot(u, v)
    vv = dot(v, v)
    norm = (vbv / vv) ** 0.5
    print(f"spectral_norm n={n}")
    print(f"norm: {norm:.9f}")
    print(f"checksum: {sum(u) / n:.9f}")


main()
