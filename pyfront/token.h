// Tokens: a kind, flags and a byte span of the source text, nothing more
// (the parser reads a token's text through its span).
//
// The kinds and their names are CPython 3.11's (Lib/token.py), so
// `pyfront tokens` prints what `python3 -m tokenize -e` prints. COMMENT and
// NL are trivia: the lexer produces them only when asked (LexerOptions).
#pragma once

#include <cstdint>
#include <string_view>

namespace pyfront {

// X(kind, name, spelling): spelling is the operator's text, "" otherwise.
#define PYFRONT_TOKEN_KINDS(X)            \
  X(EndMarker, "ENDMARKER", "")           \
  X(Name, "NAME", "")                     \
  X(Number, "NUMBER", "")                 \
  X(String, "STRING", "")                 \
  X(Newline, "NEWLINE", "")               \
  X(Indent, "INDENT", "")                 \
  X(Dedent, "DEDENT", "")                 \
  X(LPar, "LPAR", "(")                    \
  X(RPar, "RPAR", ")")                    \
  X(LSqb, "LSQB", "[")                    \
  X(RSqb, "RSQB", "]")                    \
  X(Colon, "COLON", ":")                  \
  X(Comma, "COMMA", ",")                  \
  X(Semi, "SEMI", ";")                    \
  X(Plus, "PLUS", "+")                    \
  X(Minus, "MINUS", "-")                  \
  X(Star, "STAR", "*")                    \
  X(Slash, "SLASH", "/")                  \
  X(VBar, "VBAR", "|")                    \
  X(Amper, "AMPER", "&")                  \
  X(Less, "LESS", "<")                    \
  X(Greater, "GREATER", ">")              \
  X(Equal, "EQUAL", "=")                  \
  X(Dot, "DOT", ".")                      \
  X(Percent, "PERCENT", "%")              \
  X(LBrace, "LBRACE", "{")                \
  X(RBrace, "RBRACE", "}")                \
  X(EqEqual, "EQEQUAL", "==")             \
  X(NotEqual, "NOTEQUAL", "!=")           \
  X(LessEqual, "LESSEQUAL", "<=")         \
  X(GreaterEqual, "GREATEREQUAL", ">=")   \
  X(Tilde, "TILDE", "~")                  \
  X(Circumflex, "CIRCUMFLEX", "^")        \
  X(LeftShift, "LEFTSHIFT", "<<")         \
  X(RightShift, "RIGHTSHIFT", ">>")       \
  X(DoubleStar, "DOUBLESTAR", "**")       \
  X(PlusEqual, "PLUSEQUAL", "+=")         \
  X(MinEqual, "MINEQUAL", "-=")           \
  X(StarEqual, "STAREQUAL", "*=")         \
  X(SlashEqual, "SLASHEQUAL", "/=")       \
  X(PercentEqual, "PERCENTEQUAL", "%=")   \
  X(AmperEqual, "AMPEREQUAL", "&=")       \
  X(VBarEqual, "VBAREQUAL", "|=")         \
  X(CircumflexEqual, "CIRCUMFLEXEQUAL", "^=") \
  X(LeftShiftEqual, "LEFTSHIFTEQUAL", "<<=")  \
  X(RightShiftEqual, "RIGHTSHIFTEQUAL", ">>=") \
  X(DoubleStarEqual, "DOUBLESTAREQUAL", "**=") \
  X(DoubleSlash, "DOUBLESLASH", "//")     \
  X(DoubleSlashEqual, "DOUBLESLASHEQUAL", "//=") \
  X(At, "AT", "@")                        \
  X(AtEqual, "ATEQUAL", "@=")             \
  X(RArrow, "RARROW", "->")               \
  X(Ellipsis, "ELLIPSIS", "...")          \
  X(ColonEqual, "COLONEQUAL", ":=")       \
  X(ErrorToken, "ERRORTOKEN", "")         \
  X(Comment, "COMMENT", "")               \
  X(NL, "NL", "")

enum class TokenKind : std::uint8_t {
#define PYFRONT_TOKEN_ENUM(kind, name, spelling) kind,
  PYFRONT_TOKEN_KINDS(PYFRONT_TOKEN_ENUM)
#undef PYFRONT_TOKEN_ENUM
};

// The CPython name of a kind ("LPAR").
std::string_view token_kind_name(TokenKind kind) noexcept;

// Flag bits of a token.
//   kStringRaw .. kStringFormat: a STRING's prefix letters (any case).
enum TokenFlags : std::uint8_t {
  kStringRaw = 1 << 0,
  kStringBytes = 1 << 1,
  kStringUnicode = 1 << 2,
  kStringFormat = 1 << 3,
  kStringTriple = 1 << 4,
};

// Python's keywords and soft keywords, as the parser marks NAME tokens
// (Token::keyword); the lexer leaves it KeywordId::None.
#define PYFRONT_KEYWORDS(X)                                                                             \
  X(False, "False") X(None_, "None") X(True, "True") X(And, "and") X(As, "as") X(Assert, "assert")     \
  X(Async, "async") X(Await, "await") X(Break, "break") X(Class, "class") X(Continue, "continue")      \
  X(Def, "def") X(Del, "del") X(Elif, "elif") X(Else, "else") X(Except, "except") X(Finally, "finally") \
  X(For, "for") X(From, "from") X(Global, "global") X(If, "if") X(Import, "import") X(In, "in")         \
  X(Is, "is") X(Lambda, "lambda") X(Nonlocal, "nonlocal") X(Not, "not") X(Or, "or") X(Pass, "pass")    \
  X(Raise, "raise") X(Return, "return") X(Try, "try") X(While, "while") X(With, "with")                \
  X(Yield, "yield") X(Match, "match") X(Case, "case") X(Underscore, "_")

enum class KeywordId : std::uint8_t {
  None = 0,
#define PYFRONT_KEYWORD_ENUM(kw, text) kw,
  PYFRONT_KEYWORDS(PYFRONT_KEYWORD_ENUM)
#undef PYFRONT_KEYWORD_ENUM
};
// Soft keywords are names everywhere but where the grammar says otherwise.
inline bool is_soft_keyword(KeywordId k) { return k == KeywordId::Match || k == KeywordId::Case || k == KeywordId::Underscore; }

struct Token {
  TokenKind kind = TokenKind::EndMarker;
  std::uint8_t flags = 0;
  KeywordId keyword = KeywordId::None;
  std::uint32_t begin = 0;  // byte offsets into Source::text(), end exclusive
  std::uint32_t end = 0;
};

}  // namespace pyfront
