#include "gen/support/unicode.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace gen {
namespace {

struct CodePointRange {
  char32_t first, last;
};
struct CaseMapping {
  char32_t cp;
  unsigned offset, length;
};

#include "gen/support/unicode_db.inc"

template <std::size_t N>
bool in(const CodePointRange (&table)[N], char32_t cp) {
  auto it = std::upper_bound(std::begin(table), std::end(table), cp,
                             [](char32_t c, const CodePointRange& r) { return c < r.first; });
  return it != std::begin(table) && cp <= std::prev(it)->last;
}

template <std::size_t N>
void map(const CaseMapping (&table)[N], char32_t cp, std::u32string& out) {
  auto it = std::lower_bound(std::begin(table), std::end(table), cp,
                             [](const CaseMapping& m, char32_t c) { return m.cp < c; });
  if (it != std::end(table) && it->cp == cp) {
    out.append(kCaseData + it->offset, it->length);
  } else {
    out.push_back(cp);
  }
}

}  // namespace

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::size_t utf8_length(std::string_view s, bool& ascii) {
  std::size_t n = 0;
  ascii = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    if (!utf8_continuation(c)) ++n;
  }
  return n;
}

std::string utf8_decode_error(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    // The sequence's length and the range its second byte must be in
    // (narrower after E0/ED/F0/F4: no overlongs, surrogates or > U+10FFFF).
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) n = 2;
    else if (b >= 0xE0 && b <= 0xEF) n = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    else if (b >= 0xF0 && b <= 0xF4) n = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    const char* reason = nullptr;
    std::size_t bad = 1;  // the bytes the error covers
    if (n == 0) {
      reason = "invalid start byte";
    } else {
      for (std::size_t k = 1; k < n; ++k) {
        if (i + k >= s.size()) {
          reason = "unexpected end of data";
          bad = k;
          break;
        }
        const auto c = static_cast<unsigned char>(s[i + k]);
        if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) {
          reason = "invalid continuation byte";
          bad = k;
          break;
        }
      }
    }
    if (!reason) {
      i += n;
      continue;
    }
    char buf[160];
    if (bad == 1)
      std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s", b, i, reason);
    else
      std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode bytes in position %zu-%zu: %s", i, i + bad - 1, reason);
    return buf;
  }
  return "";
}

bool utf8_valid(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n;
    char32_t min;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      n = 2;
      min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      n = 3;
      min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      n = 4;
      min = 0x10000;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if (!utf8_continuation(s[i + k])) return false;
    std::size_t j = i;
    const char32_t cp = utf8_next(s, j);
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i = j;
  }
  return true;
}

bool uni_printable(char32_t cp) { return in(kPrintable, cp); }
bool uni_space(char32_t cp) { return in(kSpace, cp); }
bool uni_alpha(char32_t cp) { return in(kAlpha, cp); }
bool uni_decimal(char32_t cp) { return in(kDecimal, cp); }
bool uni_digit(char32_t cp) { return in(kDigit, cp); }
bool uni_numeric(char32_t cp) { return in(kNumeric, cp); }
bool uni_upper(char32_t cp) { return in(kUpper, cp); }
bool uni_lower(char32_t cp) { return in(kLower, cp); }
bool uni_title(char32_t cp) { return in(kTitle, cp); }
bool uni_xid_start(char32_t cp) { return in(kXidStart, cp); }
bool uni_xid_continue(char32_t cp) { return in(kXidContinue, cp); }
bool uni_cased(char32_t cp) { return in(kCased, cp); }
bool uni_case_ignorable(char32_t cp) { return in(kCaseIgnorable, cp); }
void uni_to_upper(char32_t cp, std::u32string& out) { map(kToUpper, cp, out); }
void uni_to_lower(char32_t cp, std::u32string& out) { map(kToLower, cp, out); }
void uni_to_title(char32_t cp, std::u32string& out) { map(kToTitle, cp, out); }
void uni_to_fold(char32_t cp, std::u32string& out) { map(kToFold, cp, out); }

int uni_decimal_value(char32_t cp) {
  if (cp >= '0' && cp <= '9') return static_cast<int>(cp - '0');
  if (!uni_decimal(cp)) return -1;
  // Unicode lays every decimal digit run out as 0..9 in order, starting at
  // a code point whose value is 0: the run's start is the nearest such.
  auto it = std::upper_bound(std::begin(kDecimal), std::end(kDecimal), cp,
                             [](char32_t c, const CodePointRange& r) { return c < r.first; });
  const char32_t first = std::prev(it)->first;
  return static_cast<int>((cp - first) % 10);
}

}  // namespace gen
