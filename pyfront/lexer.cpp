#include "lexer.h"

#include <array>
#include <cstdio>
#include <cstring>

#include "unicode.h"

namespace pyfront {
namespace {

constexpr int kTabSize = 8;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Bytes that may continue a name: letters, digits, '_', any non-ASCII byte.
constexpr auto kIdentifierBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                     c == '_' || c >= 0x80;
  return t;
}();
bool is_identifier_start_byte(char c) { return is_ascii_letter(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool is_identifier_byte(char c) { return kIdentifierBytes[static_cast<unsigned char>(c)]; }

std::string format(const char* fmt, auto... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

// Why Python's UTF-8 decoder stops at `text[pos]`, decoding `text` alone.
const char* utf8_error_reason(std::string_view text, std::size_t pos) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = b(pos);
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return "invalid start byte";
  }
  for (std::size_t i = 1; i <= need; ++i) {
    if (pos + i >= text.size()) return "unexpected end of data";
    const unsigned char c = b(pos + i);
    if (i == 1 ? (c < lo || c > hi) : (c & 0xC0) != 0x80) return "invalid continuation byte";
  }
  return "invalid continuation byte";
}

char closer_of(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

}  // namespace

std::string_view token_kind_name(TokenKind kind) noexcept {
  switch (kind) {
#define PYFRONT_TOKEN_NAME(kind, name, spelling) \
  case TokenKind::kind:                          \
    return name;
    PYFRONT_TOKEN_KINDS(PYFRONT_TOKEN_NAME)
#undef PYFRONT_TOKEN_NAME
  }
  return "?";
}

Lexer::Lexer(const Source& source, LexerOptions options)
    : source_(source), text_(source.text()), options_(options) {}

Lexer::Lexer(const Source& source, std::uint32_t begin, std::uint32_t end)
    : source_(source), text_(source.text().substr(0, end)), pos_(begin), at_line_start_(false),
      implicit_brackets_(true) {}

Token Lexer::fail(ErrorKind kind, std::string message, std::uint32_t at, std::uint32_t end) {
  error_ = Diagnostic{kind, std::move(message), at, end};
  done_ = true;
  return Token{TokenKind::ErrorToken, 0, KeywordId::None, at, end};
}

Token Lexer::next() {
  if (done_) return Token{TokenKind::EndMarker, 0, KeywordId::None, static_cast<std::uint32_t>(text_.size()),
                          static_cast<std::uint32_t>(text_.size())};
  if (pending_ != 0) return pending_indentation();
  for (;;) {
    if (at_line_start_) {
      if (!start_line()) return Token{TokenKind::ErrorToken, 0, KeywordId::None, error_->begin, error_->end};
      if (pending_ != 0) return pending_indentation();
    }
    while (peek() == ' ' || peek() == '\t' || peek() == '\f') ++pos_;
    const auto begin = static_cast<std::uint32_t>(pos_);
    if (pos_ >= text_.size()) return end_of_text();
    const char c = peek();
    if (c == '#') {
      while (peek() != '\n') ++pos_;
      if (options_.trivia) return make(TokenKind::Comment, begin);
      continue;
    }
    if (c == '\n') {
      ++pos_;
      at_line_start_ = true;
      continued_ = false;
      if (blank_line_ || !brackets_.empty() || implicit_brackets_) {
        if (options_.trivia) return make(TokenKind::NL, begin);
        continue;
      }
      return make(TokenKind::Newline, begin);
    }
    blank_line_ = false;
    if (c == '\\') {
      if (at(pos_ + 1) != '\n') return fail("unexpected character after line continuation character", begin + 1);
      pos_ += 2;
      if (pos_ >= text_.size()) return fail("unexpected EOF while parsing", last_consumed());
      continued_ = true;
      continue;
    }
    if (is_identifier_start_byte(c)) return identifier_or_string();
    if (is_digit(c) || (c == '.' && is_digit(at(pos_ + 1)))) return number(begin);
    if (c == '\'' || c == '"') return string(begin, 0);
    return operator_or_bracket(begin);
  }
}

// At the first character of a line: measures its indentation and queues
// INDENTs or DEDENTs (steps 1-4 at the top of lexer.h).
bool Lexer::start_line() {
  at_line_start_ = false;
  const auto line_begin = static_cast<std::uint32_t>(pos_);
  int col = 0, altcol = 0;
  for (;; ++pos_) {
    const char c = peek();
    if (c == ' ') {
      ++col, ++altcol;
    } else if (c == '\t') {
      col = (col / kTabSize + 1) * kTabSize;
      ++altcol;
    } else if (c == '\f') {
      col = altcol = 0;
    } else {
      break;
    }
  }
  const bool at_end = pos_ >= text_.size();
  blank_line_ = !at_end && (peek() == '#' || peek() == '\n');
  if (blank_line_ || !brackets_.empty() || implicit_brackets_) return true;
  const auto here = static_cast<std::uint32_t>(pos_);
  // CPython puts a TabError's caret at the start of the line.
  auto tab_error = [&] {
    fail(ErrorKind::TabError, "inconsistent use of tabs and spaces in indentation", line_begin, line_begin);
    return false;
  };
  if (col == indents_.back()) {
    if (altcol != alt_indents_.back()) return tab_error();
  } else if (col > indents_.back()) {
    if (static_cast<int>(indents_.size()) >= kMaxIndentLevels) {
      fail(ErrorKind::IndentationError, "too many levels of indentation", here, here);
      return false;
    }
    if (altcol <= alt_indents_.back()) return tab_error();
    indents_.push_back(col);
    alt_indents_.push_back(altcol);
    pending_ = 1;
    pending_begin_ = line_begin;
    pending_end_ = here;
  } else {
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      alt_indents_.pop_back();
      --pending_;
    }
    if (col != indents_.back()) {
      // CPython's caret: one past the line's first character.
      fail(ErrorKind::IndentationError, "unindent does not match any outer indentation level", here + 1, here + 1);
      return false;
    }
    if (altcol != alt_indents_.back()) return tab_error();
    pending_begin_ = pending_end_ = here;
  }
  return true;
}

Token Lexer::pending_indentation() {
  if (pending_ > 0) {
    --pending_;
    return Token{TokenKind::Indent, 0, KeywordId::None, pending_begin_, pending_end_};
  }
  ++pending_;
  return Token{TokenKind::Dedent, 0, KeywordId::None, pending_begin_, pending_begin_};
}

Token Lexer::end_of_text() {
  const auto end = static_cast<std::uint32_t>(text_.size());
  if (!brackets_.empty()) {
    const Bracket& b = brackets_.back();
    return fail(format("'%c' was never closed", b.open), b.offset);
  }
  done_ = true;
  return Token{TokenKind::EndMarker, 0, KeywordId::None, end, end};
}

// A name, or a string with a prefix (CPython's legal combinations of b, r,
// u and f, in any case: u alone; b, r, f, and br/rb, fr/rf).
Token Lexer::identifier_or_string() {
  const auto begin = static_cast<std::uint32_t>(pos_);
  bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
  std::uint8_t flags = 0;
  for (std::size_t p = pos_;; ++p) {
    const char c = at(p);
    if (c == '"' || c == '\'') {
      pos_ = p;
      return string(begin, flags);
    }
    if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) {
      saw_b = true, flags |= kStringBytes;
    } else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) {
      saw_u = true, flags |= kStringUnicode;
    } else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) {
      saw_r = true, flags |= kStringRaw;
    } else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) {
      saw_f = true, flags |= kStringFormat;
    } else {
      break;
    }
  }
  return identifier(begin);
}

// A name: ASCII letters, digits, '_' and any non-ASCII character, checked
// as CPython's verify_identifier does (XID_Start, then XID_Continue).
Token Lexer::identifier(std::uint32_t begin) {
  bool ascii = true;
  const char* p = text_.data() + pos_;
  const char* const end = text_.data() + text_.size();  // text ends with '\n', which stops the loop
  while (p < end && is_identifier_byte(*p)) {
    ascii &= static_cast<unsigned char>(*p) < 0x80;
    ++p;
  }
  pos_ = static_cast<std::size_t>(p - text_.data());
  if (ascii) return make(TokenKind::Name, begin);
  const std::string_view name = text_.substr(begin, pos_ - begin);
  for (std::size_t i = 0; i < name.size();) {
    const Decoded d = decode_utf8(name, i);
    if (d.cp == kInvalidCodePoint) {
      return fail(format("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                         static_cast<unsigned char>(name[i]), i, utf8_error_reason(name, i)),
                  begin);
    }
    if (!(i == 0 ? is_xid_start(d.cp) : is_xid_continue(d.cp))) {
      const auto end = static_cast<std::uint32_t>(begin + i + d.length);
      std::string message;
      if (is_printable(d.cp)) {
        message = "invalid character '";
        append_utf8(message, d.cp);
        message += format("' (U+%04X)", static_cast<unsigned>(d.cp));
      } else {
        message = format("invalid non-printable character U+%04X", static_cast<unsigned>(d.cp));
      }
      return fail(ErrorKind::SyntaxError, std::move(message), static_cast<std::uint32_t>(begin + i), end);
    }
    i += d.length;
  }
  return make(TokenKind::Name, begin);
}

// A string from its opening quote (pos_); `begin` is where its prefix
// starts. Escapes are only skipped here: the parser decodes them.
Token Lexer::string(std::uint32_t begin, std::uint8_t prefix_flags) {
  const char quote = peek();
  const bool triple = at(pos_ + 1) == quote && at(pos_ + 2) == quote;
  pos_ += triple ? 3 : 1;
  if (triple) prefix_flags |= kStringTriple;
  for (;;) {
    if (pos_ >= text_.size()) {
      return fail(format("unterminated triple-quoted string literal (detected at line %u)", source_.line_count()),
                  begin);
    }
    const char c = text_[pos_];
    if (c == quote) {
      if (!triple) {
        ++pos_;
        break;
      }
      if (at(pos_ + 1) == quote && at(pos_ + 2) == quote) {
        pos_ += 3;
        break;
      }
    } else if (c == '\n' && !triple) {
      return fail(format("unterminated string literal (detected at line %u)",
                         source_.line_of(static_cast<std::uint32_t>(pos_))),
                  begin);
    } else if (c == '\\') {
      ++pos_;
      if (pos_ >= text_.size()) continue;  // reported as unterminated on the next turn
    }
    ++pos_;
  }
  return make(TokenKind::String, begin, prefix_flags);
}

// Digits and single underscores between them, after a first digit
// (CPython's tok_decimal_tail). False after an error.
bool Lexer::decimal_tail() {
  for (;;) {
    while (is_digit(peek())) ++pos_;
    if (peek() != '_') return true;
    ++pos_;
    if (!is_digit(peek())) {
      fail("invalid decimal literal", last_consumed());
      return false;
    }
  }
}

// What may follow a number (CPython's verify_end_of_number): a keyword that
// can follow one in valid code ("1if x else y"), or nothing that continues
// a name. False after an error.
bool Lexer::end_of_number(const char* kind) {
  // "if", "in", "is": CPython checks two letters; the others must end there.
  static constexpr const char* kKeywordsAfterNumbers[] = {"and", "else", "for", "not", "or"};
  if (peek() == 'i' && (at(pos_ + 1) == 'f' || at(pos_ + 1) == 'n' || at(pos_ + 1) == 's')) return true;
  for (const char* kw : kKeywordsAfterNumbers) {
    const std::size_t n = std::strlen(kw);
    if (text_.compare(pos_, n, kw) == 0 && !is_identifier_byte(at(pos_ + n))) return true;
  }
  // Only an ASCII letter, digit or '_' (3.11.7): a non-ASCII character
  // after a number starts the next token.
  if (is_identifier_byte(peek()) && static_cast<unsigned char>(peek()) < 0x80) {
    fail(format("invalid %s literal", kind), last_consumed());
    return false;
  }
  return true;
}

// A number, as CPython's tokenizer reads it (hex, octal, binary, decimal
// integers with underscores; floats with fraction and exponent; imaginary).
Token Lexer::number(std::uint32_t begin) {
  auto done = [&](const char* kind) { return end_of_number(kind) ? make(TokenKind::Number, begin) : Token{TokenKind::ErrorToken, 0, KeywordId::None, error_->begin, error_->end}; };
  auto error_token = [&] { return Token{TokenKind::ErrorToken, 0, KeywordId::None, error_->begin, error_->end}; };
  // 0x, 0o, 0b: digits of the radix with single underscores. For octal and
  // binary a decimal digit out of range has its own message.
  auto radix = [&](auto is_radix_digit, const char* name, bool names_bad_digit) -> Token {
    pos_ += 2;
    auto bad_digit = [&] {
      return fail(format("invalid digit '%c' in %s literal", peek(), name), static_cast<std::uint32_t>(pos_));
    };
    do {
      if (peek() == '_') ++pos_;
      if (!is_radix_digit(peek())) {
        if (names_bad_digit && is_digit(peek())) return bad_digit();
        return fail(format("invalid %s literal", name), last_consumed());
      }
      while (is_radix_digit(peek())) ++pos_;
    } while (peek() == '_');
    if (names_bad_digit && is_digit(peek())) return bad_digit();
    return done(name);
  };

  bool fraction = false, exponent = false;
  if (peek() == '0' && (at(pos_ + 1) == 'x' || at(pos_ + 1) == 'X')) return radix(is_hex_digit, "hexadecimal", false);
  if (peek() == '0' && (at(pos_ + 1) == 'o' || at(pos_ + 1) == 'O'))
    return radix([](char c) { return c >= '0' && c <= '7'; }, "octal", true);
  if (peek() == '0' && (at(pos_ + 1) == 'b' || at(pos_ + 1) == 'B'))
    return radix([](char c) { return c == '0' || c == '1'; }, "binary", true);
  if (peek() == '.') {
    fraction = true;
  } else if (peek() == '0') {
    // Zeros (with underscores); then a nonzero digit makes it an old-style
    // octal unless a fraction, exponent or 'j' follows.
    for (;;) {
      ++pos_;
      if (peek() == '_') {
        ++pos_;
        if (!is_digit(peek())) return fail("invalid decimal literal", last_consumed());
      }
      if (peek() != '0') break;
    }
    const std::size_t zeros_end = pos_;
    bool nonzero = false;
    if (is_digit(peek())) {
      nonzero = true;
      if (!decimal_tail()) return error_token();
    }
    if (peek() == '.') {
      fraction = true;
    } else if (peek() == 'e' || peek() == 'E') {
      exponent = true;
    } else if (peek() == 'j' || peek() == 'J') {
      ++pos_;
      return done("imaginary");
    } else if (nonzero) {
      return fail(ErrorKind::SyntaxError,
                  "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                  begin, static_cast<std::uint32_t>(zeros_end));
    } else {
      return done("decimal");
    }
  } else {
    if (!decimal_tail()) return error_token();
    if (peek() == '.') fraction = true;
    else if (peek() == 'e' || peek() == 'E') exponent = true;
  }
  if (fraction) {
    ++pos_;  // '.'
    if (is_digit(peek()) && !decimal_tail()) return error_token();
    if (peek() == 'e' || peek() == 'E') exponent = true;
  }
  if (exponent) {
    const std::size_t e = pos_;
    ++pos_;
    if (peek() == '+' || peek() == '-') {
      ++pos_;
      if (!is_digit(peek())) return fail("invalid decimal literal", last_consumed());
    } else if (!is_digit(peek())) {
      // "1e" then not a digit: the number ends before the 'e', if a
      // keyword may follow it ("1else"); otherwise the 'e' is an error.
      pos_ = e;
      return done("decimal");
    }
    if (!decimal_tail()) return error_token();
  }
  if (peek() == 'j' || peek() == 'J') {
    ++pos_;
    return done("imaginary");
  }
  return done("decimal");
}

// The longest operator at pos_ (CPython's PyToken_ThreeChars, TwoChars,
// OneChar), decided by its first character.
Token Lexer::operator_or_bracket(std::uint32_t begin) {
  const char c = peek(), c1 = at(pos_ + 1), c2 = at(pos_ + 2);
  TokenKind kind = TokenKind::ErrorToken;
  int n = 1;
  auto with_equal = [&](TokenKind plain, TokenKind equal) {
    if (c1 == '=') {
      kind = equal, n = 2;
    } else {
      kind = plain;
    }
  };
  switch (c) {
    case '(': case '[': case '{': {
      if (static_cast<int>(brackets_.size()) >= kMaxBracketDepth) return fail("too many nested parentheses", begin);
      brackets_.push_back(Bracket{c, begin});
      kind = c == '(' ? TokenKind::LPar : c == '[' ? TokenKind::LSqb : TokenKind::LBrace;
      break;
    }
    case ')': case ']': case '}': {
      if (brackets_.empty()) return fail(format("unmatched '%c'", c), begin);
      const Bracket open = brackets_.back();
      if (closer_of(open.open) != c) {
        const std::uint32_t open_line = source_.line_of(open.offset);
        if (open_line != source_.line_of(begin)) {
          return fail(format("closing parenthesis '%c' does not match opening parenthesis '%c' on line %u", c,
                             open.open, open_line),
                      begin);
        }
        return fail(format("closing parenthesis '%c' does not match opening parenthesis '%c'", c, open.open), begin);
      }
      brackets_.pop_back();
      kind = c == ')' ? TokenKind::RPar : c == ']' ? TokenKind::RSqb : TokenKind::RBrace;
      break;
    }
    case ':': with_equal(TokenKind::Colon, TokenKind::ColonEqual); break;
    case ',': kind = TokenKind::Comma; break;
    case ';': kind = TokenKind::Semi; break;
    case '+': with_equal(TokenKind::Plus, TokenKind::PlusEqual); break;
    case '-':
      if (c1 == '>') {
        kind = TokenKind::RArrow, n = 2;
      } else {
        with_equal(TokenKind::Minus, TokenKind::MinEqual);
      }
      break;
    case '*':
      if (c1 == '*') {
        kind = c2 == '=' ? TokenKind::DoubleStarEqual : TokenKind::DoubleStar, n = c2 == '=' ? 3 : 2;
      } else {
        with_equal(TokenKind::Star, TokenKind::StarEqual);
      }
      break;
    case '/':
      if (c1 == '/') {
        kind = c2 == '=' ? TokenKind::DoubleSlashEqual : TokenKind::DoubleSlash, n = c2 == '=' ? 3 : 2;
      } else {
        with_equal(TokenKind::Slash, TokenKind::SlashEqual);
      }
      break;
    case '|': with_equal(TokenKind::VBar, TokenKind::VBarEqual); break;
    case '&': with_equal(TokenKind::Amper, TokenKind::AmperEqual); break;
    case '^': with_equal(TokenKind::Circumflex, TokenKind::CircumflexEqual); break;
    case '%': with_equal(TokenKind::Percent, TokenKind::PercentEqual); break;
    case '@': with_equal(TokenKind::At, TokenKind::AtEqual); break;
    case '=': with_equal(TokenKind::Equal, TokenKind::EqEqual); break;
    case '~': kind = TokenKind::Tilde; break;
    case '<':
      if (c1 == '<') {
        kind = c2 == '=' ? TokenKind::LeftShiftEqual : TokenKind::LeftShift, n = c2 == '=' ? 3 : 2;
      } else {
        with_equal(TokenKind::Less, TokenKind::LessEqual);
      }
      break;
    case '>':
      if (c1 == '>') {
        kind = c2 == '=' ? TokenKind::RightShiftEqual : TokenKind::RightShift, n = c2 == '=' ? 3 : 2;
      } else {
        with_equal(TokenKind::Greater, TokenKind::GreaterEqual);
      }
      break;
    case '.':
      if (c1 == '.' && c2 == '.') {
        kind = TokenKind::Ellipsis, n = 3;
      } else {
        kind = TokenKind::Dot;
      }
      break;
    case '!':
      if (c1 == '=') kind = TokenKind::NotEqual, n = 2;  // '!' alone: no token starts with it
      break;
    default: break;  // '$', '?', '`': no token starts with them
  }
  pos_ += static_cast<std::size_t>(n);
  return make(kind, begin);
}

}  // namespace pyfront
