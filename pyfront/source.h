// A source file as the lexer reads it: decoded to UTF-8 as CPython decodes
// the bytes given to compile() (a UTF-8 BOM, or a PEP 263 coding cookie on
// line 1 or 2), with "\r\n" and "\r" turned into "\n" and a final newline
// added when missing. Offsets everywhere are byte offsets into text().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace pyfront {

class Source {
 public:
  // Decodes `bytes`. On failure returns false and fills `error` (a
  // SyntaxError at the start of the text: an unknown or unsupported
  // encoding, bytes the encoding rejects, a NUL byte).
  static bool decode(std::string name, std::string_view bytes, Source& out, Diagnostic& error);

  const std::string& name() const noexcept { return name_; }
  std::string_view text() const noexcept { return text_; }
  // The encoding the bytes were read with, as tokenize names it ("utf-8",
  // "utf-8-sig", "iso-8859-1").
  const std::string& encoding() const noexcept { return encoding_; }
  // Whether the last line had no newline of its own (one was added).
  bool added_final_newline() const noexcept { return added_final_newline_; }

  // Lines are 1-based; a line's text excludes its newline.
  std::uint32_t line_count() const noexcept { return static_cast<std::uint32_t>(line_starts_.size()); }
  std::uint32_t line_of(std::uint32_t offset) const noexcept;
  std::uint32_t line_start(std::uint32_t line) const noexcept { return line_starts_[line - 1]; }
  std::string_view line_text(std::uint32_t line) const noexcept;
  // Columns of `offset` on its line: in bytes (the AST's col_offset) and in
  // code points (tokenize's and the caret's).
  std::uint32_t byte_column(std::uint32_t offset) const noexcept { return offset - line_start(line_of(offset)); }
  std::uint32_t char_column(std::uint32_t offset) const noexcept;

 private:
  std::string name_;
  std::string text_;
  std::string encoding_;
  bool added_final_newline_ = false;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace pyfront
