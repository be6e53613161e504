#include "source.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "unicode.h"

namespace pyfront {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

// CPython's get_normal_name: the spellings of utf-8 and latin-1 it folds.
std::string normal_encoding_name(std::string_view name) {
  std::string lower;
  for (char c : name.substr(0, 12)) lower += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "utf-8" || starts_with_ci(lower, "utf-8-")) return "utf-8";
  for (std::string_view latin1 : {"latin-1", "iso-8859-1", "iso-latin-1"})
    if (lower == latin1 || (starts_with_ci(lower, latin1) && lower.size() > latin1.size() && lower[latin1.size()] == '-'))
      return "iso-8859-1";
  return std::string(name);
}

struct CharmapCodec {
  const char* name;
  const char16_t* high;  // bytes 0x80-0xFF; 0xFFFE: undefined
};
struct CharmapName {
  const char* name;
  int codec;
};
#include "codec_tables.inc"

enum class Codec { Utf8, Latin1, Ascii, Charmap, Unsupported };

// The codec Python's codec registry finds for `name` (its normalisation:
// lower case, every run of other characters than letters, digits and '.'
// as one '_', none at either end): one of the three built in, or a
// single-byte one from codec_tables.inc (`charmap` gets its index).
Codec codec_of(std::string_view name, int& charmap) {
  std::string key;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.') {
      key += static_cast<char>(std::tolower(u));
    } else if (!key.empty() && key.back() != '_') {
      key += '_';
    }
  }
  if (!key.empty() && key.back() == '_') key.pop_back();
  static constexpr std::string_view kUtf8[] = {"utf_8", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4", "cp65001"};
  static constexpr std::string_view kLatin1[] = {"latin_1", "8859", "cp819", "iso8859", "iso8859_1", "iso_8859_1",
                                                 "iso_8859_1_1987", "iso_ir_100", "l1", "latin", "latin1"};
  static constexpr std::string_view kAscii[] = {"ascii", "646", "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986",
                                                "cp367", "csascii", "ibm367", "iso646_us", "iso_646.irv_1991",
                                                "iso_ir_6", "us", "us_ascii"};
  for (std::string_view n : kUtf8)
    if (key == n) return Codec::Utf8;
  for (std::string_view n : kLatin1)
    if (key == n) return Codec::Latin1;
  for (std::string_view n : kAscii)
    if (key == n) return Codec::Ascii;
  for (const CharmapName& n : kCharmapNames) {
    if (key == n.name) {
      charmap = n.codec;
      return Codec::Charmap;
    }
  }
  return Codec::Unsupported;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

enum class CookieScan { Found, None, StopLooking };

// PEP 263 on one line (without its newline), as CPython's
// check_coding_spec reads it: a comment that is the only thing on the line
// and contains "coding" followed by ':' or '=' and a name.
CookieScan find_coding_cookie(std::string_view line, std::string& name) {
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  if (i == line.size()) return CookieScan::None;  // blank: keep looking on line 2
  if (line[i] != '#') return CookieScan::StopLooking;
  for (std::size_t at = line.find("coding", i); at != std::string_view::npos; at = line.find("coding", at + 1)) {
    std::size_t t = at + 6;
    if (t >= line.size() || (line[t] != ':' && line[t] != '=')) continue;
    ++t;
    while (t < line.size() && (line[t] == ' ' || line[t] == '\t')) ++t;
    const std::size_t begin = t;
    while (t < line.size() && (std::isalnum(static_cast<unsigned char>(line[t])) || line[t] == '-' || line[t] == '_' || line[t] == '.')) ++t;
    if (t > begin) {
      name = normal_encoding_name(line.substr(begin, t - begin));
      return CookieScan::Found;
    }
  }
  return CookieScan::None;
}

bool fail(Diagnostic& error, std::string message) {
  error = Diagnostic{ErrorKind::SyntaxError, std::move(message), 0, 0};
  return false;
}

}  // namespace

bool Source::decode(std::string name, std::string_view bytes, Source& out, Diagnostic& error) {
  out = Source();
  out.name_ = std::move(name);
  if (bytes.find('\0') != std::string_view::npos) return fail(error, "source code string cannot contain null bytes");
  bool bom = false;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bom = true;
    bytes.remove_prefix(3);
  }
  // The cookie is looked for only in lines that end with a newline.
  std::string encoding;
  std::size_t line_begin = 0;
  for (int line = 0; line < 2; ++line) {
    const std::size_t nl = bytes.find('\n', line_begin);
    if (nl == std::string_view::npos) break;
    std::string_view text = bytes.substr(line_begin, nl - line_begin);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    const CookieScan scan = find_coding_cookie(text, encoding);
    if (scan != CookieScan::None) break;
    line_begin = nl + 1;
  }
  if (!encoding.empty() && bom && encoding != "utf-8") return fail(error, "encoding problem: " + encoding + " with BOM");

  std::string utf8;
  int charmap = -1;
  const Codec codec = encoding.empty() ? Codec::Utf8 : codec_of(encoding, charmap);
  if (codec == Codec::Utf8) {
    utf8.assign(bytes);  // invalid sequences are reported where a token holds them, as CPython does
  } else if (codec == Codec::Latin1) {
    utf8.reserve(bytes.size() + bytes.size() / 8);
    for (char c : bytes) append_utf8(utf8, static_cast<unsigned char>(c));
  } else if (codec == Codec::Ascii) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (static_cast<unsigned char>(bytes[i]) >= 0x80) {
        char msg[160];
        std::snprintf(msg, sizeof msg,
                      "'ascii' codec can't decode byte 0x%02x in position %zu: ordinal not in range(128)",
                      static_cast<unsigned char>(bytes[i]), i);
        return fail(error, msg);
      }
    }
    utf8.assign(bytes);
  } else if (codec == Codec::Charmap) {
    const char16_t* high = kCharmapCodecs[charmap].high;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const unsigned char b = static_cast<unsigned char>(bytes[i]);
      const char32_t cp = b < 0x80 ? b : high[b - 0x80];
      if (cp == 0xFFFE) {
        char msg[160];
        std::snprintf(msg, sizeof msg,
                      "'charmap' codec can't decode byte 0x%02x in position %zu: character maps to <undefined>", b, i);
        return fail(error, msg);
      }
      append_utf8(utf8, cp);
    }
  } else {
    return fail(error, "unknown encoding: " + encoding +
                           " (pyfront reads UTF-8 and the single-byte encodings that keep ASCII)");
  }
  out.encoding_ = bom ? "utf-8-sig" : encoding.empty() ? "utf-8" : encoding;

  // Newlines as CPython's translate_newlines leaves them.
  if (utf8.find('\r') == std::string::npos) {
    out.text_ = std::move(utf8);
  } else {
    out.text_.reserve(utf8.size() + 1);
    for (std::size_t i = 0; i < utf8.size(); ++i) {
      if (utf8[i] == '\r') {
        out.text_ += '\n';
        if (i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
      } else {
        out.text_ += utf8[i];
      }
    }
  }
  if (out.text_.empty() || out.text_.back() != '\n') {
    out.text_ += '\n';
    out.added_final_newline_ = true;
  }
  out.line_starts_.push_back(0);
  const char* text = out.text_.data();
  const std::size_t size = out.text_.size();
  for (const char* p = text; (p = static_cast<const char*>(std::memchr(p, '\n', size - 1 - static_cast<std::size_t>(p - text))));) {
    ++p;
    out.line_starts_.push_back(static_cast<std::uint32_t>(p - text));
    if (static_cast<std::size_t>(p - text) >= size - 1) break;
  }
  return true;
}

std::uint32_t Source::line_of(std::uint32_t offset) const noexcept {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::uint32_t>(it - line_starts_.begin());
}

std::string_view Source::line_text(std::uint32_t line) const noexcept {
  const std::uint32_t begin = line_start(line);
  const std::uint32_t end = line < line_count() ? line_start(line + 1) - 1 : static_cast<std::uint32_t>(text_.size()) - 1;
  return std::string_view(text_).substr(begin, end - begin);
}

std::uint32_t Source::char_column(std::uint32_t offset) const noexcept {
  const std::uint32_t begin = line_start(line_of(offset));
  return static_cast<std::uint32_t>(count_code_points(std::string_view(text_).substr(begin, offset - begin)));
}

const char* error_kind_name(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::SyntaxError: return "SyntaxError";
    case ErrorKind::IndentationError: return "IndentationError";
    case ErrorKind::TabError: return "TabError";
  }
  return "SyntaxError";
}

}  // namespace pyfront
