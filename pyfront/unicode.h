// UTF-8 decoding and the character classes the lexer and the printers need
// (tables generated from CPython 3.11's unicodedata: gen-unicode-tables).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pyfront {

struct CodePointRange {
  char32_t first;
  char32_t last;
};
struct Decomposition {
  char32_t cp;
  std::uint16_t offset;  // into kDecompositionData
  std::uint8_t length;
};
struct CombiningClass {
  char32_t cp;
  std::uint8_t ccc;
};
struct Composition {
  char32_t first, second, composite;
};

// One decoded character: its code point and its length in bytes (1-4).
// An invalid sequence decodes as {kInvalidCodePoint, 1}.
struct Decoded {
  char32_t cp;
  std::uint32_t length;
};
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the character at `text[pos]` (pos < text.size()). Rejects what
// Python's UTF-8 codec rejects: overlong forms, surrogates, > U+10FFFF.
Decoded decode_utf8(std::string_view text, std::size_t pos) noexcept;

// Byte offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

void append_utf8(std::string& out, char32_t cp);

// Code points in `text` (well-formed UTF-8).
std::size_t count_code_points(std::string_view text) noexcept;

// NFKC, as unicodedata.normalize('NFKC', s) (Python applies it to every
// non-ASCII name). `utf8` must be well-formed.
std::string nfkc(std::string_view utf8);

// The character a \N{...} escape names (case-insensitive, as Python);
// false when there is none.
bool lookup_unicode_name(std::string_view name, char32_t& cp);

bool is_xid_start(char32_t cp) noexcept;     // '_' included
bool is_xid_continue(char32_t cp) noexcept;
bool is_printable(char32_t cp) noexcept;     // str.isprintable()

}  // namespace pyfront
