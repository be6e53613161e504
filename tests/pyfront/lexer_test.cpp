// The lexer: tokens, indentation, strings, numbers, brackets, names,
// trivia, and CPython 3.11's messages and caret columns for its errors (each
// expected message and column below is what CPython 3.11's compile() says).
#include "pyfront/lexer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

using pyfront::Diagnostic;
using pyfront::ErrorKind;
using pyfront::Lexer;
using pyfront::LexerOptions;
using pyfront::Source;
using pyfront::Token;
using pyfront::TokenKind;

Source decode(std::string_view bytes) {
  Source s;
  Diagnostic error;
  EXPECT_TRUE(Source::decode("t.py", bytes, s, error)) << error.message;
  return s;
}

// "KIND text" for every token up to ENDMARKER (or the error).
std::vector<std::string> lex(std::string_view code, LexerOptions options = {}) {
  const Source source = decode(code);
  Lexer lexer(source, options);
  std::vector<std::string> out;
  for (int guard = 0; guard < 10000; ++guard) {
    const Token t = lexer.next();
    std::string s(pyfront::token_kind_name(t.kind));
    if (t.end > t.begin && t.kind != TokenKind::Newline && t.kind != TokenKind::NL)
      s += " " + std::string(source.text().substr(t.begin, t.end - t.begin));
    out.push_back(s);
    if (t.kind == TokenKind::EndMarker || t.kind == TokenKind::ErrorToken) return out;
  }
  ADD_FAILURE() << "the lexer did not reach ENDMARKER";
  return out;
}

struct Error {
  ErrorKind kind;
  std::string message;
  std::uint32_t line;
  std::uint32_t offset;  // 1-based, in characters: CPython's SyntaxError.offset
};

// The lexer's error on `code`, as CPython reports it.
Error lex_error(std::string_view code) {
  const Source source = decode(code);
  Lexer lexer(source);
  for (int guard = 0; guard < 10000; ++guard) {
    const Token t = lexer.next();
    if (lexer.error()) {
      const Diagnostic& d = *lexer.error();
      const std::uint32_t at = std::min<std::uint32_t>(d.begin, static_cast<std::uint32_t>(source.text().size()));
      const std::uint32_t line = at < source.text().size() ? source.line_of(at) : source.line_count();
      const std::uint32_t col = at < source.text().size() ? source.char_column(at) : 0;
      return Error{d.kind, d.message, line, col + 1};
    }
    if (t.kind == TokenKind::EndMarker) break;
  }
  ADD_FAILURE() << "no error lexing: " << code;
  return {};
}

#define EXPECT_LEX_ERROR(code, kind_, message_, line_, offset_) \
  do {                                                          \
    const Error e = lex_error(code);                            \
    EXPECT_EQ(e.kind, ErrorKind::kind_) << (code);              \
    EXPECT_EQ(e.message, message_) << (code);                   \
    EXPECT_EQ(e.line, line_u(line_)) << (code);                 \
    EXPECT_EQ(e.offset, line_u(offset_)) << (code);             \
  } while (0)
constexpr std::uint32_t line_u(int v) { return static_cast<std::uint32_t>(v); }

using Tokens = std::vector<std::string>;

TEST(Lexer, AStatementIsItsTokensThenNewline) {
  EXPECT_EQ(lex("x = f(a, b=1) ** -2\n"),
            (Tokens{"NAME x", "EQUAL =", "NAME f", "LPAR (", "NAME a", "COMMA ,", "NAME b", "EQUAL =", "NUMBER 1",
                    "RPAR )", "DOUBLESTAR **", "MINUS -", "NUMBER 2", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, OperatorsTakeTheLongestSpelling) {
  EXPECT_EQ(lex("a **= b //= c >>= d <<= e ... f -> g := h != i @= j\n"),
            (Tokens{"NAME a", "DOUBLESTAREQUAL **=", "NAME b", "DOUBLESLASHEQUAL //=", "NAME c",
                    "RIGHTSHIFTEQUAL >>=", "NAME d", "LEFTSHIFTEQUAL <<=", "NAME e", "ELLIPSIS ...", "NAME f",
                    "RARROW ->", "NAME g", "COLONEQUAL :=", "NAME h", "NOTEQUAL !=", "NAME i", "ATEQUAL @=",
                    "NAME j", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, IndentationOpensAndClosesBlocks) {
  EXPECT_EQ(lex("if a:\n    if b:\n        c\nd\n"),
            (Tokens{"NAME if", "NAME a", "COLON :", "NEWLINE", "INDENT     ", "NAME if", "NAME b", "COLON :", "NEWLINE",
                    "INDENT         ", "NAME c", "NEWLINE", "DEDENT", "DEDENT", "NAME d", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, OpenBlocksCloseAtTheEnd) {
  EXPECT_EQ(lex("def f():\n  return 1"),
            (Tokens{"NAME def", "NAME f", "LPAR (", "RPAR )", "COLON :", "NEWLINE", "INDENT   ", "NAME return",
                    "NUMBER 1", "NEWLINE", "DEDENT", "ENDMARKER"}));
}

TEST(Lexer, BlankAndCommentLinesDoNotIndent) {
  EXPECT_EQ(lex("if a:\n\n      # deeper comment\n  b\n"),
            (Tokens{"NAME if", "NAME a", "COLON :", "NEWLINE", "INDENT   ", "NAME b", "NEWLINE", "DEDENT", "ENDMARKER"}));
}

TEST(Lexer, TabsCountToTheNextMultipleOfEight) {
  // A tab after four spaces reaches column 8, as eight spaces do; both
  // lines are at the same level only if tabs are used the same way.
  EXPECT_EQ(lex("if a:\n\tb\n\tc\n"),
            (Tokens{"NAME if", "NAME a", "COLON :", "NEWLINE", "INDENT \t", "NAME b", "NEWLINE", "NAME c", "NEWLINE",
                    "DEDENT", "ENDMARKER"}));
  EXPECT_LEX_ERROR("if x:\n\ta\n        b\n", TabError, "inconsistent use of tabs and spaces in indentation", 3, 1);
}

TEST(Lexer, UnindentMustMatchAnOuterLevel) {
  EXPECT_LEX_ERROR("if x:\n  a\n b\n", IndentationError, "unindent does not match any outer indentation level", 3, 3);
}

TEST(Lexer, AHundredLevelsOfIndentationIsTooMany) {
  std::string ok, deep;
  for (int i = 0; i < 98; ++i) ok += std::string(static_cast<std::size_t>(i), ' ') + "if x:\n";
  ok += std::string(98, ' ') + "pass\n";
  EXPECT_EQ(lex(ok).back(), "ENDMARKER");
  for (int i = 0; i < 100; ++i) deep += std::string(static_cast<std::size_t>(i), ' ') + "if x:\n";
  deep += std::string(100, ' ') + "pass\n";
  EXPECT_EQ(lex_error(deep).message, "too many levels of indentation");
}

TEST(Lexer, NewlinesInsideBracketsEndNoLine) {
  EXPECT_EQ(lex("x = (1,\n     2)\n"),
            (Tokens{"NAME x", "EQUAL =", "LPAR (", "NUMBER 1", "COMMA ,", "NUMBER 2", "RPAR )", "NEWLINE", "ENDMARKER"}));
  // ... and bracket lines are not indentation.
  EXPECT_EQ(lex("f(\n1)\n").back(), "ENDMARKER");
}

TEST(Lexer, ABackslashJoinsLines) {
  EXPECT_EQ(lex("x = 1 + \\\n    2\n"),
            (Tokens{"NAME x", "EQUAL =", "NUMBER 1", "PLUS +", "NUMBER 2", "NEWLINE", "ENDMARKER"}));
  EXPECT_LEX_ERROR("x = 1 \\ y\n", SyntaxError, "unexpected character after line continuation character", 1, 8);
  EXPECT_LEX_ERROR("x = 1 \\", SyntaxError, "unexpected EOF while parsing", 1, 8);
}

TEST(Lexer, BracketsMustMatch) {
  EXPECT_LEX_ERROR("x = )\n", SyntaxError, "unmatched ')'", 1, 5);
  EXPECT_LEX_ERROR("x = (]\n", SyntaxError, "closing parenthesis ']' does not match opening parenthesis '('", 1, 6);
  EXPECT_LEX_ERROR("x = (\n\n]\n", SyntaxError,
                   "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 3, 1);
  EXPECT_LEX_ERROR("x = (1,\n", SyntaxError, "'(' was never closed", 1, 5);
}

TEST(Lexer, MoreThanTwoHundredNestedBracketsAreTooMany) {
  EXPECT_EQ(lex(std::string(200, '(') + std::string(200, ')') + "\n").back(), "ENDMARKER");
  EXPECT_LEX_ERROR(std::string(201, '(') + "\n", SyntaxError, "too many nested parentheses", 1, 201);
}

TEST(Lexer, StringPrefixesAreCPythonsCombinations) {
  for (const char* s : {"'a'", "r'a'", "u'a'", "b'a'", "f'a'", "Rb'a'", "bR'a'", "fr'a'", "RF'a'", "\"a\"",
                        "'''a\nb'''", "\"\"\"a\"\"\""}) {
    const Tokens t = lex(std::string(s) + "\n");
    EXPECT_EQ(t, (Tokens{"STRING " + std::string(s), "NEWLINE", "ENDMARKER"})) << s;
  }
  // Not prefixes: a name, then a string.
  for (const char* s : {"ur'a'", "bu'a'", "fb'a'", "rr'a'"}) {
    const Tokens t = lex(std::string(s) + "\n");
    ASSERT_EQ(t.size(), 4u) << s;
    EXPECT_EQ(t[0].rfind("NAME ", 0), 0u) << s;
    EXPECT_EQ(t[1], "STRING 'a'") << s;
  }
}

TEST(Lexer, EscapesNeverEndAString) {
  EXPECT_EQ(lex("'a\\'b' \"c\\\\\"\n"), (Tokens{"STRING 'a\\'b'", "STRING \"c\\\\\"", "NEWLINE", "ENDMARKER"}));
  EXPECT_EQ(lex("'a\\\nb'\n"), (Tokens{"STRING 'a\\\nb'", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, UnterminatedStringsSayWhereTheyWereNoticed) {
  EXPECT_LEX_ERROR("x = '\n", SyntaxError, "unterminated string literal (detected at line 1)", 1, 5);
  EXPECT_LEX_ERROR("x = '''\n\n", SyntaxError, "unterminated triple-quoted string literal (detected at line 2)", 1, 5);
}

TEST(Lexer, NumbersInEveryForm) {
  for (const char* n : {"0", "00", "0_0", "7", "1_000_000", "0x_fF", "0XdeadBEEF", "0o17", "0O1_7", "0b1", "0B_1_0",
                        "1.", "1.5", ".5", "1e10", "1E+1_0", "1.5e-3", "0.0", "00.5", "1j", "1.5J", "0j", "09.5",
                        "1_0.0_1e1_0j"}) {
    EXPECT_EQ(lex(std::string(n) + "\n"), (Tokens{"NUMBER " + std::string(n), "NEWLINE", "ENDMARKER"})) << n;
  }
  // A keyword may follow a number without a space.
  EXPECT_EQ(lex("1if x else 2\n"),
            (Tokens{"NUMBER 1", "NAME if", "NAME x", "NAME else", "NUMBER 2", "NEWLINE", "ENDMARKER"}));
  EXPECT_EQ(lex("1else\n"), (Tokens{"NUMBER 1", "NAME else", "NEWLINE", "ENDMARKER"}));
  EXPECT_EQ(lex("0x1for x\n"), (Tokens{"NUMBER 0x1f", "NAME or", "NAME x", "NEWLINE", "ENDMARKER"}));
  // ... but only a whole keyword (two letters of if/in/is).
  EXPECT_LEX_ERROR("0x1for_\n", SyntaxError, "invalid hexadecimal literal", 1, 4);
  EXPECT_LEX_ERROR("1andy\n", SyntaxError, "invalid decimal literal", 1, 1);
  EXPECT_EQ(lex("1ifx\n"), (Tokens{"NUMBER 1", "NAME ifx", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, BadNumbersGetCPythonsMessages) {
  EXPECT_LEX_ERROR("0x\n", SyntaxError, "invalid hexadecimal literal", 1, 2);
  EXPECT_LEX_ERROR("0x1g\n", SyntaxError, "invalid hexadecimal literal", 1, 3);
  EXPECT_LEX_ERROR("x = 0o\n", SyntaxError, "invalid octal literal", 1, 6);
  EXPECT_LEX_ERROR("0o8\n", SyntaxError, "invalid digit '8' in octal literal", 1, 3);
  EXPECT_LEX_ERROR("0b2\n", SyntaxError, "invalid digit '2' in binary literal", 1, 3);
  EXPECT_LEX_ERROR("0b1_\n", SyntaxError, "invalid binary literal", 1, 4);
  EXPECT_LEX_ERROR("1__0\n", SyntaxError, "invalid decimal literal", 1, 2);
  EXPECT_LEX_ERROR("1_\n", SyntaxError, "invalid decimal literal", 1, 2);
  EXPECT_LEX_ERROR("1abc\n", SyntaxError, "invalid decimal literal", 1, 1);
  EXPECT_LEX_ERROR("1ex\n", SyntaxError, "invalid decimal literal", 1, 1);
  EXPECT_LEX_ERROR("1.e\n", SyntaxError, "invalid decimal literal", 1, 2);
  EXPECT_LEX_ERROR("x = 1e+\n", SyntaxError, "invalid decimal literal", 1, 7);
  EXPECT_LEX_ERROR("1jx\n", SyntaxError, "invalid imaginary literal", 1, 2);
  EXPECT_LEX_ERROR("012\n", SyntaxError,
                   "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                   1, 1);
}

TEST(Lexer, NamesMayBeUnicode) {
  EXPECT_EQ(lex("café = naïve_1\n"), (Tokens{"NAME café", "EQUAL =", "NAME naïve_1", "NEWLINE", "ENDMARKER"}));
  EXPECT_EQ(lex("ｆｏｏ = π\n"), (Tokens{"NAME ｆｏｏ", "EQUAL =", "NAME π", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, CharactersNoNameMayHoldAreErrors) {
  EXPECT_LEX_ERROR("€ = 1\n", SyntaxError, "invalid character '€' (U+20AC)", 1, 1);
  EXPECT_LEX_ERROR("ab€ = 1\n", SyntaxError, "invalid character '€' (U+20AC)", 1, 3);
  EXPECT_LEX_ERROR("a\u200b = 1\n", SyntaxError, "invalid non-printable character U+200B", 1, 2);
  EXPECT_LEX_ERROR("\xe9 = 1\n", SyntaxError,
                   "(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data", 1, 1);
}

TEST(Lexer, CharactersNoTokenStartsWithAreLeftToTheParser) {
  const Source source = decode("x = $\n");
  Lexer lexer(source);
  for (int i = 0; i < 2; ++i) (void)lexer.next();
  const Token t = lexer.next();
  EXPECT_EQ(t.kind, TokenKind::ErrorToken);
  EXPECT_FALSE(lexer.error().has_value());
  EXPECT_EQ(lexer.next().kind, TokenKind::Newline);
}

TEST(Lexer, TriviaAreCommentsAndNonLogicalNewlines) {
  EXPECT_EQ(lex("# top\nx = (1,  # one\n\n  2)\n", LexerOptions{.trivia = true}),
            (Tokens{"COMMENT # top", "NL", "NAME x", "EQUAL =", "LPAR (", "NUMBER 1", "COMMA ,", "COMMENT # one", "NL",
                    "NL", "NUMBER 2", "RPAR )", "NEWLINE", "ENDMARKER"}));
  // Without trivia the same text has none of them.
  EXPECT_EQ(lex("# top\nx = 1  # one\n"), (Tokens{"NAME x", "EQUAL =", "NUMBER 1", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, AfterAnErrorOnlyEndMarkersCome) {
  const Source source = decode("x = 0x\ny = 2\n");
  Lexer lexer(source);
  Token t;
  do t = lexer.next();
  while (t.kind != TokenKind::ErrorToken);
  ASSERT_TRUE(lexer.error().has_value());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(lexer.next().kind, TokenKind::EndMarker);
}

// Every token but INDENT/DEDENT/ENDMARKER consumes text, and those are
// bounded, so any input ends; random bytes must never crash or hang.
TEST(Lexer, RandomInputAlwaysEnds) {
  std::mt19937 rng(20261121);
  const std::string alphabet = "abcxyz019_ \t\n\\'\"#()[]{}:.,=+-*/<>!$\f\r\xc3\xa9\xe2\x82\xac\xff";
  for (int round = 0; round < 3000; ++round) {
    std::string code;
    const std::size_t n = rng() % 80;
    for (std::size_t i = 0; i < n; ++i) code += alphabet[rng() % alphabet.size()];
    Source source;
    Diagnostic error;
    if (!Source::decode("r.py", code, source, error)) continue;
    for (bool trivia : {false, true}) {
      Lexer lexer(source, LexerOptions{.trivia = trivia});
      std::size_t tokens = 0;
      for (;; ++tokens) {
        const Token t = lexer.next();
        ASSERT_LE(t.begin, t.end);
        ASSERT_LE(t.end, source.text().size());
        if (t.kind == TokenKind::EndMarker || lexer.error()) break;
        ASSERT_LT(tokens, 4 * source.text().size() + 8) << "no progress on: " << code;
      }
    }
  }
}

}  // namespace
