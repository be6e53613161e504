// Python's repr() (and str()) of floats: the shortest digits that read
// back as the same double, laid out as CPython's float_repr_style 'short'
// does. Shared by pyfront (ast.dump) and generated programs.
#pragma once

#include <string>

namespace gen {

// repr(float): fixed notation for decimal exponents -4..15 (with ".0" when
// integral), scientific otherwise ("1e+16", "1.5e-05"); "inf", "nan".
std::string float_repr(double v);
// The imaginary part's repr in repr(complex): like a float without ".0".
std::string imaginary_repr(double v);

}  // namespace gen
