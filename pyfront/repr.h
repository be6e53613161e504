// Python's repr() of the values the AST and the token printer show: str,
// bytes, float and the imaginary part of a complex.
#pragma once

#include <string>
#include <string_view>

namespace pyfront {

// A str given as UTF-8 (surrogate code points encoded as in WTF-8).
std::string python_str_repr(std::string_view utf8);
std::string python_bytes_repr(std::string_view bytes);
// repr(float): the shortest digits that read back the same, in fixed
// notation for exponents -4..15 (with ".0" when integral), else scientific.
std::string python_float_repr(double v);
// repr(complex(0, v)): like a float without the ".0", then "j".
std::string python_imaginary_repr(double v);

}  // namespace pyfront
