# import math: constants and functions.
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(2), math.sqrt(144), math.isqrt(10 ** 20 + 5), math.cbrt(27.0))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7), math.floor(7), type(math.floor(2.5)).__name__)
print(math.factorial(20), math.factorial(30), math.gcd(84, 126), math.gcd(0, 5), math.lcm(4, 6, 10))
print(math.comb(10, 3), math.perm(5, 2), math.comb(52, 5), math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10))
print(math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024), math.log1p(1e-10))
print(math.sin(0), math.cos(0), math.tan(math.pi / 4), math.asin(1), math.acos(1), math.atan(1))
print(math.atan2(1, -1), math.hypot(3, 4), math.hypot(1, 2, 2), math.degrees(math.pi), math.radians(180))
print(math.sinh(1), math.cosh(1), math.tanh(0.5), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.pow(2, 0.5), math.fabs(-3), math.fmod(-7, 3), math.remainder(7, 3), math.copysign(2, -0.0))
print(math.modf(3.75), math.frexp(12.0), math.ldexp(0.75, 4), math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1))
print(math.isinf(1e308 * 10), math.isfinite(1.0), math.isfinite(math.nan), math.dist((0, 0), (3, 4)))
print(math.erf(1), math.erfc(1), math.gamma(5), math.lgamma(10), math.expm1(1e-5))
print(math.nextafter(1.0, 2.0), math.ulp(1.0))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1), lambda: math.acos(2)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
try:
    math.exp(1000)
except OverflowError as e:
    print("OverflowError", e)
try:
    math.factorial(2.5)
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)
from math import sqrt, pi as PI
print(sqrt(16), PI == math.pi)
print([round(math.sin(math.radians(d)), 6) for d in range(0, 361, 45)])
