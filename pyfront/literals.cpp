// Literals: numbers (any base, to their decimal value), strings (escapes,
// implicit concatenation, bytes) and 3.11 f-strings, whose expressions are
// lexed and parsed where they stand in the source.
#include <charconv>
#include <cstdio>
#include <string>
#include <vector>

#include "pyfront/lexer.h"
#include "pyfront/parser.h"
#include "pyfront/unicode.h"

namespace pyfront::detail {
namespace {

using ast::ExprNode;

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `digits` (no underscores) in `base`, as decimal digits.
std::string to_decimal(std::string_view digits, int base) {
  std::vector<std::uint32_t> limbs;  // base 1e9, least significant first
  for (char c : digits) {
    std::uint64_t carry = static_cast<std::uint64_t>(digit_value(c));
    for (std::uint32_t& limb : limbs) {
      const std::uint64_t v = static_cast<std::uint64_t>(limb) * static_cast<std::uint64_t>(base) + carry;
      limb = static_cast<std::uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    while (carry) {
      limbs.push_back(static_cast<std::uint32_t>(carry % 1000000000u));
      carry /= 1000000000u;
    }
  }
  if (limbs.empty()) return "0";
  std::string out = std::to_string(limbs.back());
  char buf[16];
  for (std::size_t i = limbs.size() - 1; i-- > 0;) {
    std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
    out += buf;
  }
  return out;
}

std::string without_underscores(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != '_') out += c;
  return out;
}

double parse_double(const std::string& s) {
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec == std::errc::result_out_of_range) {
    // Too large is infinity (as Python reads 1e400), too small is zero.
    bool big = false;
    const auto e = s.find_first_of("eE");
    const long exp = e == std::string::npos ? 0 : std::strtol(s.c_str() + e + 1, nullptr, 10);
    big = exp > 0 || e == std::string::npos;
    return big ? __builtin_huge_val() : 0.0;
  }
  return v;
}

// Where a string token's body is: after its prefix and opening quotes.
struct StringParts {
  std::uint32_t body_begin;
  std::uint32_t body_end;
  bool raw, bytes, format, unicode;
};

StringParts string_parts(const Token& t, std::string_view text) {
  StringParts p{};
  std::uint32_t i = t.begin;
  while (text[i] != '\'' && text[i] != '"') ++i;
  const std::uint32_t quote_len = (t.flags & kStringTriple) ? 3 : 1;
  p.body_begin = i + quote_len;
  p.body_end = t.end - quote_len;
  p.raw = t.flags & kStringRaw;
  p.bytes = t.flags & kStringBytes;
  p.format = t.flags & kStringFormat;
  p.unicode = t.flags & kStringUnicode;
  return p;
}

std::string format(const char* fmt, auto... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

}  // namespace

// NUMBER: an int (to its decimal digits), a float or an imaginary number.
Parsed Parser::number() {
  const Token& t = take();
  const std::string_view s = text(t);
  auto* n = node<ast::Constant>(t.begin, t.end);
  const char last = s.back();
  const bool radix = s.size() > 1 && s[0] == '0' && std::string_view("xXoObB").find(s[1]) != std::string_view::npos;
  if (last == 'j' || last == 'J') {
    n->value.kind = ast::ConstantValue::Kind::Complex;
    n->value.number = parse_double(without_underscores(s.substr(0, s.size() - 1)));
  } else if (!radix && s.find_first_of(".eE") != std::string_view::npos) {
    n->value.kind = ast::ConstantValue::Kind::Float;
    n->value.number = parse_double(without_underscores(s));
  } else {
    n->value.kind = ast::ConstantValue::Kind::Int;
    std::string digits = without_underscores(radix ? s.substr(2) : s);
    const int base = !radix ? 10 : (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
    std::size_t nonzero = digits.find_first_not_of('0');
    if (base == 10) {
      n->value.text = arena_.copy(nonzero == std::string::npos ? std::string_view("0") : std::string_view(digits).substr(nonzero));
    } else {
      n->value.text = arena_.copy(to_decimal(digits, base));
    }
  }
  return Parsed{n, t.begin, t.end, false};
}

namespace {

// Decodes the escapes of `body` (a string's or bytes' text between its
// quotes) onto `out`. False with `error` set on a bad escape.
bool decode_escapes(std::string_view body, bool bytes, std::string& out, std::string& error) {
  for (std::size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      ++i;
      continue;
    }
    const char e = body[i + 1];
    const std::size_t start = i;
    i += 2;
    switch (e) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        unsigned v = static_cast<unsigned>(e - '0');
        for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k, ++i)
          v = v * 8 + static_cast<unsigned>(body[i] - '0');
        if (bytes) {
          out += static_cast<char>(v & 0xFF);
        } else {
          append_utf8(out, v);
        }
        break;
      }
      case 'x':
      case 'u':
      case 'U': {
        if (bytes && e != 'x') {
          out.append(body.substr(start, 2));
          break;
        }
        const int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        std::uint32_t v = 0;
        int got = 0;
        while (got < n && i < body.size() && digit_value(body[i]) >= 0) {
          v = v * 16 + static_cast<std::uint32_t>(digit_value(body[i]));
          ++i, ++got;
        }
        if (got < n) {
          const char* what = e == 'x' ? "\\xXX" : e == 'u' ? "\\uXXXX" : "\\UXXXXXXXX";
          error = bytes ? format("(value error) invalid \\x escape at position %zu", start)
                        : format("(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: "
                                 "truncated %s escape",
                                 start, i - 1, what);
          return false;
        }
        if (v > 0x10FFFF) {
          error = format("(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: illegal "
                         "Unicode character",
                         start, i - 1);
          return false;
        }
        if (bytes) {
          out += static_cast<char>(v);
        } else {
          append_utf8(out, v);
        }
        break;
      }
      case 'N':
        if (!bytes) {
          // \N{name}; CPython's errors: "malformed \N character escape"
          // (no braces) and "unknown Unicode character name".
          const std::size_t close = i < body.size() && body[i] == '{' ? body.find('}', i) : std::string_view::npos;
          char32_t cp = 0;
          if (close == std::string_view::npos || close == i + 1) {
            const std::size_t last = close == std::string_view::npos ? (i < body.size() && body[i] == '{' ? body.size() - 1 : i - 1) : close;
            error = format("(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: malformed \\N character escape",
                           start, last);
            return false;
          }
          if (!lookup_unicode_name(body.substr(i + 1, close - i - 1), cp)) {
            error = format("(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: unknown Unicode character name",
                           start, close);
            return false;
          }
          append_utf8(out, cp);
          i = close + 1;
          break;
        }
        [[fallthrough]];
      default:
        out += '\\';
        i = start + 1;  // the character after the backslash stays as it is
        break;
    }
  }
  return true;
}

}  // namespace

// The value of one (non-f) string token's body onto `out`: escapes decoded
// unless raw. False after an error.
bool Parser::decode_string_token(const Token& t, std::string& out, bool& is_bytes) {
  const std::string_view src = source_.text();
  const StringParts p = string_parts(t, src);
  is_bytes = p.bytes;
  const std::string_view body = src.substr(p.body_begin, p.body_end - p.body_begin);
  if (p.bytes) {
    for (char c : body) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        fail("bytes can only contain ASCII literal characters", t.begin, t.end);
        return false;
      }
    }
  } else if (const std::size_t bad = find_invalid_utf8(body); bad != std::string_view::npos) {
    fail(format("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: invalid start byte",
                static_cast<unsigned char>(body[bad]), bad),
         t.begin, t.end);
    return false;
  }
  if (p.raw) {
    out.append(body);
    return true;
  }
  std::string error;
  if (!decode_escapes(body, p.bytes, out, error)) {
    fail(error, t.begin, t.end);
    return false;
  }
  return true;
}

// strings: STRING+ — one Constant, or a JoinedStr when any part is an f-string.
Parsed Parser::strings() {
  const std::size_t first = pos_;
  while (at(TokenKind::String)) take();
  const std::uint32_t begin = tokens_[first].begin, end = prev_end_;
  bool any_format = false, any_bytes = false, any_text = false;
  for (std::size_t i = first; i < pos_; ++i) {
    const Token& t = tokens_[i];
    any_format |= (t.flags & kStringFormat) != 0;
    ((t.flags & kStringBytes) ? any_bytes : any_text) = true;
  }
  if (any_bytes && any_text) return Parsed{fail("cannot mix bytes and nonbytes literals", begin, end)};
  if (!any_format) {
    std::string value;
    bool is_bytes = false;
    for (std::size_t i = first; i < pos_; ++i)
      if (!decode_string_token(tokens_[i], value, is_bytes)) return {};
    auto* c = node<ast::Constant>(begin, end);
    c->value.kind = is_bytes ? ast::ConstantValue::Kind::Bytes : ast::ConstantValue::Kind::Str;
    c->value.text = arena_.copy(value);
    if (tokens_[first].flags & kStringUnicode) c->kind_ = "u";
    return Parsed{c, begin, end, false};
  }
  std::vector<ExprNode*> parts;
  std::string pending;
  for (std::size_t i = first; i < pos_; ++i) {
    const Token& t = tokens_[i];
    if (t.flags & kStringFormat) {
      if (!fstring(t, begin, end, parts, pending)) return {};
    } else {
      bool is_bytes = false;
      if (!decode_string_token(t, pending, is_bytes)) return {};
    }
  }
  if (!pending.empty()) {
    auto* c = node<ast::Constant>(begin, end);
    c->value.kind = ast::ConstantValue::Kind::Str;
    c->value.text = arena_.copy(pending);
    parts.push_back(c);
  }
  auto* j = node<ast::JoinedStr>(begin, end);
  j->values = seq(parts);
  return Parsed{j, begin, end, false};
}

bool Parser::fstring(const Token& t, std::uint32_t span_begin, std::uint32_t span_end, std::vector<ExprNode*>& parts,
                     std::string& pending) {
  const StringParts p = string_parts(t, source_.text());
  std::uint32_t stop = 0;
  return fstring_body(p.body_begin, p.body_end, p.raw, ast::Location{span_begin, span_end}, ast::Location{t.begin, t.end},
                      0, parts, pending, stop);
}

// An f-string's body, or a format spec's (depth 1): literal text, with
// "{{" and "}}" for braces, and replacement fields
// '{' expression ['='] ['!' conversion] [':' format_spec] '}'
// (CPython 3.11's fstring_find_literal and fstring_find_expr).
bool Parser::fstring_body(std::uint32_t begin, std::uint32_t end, bool raw, ast::Location span, ast::Location token,
                          int depth, std::vector<ExprNode*>& parts, std::string& pending, std::uint32_t& stop) {
  const std::string_view src = source_.text();
  const std::uint32_t span_begin = span.begin, span_end = span.end;
  auto flush = [&] {
    if (pending.empty()) return;
    auto* c = node<ast::Constant>(span_begin, span_end);
    c->value.kind = ast::ConstantValue::Kind::Str;
    c->value.text = arena_.copy(pending);
    parts.push_back(c);
    pending.clear();
  };
  auto literal = [&](std::uint32_t from, std::uint32_t to) -> bool {
    if (from >= to) return true;
    const std::string_view run = src.substr(from, to - from);
    if (raw) {
      pending.append(run);
      return true;
    }
    std::string error;
    if (!decode_escapes(run, false, pending, error)) {
      fail(error, span_begin, span_end);
      return false;
    }
    return true;
  };
  std::uint32_t i = begin, run = begin;
  while (i < end) {
    const char c = src[i];
    if (!raw && c == '\\' && i + 1 < end) {
      // An escape; \N{...} keeps its braces.
      if (src[i + 1] == 'N' && i + 2 < end && src[i + 2] == '{') {
        const std::size_t close = src.find('}', i + 3);
        i = close == std::string_view::npos || close >= end ? end : static_cast<std::uint32_t>(close + 1);
      } else {
        i += 2;
      }
      continue;
    }
    if (c == '}') {
      if (depth > 0) break;  // the end of a format spec
      if (i + 1 < end && src[i + 1] == '}') {
        if (!literal(run, i + 1)) return false;
        i += 2;
        run = i;
        continue;
      }
      fail("f-string: single '}' is not allowed", span_begin, span_end);
      return false;
    }
    if (c != '{') {
      ++i;
      continue;
    }
    if (i + 1 < end && src[i + 1] == '{' && depth == 0) {
      if (!literal(run, i + 1)) return false;
      i += 2;
      run = i;
      continue;
    }
    if (!literal(run, i)) return false;
    // A replacement field (at most inside one format spec). Find where its expression ends.
    if (depth >= 2) {
      fail("f-string: expressions nested too deeply", span_begin, span_end);
      return false;
    }
    const std::uint32_t expr_begin = i + 1;
    std::uint32_t j = expr_begin;
    char quote = 0;
    int quote_len = 0;
    std::vector<char> nesting;
    for (; j < end; ++j) {
      const char ch = src[j];
      if (ch == '\\') {
        fail("f-string expression part cannot include a backslash", span_begin, span_end);
        return false;
      }
      if (quote) {
        if (ch == quote && (quote_len == 1 || (j + 2 < end && src[j + 1] == quote && src[j + 2] == quote))) {
          j += static_cast<std::uint32_t>(quote_len - 1);
          quote = 0;
        }
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        quote_len = j + 2 < end && src[j + 1] == ch && src[j + 2] == ch ? 3 : 1;
        j += static_cast<std::uint32_t>(quote_len - 1);
        continue;
      }
      if (ch == '[' || ch == '{' || ch == '(') {
        nesting.push_back(ch);
        continue;
      }
      if (ch == '#') {
        fail("f-string expression part cannot include '#'", span_begin, span_end);
        return false;
      }
      if (nesting.empty() && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
        const char next = j + 1 < end ? src[j + 1] : '\0';
        if ((ch == '!' || ch == '=' || ch == '<' || ch == '>') && next == '=') {
          ++j;
          continue;
        }
        if (ch == '>' || ch == '<') continue;
        break;
      }
      if (ch == ']' || ch == '}' || ch == ')') {
        if (nesting.empty()) {
          fail(format("f-string: unmatched '%c'", ch), span_begin, span_end);
          return false;
        }
        const char open = nesting.back();
        nesting.pop_back();
        if ((open == '(' && ch != ')') || (open == '[' && ch != ']') || (open == '{' && ch != '}')) {
          fail(format("f-string: closing parenthesis '%c' does not match opening parenthesis '%c'", ch, open),
               span_begin, span_end);
          return false;
        }
      }
    }
    if (quote) {
      fail("f-string: unterminated string", span_begin, span_end);
      return false;
    }
    if (!nesting.empty()) {
      fail(format("f-string: unmatched '%c'", nesting.back()), span_begin, span_end);
      return false;
    }
    if (j >= end) {
      fail("f-string: expecting '}'", span_begin, span_end);
      return false;
    }
    const std::uint32_t expr_end = j;
    if (src.substr(expr_begin, expr_end - expr_begin).find_first_not_of(" \t\n\r\f\v") == std::string_view::npos) {
      fail("f-string: empty expression not allowed", span_begin, span_end);
      return false;
    }
    // The expression, lexed and parsed where it stands.
    ExprNode* value = nullptr;
    {
      std::vector<Token> tokens;
      Lexer lexer(source_, expr_begin, expr_end);
      for (;;) {
        const Token t = lexer.next();
        if (lexer.error()) {
          fail("f-string: " + lexer.error()->message, span_begin, span_end);
          return false;
        }
        Token marked = t;
        mark_keyword(marked, src);
        tokens.push_back(marked);
        if (t.kind == TokenKind::EndMarker) break;
      }
      Parser sub(source_, arena_, std::move(tokens), std::nullopt);
      sub.depth_ = depth_ + 1;
      Parsed e = sub.at(KeywordId::Yield) ? sub.yield_expr() : sub.star_expressions();
      if (!e || !sub.at(TokenKind::EndMarker)) {
        if (sub.error_ && sub.error_->message != "invalid syntax") {
          error_ = sub.error_;
        } else {
          fail("f-string: invalid syntax", span_begin, span_end);
        }
        return false;
      }
      value = e.node;
      // CPython parses the expression as "(" expr ")", with the parentheses
      // where the '{' and the character ending the expression are; a bare
      // tuple takes them into its span.
      if (value->kind == ast::ExprKind::Tuple && !e.parenthesized && e.begin >= expr_begin &&
          src[e.begin] != '(')
        value->loc = ast::Location{expr_begin - 1, expr_end + 1};
    }
    // '=': the expression's text (and the spaces after the '=') is literal text.
    bool debug = false;
    if (src[j] == '=') {
      ++j;
      while (j < end && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r' || src[j] == '\f' ||
                         src[j] == '\v'))
        ++j;
      pending.append(src.substr(expr_begin, j - expr_begin));
      debug = true;
    }
    int conversion = -1;
    if (j < end && src[j] == '!') {
      ++j;
      if (j >= end) {
        fail("f-string: expecting '}'", span_begin, span_end);
        return false;
      }
      const char conv = src[j++];
      if (conv != 's' && conv != 'r' && conv != 'a') {
        fail("f-string: invalid conversion character: expected 's', 'r', or 'a'", span_begin, span_end);
        return false;
      }
      conversion = conv;
    }
    ExprNode* spec = nullptr;
    if (j < end && src[j] == ':') {
      ++j;
      std::vector<ExprNode*> spec_parts;
      std::string spec_pending;
      // The spec runs to the '}' that closes this field (its own fields
      // are read, quotes and all, by the same scanner).
      std::uint32_t k = end;
      if (!fstring_body(j, end, raw, span, token, depth + 1, spec_parts, spec_pending, k)) return false;
      if (!spec_pending.empty()) {
        // CPython: a spec of text alone is at the token; text among fields at the whole string.
        const ast::Location at = spec_parts.empty() ? token : span;
        auto* c = node<ast::Constant>(at.begin, at.end);
        c->value.kind = ast::ConstantValue::Kind::Str;
        c->value.text = arena_.copy(spec_pending);
        spec_parts.push_back(c);
      }
      auto* js = node<ast::JoinedStr>(token.begin, token.end);
      js->values = seq(spec_parts);
      spec = js;
      j = k;
    }
    if (j >= end || src[j] != '}') {
      fail("f-string: expecting '}'", span_begin, span_end);
      return false;
    }
    ++j;
    if (debug && conversion == -1 && !spec) conversion = 'r';
    flush();
    auto* fv = node<ast::FormattedValue>(span_begin, span_end);
    fv->value = value;
    fv->conversion = conversion;
    fv->format_spec = spec;
    parts.push_back(fv);
    i = j;
    run = j;
  }
  stop = i < end ? i : end;
  return literal(run, stop);
}

}  // namespace pyfront::detail
