// The Python 3.11 lexer: the tokens of a decoded Source, one at a time.
//
// It follows CPython 3.11's C tokenizer (Parser/tokenizer.c): the same
// tokens, the same errors with the same messages. Differences from
// `tokenize`, CPython's Python module, are only in what it reports about
// trivia (LexerOptions::trivia produces its COMMENT and NL tokens and its
// positions for them); an f-string is one STRING token, as in 3.11.
//
// Indentation, as CPython computes it at the start of every line that is
// not blank (only spaces, tabs, form feeds, then a comment or the newline)
// and not inside brackets:
//   1. col counts a space as 1 and a tab as up to the next multiple of 8;
//      altcol counts both as 1; a form feed resets both to 0.
//   2. col equal to the top of the stack: nothing, unless altcol differs
//      from the top's altcol (TabError, "inconsistent use of tabs and
//      spaces in indentation").
//   3. col greater: push it (INDENT), unless 100 levels are open
//      (IndentationError, "too many levels of indentation") or altcol is
//      not greater too (TabError).
//   4. col smaller: pop (one DEDENT each) while it is smaller than the top;
//      then it must equal the top (IndentationError, "unindent does not
//      match any outer indentation level") and so must altcol (TabError).
// At the end of the text every open level closes (DEDENTs, then ENDMARKER).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.h"
#include "source.h"
#include "token.h"

namespace pyfront {

struct LexerOptions {
  // Also produce COMMENT tokens, and NL for the newlines that end no
  // logical line (blank lines, comment lines, newlines inside brackets).
  bool trivia = false;
};

class Lexer {
 public:
  static constexpr int kMaxIndentLevels = 100;   // CPython's MAXINDENT
  static constexpr int kMaxBracketDepth = 200;   // CPython's MAXLEVEL

  explicit Lexer(const Source& source, LexerOptions options = {});
  // Lexes only text()[begin, end), as if inside brackets (newlines end no
  // line, no indentation): an f-string's expression, with the offsets of
  // its tokens still those of the whole text.
  Lexer(const Source& source, std::uint32_t begin, std::uint32_t end);

  // The next token. After an error it returns one ERRORTOKEN, error() holds
  // the diagnostic, and every later call returns ENDMARKER. An ERRORTOKEN
  // with no error() is a character no token starts with ('$', '?', '!'
  // alone), left for the parser to reject.
  Token next();

  const std::optional<Diagnostic>& error() const noexcept { return error_; }

  // An open bracket: its character and offset (for the parser's messages).
  struct Bracket {
    char open;
    std::uint32_t offset;
  };
  const std::vector<Bracket>& open_brackets() const noexcept { return brackets_; }

 private:
  Token make(TokenKind kind, std::uint32_t begin, std::uint8_t flags = 0) const {
    return Token{kind, flags, KeywordId::None, begin, static_cast<std::uint32_t>(pos_)};
  }
  Token fail(ErrorKind kind, std::string message, std::uint32_t at, std::uint32_t end);
  Token fail(std::string message, std::uint32_t at) { return fail(ErrorKind::SyntaxError, std::move(message), at, at); }

  bool start_line();  // false after an error
  Token pending_indentation();
  Token end_of_text();
  Token identifier_or_string();
  Token identifier(std::uint32_t begin);
  Token string(std::uint32_t begin, std::uint8_t prefix_flags);
  Token number(std::uint32_t begin);
  bool decimal_tail();
  bool end_of_number(const char* kind);
  Token operator_or_bracket(std::uint32_t begin);

  // Where CPython's tokenizer errors put the caret: on the last character
  // read before the one that was wrong.
  std::uint32_t last_consumed() const noexcept { return static_cast<std::uint32_t>(pos_ == 0 ? 0 : pos_ - 1); }
  char at(std::size_t i) const noexcept { return i < text_.size() ? text_[i] : '\0'; }
  char peek() const noexcept { return at(pos_); }

  const Source& source_;
  std::string_view text_;
  LexerOptions options_;
  std::size_t pos_ = 0;
  bool at_line_start_ = true;
  bool blank_line_ = false;     // the current line holds no token (trivia: its newline is NL)
  bool continued_ = false;      // the line ended in a backslash
  bool implicit_brackets_ = false;  // lexing an f-string expression
  bool done_ = false;
  int pending_ = 0;             // > 0: INDENTs to return, < 0: DEDENTs
  std::uint32_t pending_begin_ = 0, pending_end_ = 0;
  std::vector<int> indents_{0};     // col of each open level (invariant: strictly increasing)
  std::vector<int> alt_indents_{0}; // altcol of each
  std::vector<Bracket> brackets_;
  std::optional<Diagnostic> error_;
};

}  // namespace pyfront
