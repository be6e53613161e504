// Reads "OP A B [C]" lines (integers in decimal) and prints one result a
// line, for tests/gen/bigint-parity to compare with Python's int. OP: add
// sub mul divmod pow powmod and or xor invert lshift rshift cmp str16
// float fromdouble bitlen int64; an operation Python reports as an error prints "error".
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "gen/support/bigint.h"
#include "gen/support/int.h"

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string op, sa, sb, sc;
    in >> op >> sa >> sb >> sc;
    gen::BigInt a, b, c, q, r;
    if (!gen::BigInt::parse(sa, 10, a) || (!sb.empty() && !gen::BigInt::parse(sb, 10, b)) ||
        (!sc.empty() && !gen::BigInt::parse(sc, 10, c))) {
      std::cout << "bad input\n";
      continue;
    }
    std::string out;
    if (op == "add") out = (a + b).to_string();
    else if (op == "sub") out = (a - b).to_string();
    else if (op == "mul" || op == "mul_big") out = (a * b).to_string();
    else if (op == "divmod") out = gen::BigInt::divmod(a, b, q, r) ? q.to_string() + " " + r.to_string() : "error";
    else if (op == "pow") out = gen::BigInt::pow(a, b, q) ? q.to_string() : "error";
    else if (op == "powmod") out = gen::BigInt::pow_mod(a, b, c, q) ? q.to_string() : "error";
    else if (op == "and") out = (a & b).to_string();
    else if (op == "or") out = (a | b).to_string();
    else if (op == "xor") out = (a ^ b).to_string();
    else if (op == "invert") out = (~a).to_string();
    else if (op == "lshift") out = gen::BigInt::shift_left(a, b, q) ? q.to_string() : "error";
    else if (op == "rshift") out = gen::BigInt::shift_right(a, b, q) ? q.to_string() : "error";
    else if (op == "cmp") out = std::to_string(compare(a, b));
    else if (op == "str16") out = a.to_string(16);
    else if (op == "bitlen") out = std::to_string(a.bit_length());
    else if (op == "float") {
      double d = 0;
      if (a.to_double(d)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        out = buf;
      } else {
        out = "error";
      }
    } else if (op == "fromdouble") {
      const double d = std::strtod(sa.c_str(), nullptr);
      out = std::isfinite(d) ? gen::BigInt::from_double(d).to_string() : "error";
    } else if (op == "int64") {
      out = a.fits_int64() ? std::to_string(a.to_int64()) : "no";
    } else if (op.rfind("int_", 0) == 0) {
      // The same operations through gen::Int (the int64 fast path and its overflow).
      const gen::Int x(a), y(b);
      gen::Int z;
      const std::string o = op.substr(4);
      if (o == "add") out = (x + y).str();
      else if (o == "sub") out = (x - y).str();
      else if (o == "mul") out = (x * y).str();
      else if (o == "neg") out = (-x).str();
      else if (o == "floordiv") out = gen::Int::floordiv(x, y, z) ? z.str() : "error";
      else if (o == "mod") out = gen::Int::mod(x, y, z) ? z.str() : "error";
      else if (o == "pow") out = gen::Int::pow(x, y, z) ? z.str() : "error";
      else if (o == "cmp") out = std::to_string(compare(x, y));
      else out = "bad op";
      if (out != "error" && out != "bad op" && o != "cmp") {
        // Invariant S: small exactly when it fits.
        gen::BigInt check;
        (void)gen::BigInt::parse(out, 10, check);
        const gen::Int again(check);
        if (again.is_small() != check.fits_int64()) out = "invariant S broken";
      }
    } else {
      out = "bad op";
    }
    std::cout << out << '\n';
  }
  return 0;
}
