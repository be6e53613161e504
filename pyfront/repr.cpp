#include "repr.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "unicode.h"

namespace pyfront {
namespace {

// Decodes UTF-8 that may hold surrogates (WTF-8); {invalid, 1} otherwise.
Decoded decode_wtf8(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (b(i) == 0xED && i + 2 < s.size() && b(i + 1) >= 0xA0 && b(i + 1) <= 0xBF && (b(i + 2) & 0xC0) == 0x80)
    return {static_cast<char32_t>(0xD000 | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F)), 3};
  return decode_utf8(s, i);
}

std::string repr_digits(double v, bool add_dot_zero) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  // The shortest round-trip digits, in scientific form: d.ddde[+-]x.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  (void)ec;
  std::string sci(buf, end);
  const std::size_t e = sci.find('e');
  int exp = std::atoi(sci.c_str() + e + 1);
  std::string mant = sci.substr(0, e);
  bool negative = false;
  if (mant[0] == '-') {
    negative = true;
    mant.erase(0, 1);
  }
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  std::string out = negative ? "-" : "";
  if (exp < -4 || exp >= 16) {
    out += digits[0];
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    return out + eb;
  }
  if (exp < 0) {
    out += "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  } else if (static_cast<std::size_t>(exp) + 1 >= digits.size()) {
    out += digits + std::string(static_cast<std::size_t>(exp) + 1 - digits.size(), '0');
    if (add_dot_zero) out += ".0";
  } else {
    out += digits.substr(0, static_cast<std::size_t>(exp) + 1) + "." + digits.substr(static_cast<std::size_t>(exp) + 1);
  }
  return out;
}

// repr's quote: ' unless the text holds a ' and no ".
char repr_quote(std::string_view s) {
  return s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos ? '"' : '\'';
}

}  // namespace

std::string python_str_repr(std::string_view s) {
  const char quote = repr_quote(s);
  std::string out(1, quote);
  char buf[16];
  for (std::size_t i = 0; i < s.size();) {
    const Decoded d = decode_wtf8(s, i);
    const char32_t c = d.cp;
    if (c == kInvalidCodePoint) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(s[i]));
      out += buf;
    } else if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0xD800 || c > 0xDFFF ? is_printable(c) : false) {
      out.append(s.substr(i, d.length));
    } else {
      std::snprintf(buf, sizeof buf, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x",
                    static_cast<unsigned>(c));
      out += buf;
    }
    i += d.length;
  }
  out += quote;
  return out;
}

std::string python_bytes_repr(std::string_view s) {
  const char quote = repr_quote(s);
  std::string out = "b";
  out += quote;
  char buf[8];
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += quote;
  return out;
}

std::string python_float_repr(double v) { return repr_digits(v, true); }

std::string python_imaginary_repr(double v) { return repr_digits(v, false) + "j"; }

}  // namespace pyfront
