#include "repr.h"

#include <cstdio>

#include "gen/support/float_repr.h"
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

// repr's quote: ' unless the text holds a ' and no ".
char repr_quote(std::string_view s) {
  return s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos ? '"' : '\'';
}

// The escapes str and bytes reprs share: the quote, backslash, \t \n \r.
// False when `c` is none of them.
bool common_escape(std::string& out, char32_t c, char quote) {
  switch (c) {
    case '\t': out += "\\t"; return true;
    case '\n': out += "\\n"; return true;
    case '\r': out += "\\r"; return true;
    case '\\': out += "\\\\"; return true;
    default:
      if (c != static_cast<char32_t>(static_cast<unsigned char>(quote))) return false;
      out += '\\';
      out += quote;
      return true;
  }
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
    } else if (common_escape(out, c, quote)) {
      // the quote, a backslash, \t, \n or \r
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
    if (common_escape(out, c, quote)) continue;
    if (c < 0x20 || c >= 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += quote;
  return out;
}

std::string python_float_repr(double v) { return gen::float_repr(v); }

std::string python_imaginary_repr(double v) { return gen::imaginary_repr(v); }

}  // namespace pyfront
