// The parser's core: the token array, errors, names, targets, and `file`.
#include "pyfront/parser.h"

#include <cstring>

#include "pyfront/lexer.h"
#include "pyfront/unicode.h"

namespace pyfront {
namespace detail {
namespace {

// The keyword a NAME spells, if any: by length, then first letter.
KeywordId keyword_of(std::string_view n) {
  auto is = [&](std::string_view k, KeywordId id) { return n == k ? id : KeywordId::None; };
  switch (n.size()) {
    case 1: return n[0] == '_' ? KeywordId::Underscore : KeywordId::None;
    case 2:
      switch (n[0]) {
        case 'a': return is("as", KeywordId::As);
        case 'o': return is("or", KeywordId::Or);
        case 'i':
          return n[1] == 'f' ? KeywordId::If : n[1] == 'n' ? KeywordId::In : n[1] == 's' ? KeywordId::Is : KeywordId::None;
        default: return KeywordId::None;
      }
    case 3:
      switch (n[0]) {
        case 'a': return is("and", KeywordId::And);
        case 'd': return n == "def" ? KeywordId::Def : is("del", KeywordId::Del);
        case 'f': return is("for", KeywordId::For);
        case 'n': return is("not", KeywordId::Not);
        case 't': return is("try", KeywordId::Try);
        default: return KeywordId::None;
      }
    case 4:
      switch (n[0]) {
        case 'N': return is("None", KeywordId::None_);
        case 'T': return is("True", KeywordId::True);
        case 'c': return is("case", KeywordId::Case);
        case 'e': return n == "elif" ? KeywordId::Elif : is("else", KeywordId::Else);
        case 'f': return is("from", KeywordId::From);
        case 'p': return is("pass", KeywordId::Pass);
        case 'w': return is("with", KeywordId::With);
        default: return KeywordId::None;
      }
    case 5:
      switch (n[0]) {
        case 'F': return is("False", KeywordId::False);
        case 'a': return n == "async" ? KeywordId::Async : is("await", KeywordId::Await);
        case 'b': return is("break", KeywordId::Break);
        case 'c': return is("class", KeywordId::Class);
        case 'm': return is("match", KeywordId::Match);
        case 'r': return is("raise", KeywordId::Raise);
        case 'w': return is("while", KeywordId::While);
        case 'y': return is("yield", KeywordId::Yield);
        default: return KeywordId::None;
      }
    case 6:
      switch (n[0]) {
        case 'a': return is("assert", KeywordId::Assert);
        case 'e': return is("except", KeywordId::Except);
        case 'g': return is("global", KeywordId::Global);
        case 'i': return is("import", KeywordId::Import);
        case 'l': return is("lambda", KeywordId::Lambda);
        case 'r': return is("return", KeywordId::Return);
        default: return KeywordId::None;
      }
    case 7: return is("finally", KeywordId::Finally);
    case 8: return n == "continue" ? KeywordId::Continue : is("nonlocal", KeywordId::Nonlocal);
    default: return KeywordId::None;
  }
}

}  // namespace

// What CPython calls an expression it cannot assign to (or delete).
const char* expression_name(const ast::ExprNode* e) {
  using K = ast::ExprKind;
  switch (e->kind) {
    case K::Attribute: return "attribute";
    case K::Subscript: return "subscript";
    case K::Starred: return "starred";
    case K::Name: return "name";
    case K::List: return "list";
    case K::Tuple: return "tuple";
    case K::Lambda: return "lambda";
    case K::Call: return "function call";
    case K::BoolOp: case K::BinOp: case K::UnaryOp: return "expression";
    case K::GeneratorExp: return "generator expression";
    case K::Yield: case K::YieldFrom: return "yield expression";
    case K::Await: return "await expression";
    case K::ListComp: return "list comprehension";
    case K::SetComp: return "set comprehension";
    case K::DictComp: return "dict comprehension";
    case K::Dict: return "dict literal";
    case K::Set: return "set display";
    case K::JoinedStr: case K::FormattedValue: return "f-string expression";
    case K::Constant: {
      const auto& v = static_cast<const ast::Constant*>(e)->value;
      if (v.kind == ast::ConstantValue::Kind::None) return "None";
      if (v.kind == ast::ConstantValue::Kind::True) return "True";
      if (v.kind == ast::ConstantValue::Kind::False) return "False";
      if (v.kind == ast::ConstantValue::Kind::Ellipsis) return "ellipsis";
      return "literal";
    }
    case K::Compare: return "comparison";
    case K::IfExp: return "conditional expression";
    case K::NamedExpr: return "named expression";
    case K::Slice: return "slice";
  }
  return "expression";
}

bool is_bitwise_or_level(const ast::ExprNode* e) {
  using K = ast::ExprKind;
  switch (e->kind) {
    case K::Compare: case K::BoolOp: case K::IfExp: case K::Lambda: case K::NamedExpr: case K::Starred:
    case K::Yield: case K::YieldFrom:
      return false;
    case K::UnaryOp: return static_cast<const ast::UnaryOp*>(e)->op != ast::UnaryOperator::Not;
    default: return true;
  }
}

Parser::Parser(const Source& source, ast::Arena& arena, std::vector<Token> tokens,
               std::optional<Diagnostic> lexer_error)
    : source_(source), arena_(arena), tokens_(std::move(tokens)), lexer_error_(std::move(lexer_error)) {}

void mark_keyword(Token& t, std::string_view text) {
  if (t.kind == TokenKind::Name) t.keyword = keyword_of(text.substr(t.begin, t.end - t.begin));
}

bool Parser::at_name() const {
  const Token& t = peek();
  return t.kind == TokenKind::Name && (t.keyword == KeywordId::None || is_soft_keyword(t.keyword));
}

std::nullptr_t Parser::fail(std::string message, std::uint32_t begin, std::uint32_t end, ErrorKind kind) {
  if (error_) return nullptr;
  // Having read up to an unclosed bracket's end of text, CPython reports that.
  if (eof_error_ && at_unclosed_end()) {
    error_ = eof_error_;
    return nullptr;
  }
  error_ = Diagnostic{kind, std::move(message), begin, end};
  return nullptr;
}

std::nullptr_t Parser::fail_here(std::string message) {
  const Token& t = peek();
  return fail(std::move(message), t.begin, t.end);
}

// A generic failure at the current token. The tokenizer's error, if the
// file has one, is what CPython reports instead.
std::nullptr_t Parser::invalid_syntax() {
  if (error_) return nullptr;
  if (lexer_error_) {
    error_ = lexer_error_;
    return nullptr;
  }
  const Token& t = peek();
  if (eof_error_ && at_unclosed_end()) {
    error_ = eof_error_;
    return nullptr;
  }
  if (t.kind == TokenKind::Indent) return fail("unexpected indent", t.begin, t.end, ErrorKind::IndentationError);
  if (t.kind == TokenKind::EndMarker) return fail("invalid syntax", t.begin, t.end);
  return fail("invalid syntax", t.begin, t.end);
}

bool Parser::expect(TokenKind k, const char* what) {
  if (accept(k)) return true;
  if (what && !lexer_error_) {
    fail(std::string("expected '") + what + "'", peek().begin, peek().end);
    return false;
  }
  invalid_syntax();
  return false;
}

bool Parser::expect(KeywordId k, const char* what) {
  if (accept(k)) return true;
  if (what && !lexer_error_) {
    fail(std::string("expected '") + what + "'", peek().begin, peek().end);
    return false;
  }
  invalid_syntax();
  return false;
}

// A name as CPython keeps it: NFKC-normalised when not ASCII.
ast::Identifier Parser::name_of(const Token& t) {
  const std::string_view s = text(t);
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return arena_.copy(nfkc(s));
  return s;
}

// Makes `e` a target (Store or Del), as CPython's grammar admits targets:
// names, attributes, subscripts, and tuples/lists/starred of those.
bool Parser::to_target(ast::ExprNode* e, ast::ExprContext ctx, const char* verb) {
  using K = ast::ExprKind;
  switch (e->kind) {
    case K::Name: static_cast<ast::Name*>(e)->ctx = ctx; return true;
    case K::Attribute: static_cast<ast::Attribute*>(e)->ctx = ctx; return true;
    case K::Subscript: static_cast<ast::Subscript*>(e)->ctx = ctx; return true;
    case K::Starred: {
      auto* s = static_cast<ast::Starred*>(e);
      if (ctx == ast::ExprContext::Del) break;
      s->ctx = ctx;
      return to_target(s->value, ctx, verb);
    }
    case K::Tuple: {
      auto* t = static_cast<ast::Tuple*>(e);
      t->ctx = ctx;
      for (ast::ExprNode* x : t->elts)
        if (!to_target(x, ctx, verb)) return false;
      return true;
    }
    case K::List: {
      auto* l = static_cast<ast::List*>(e);
      l->ctx = ctx;
      for (ast::ExprNode* x : l->elts)
        if (!to_target(x, ctx, verb)) return false;
      return true;
    }
    default: break;
  }
  fail(std::string("cannot ") + verb + " " + expression_name(e), e->loc.begin, e->loc.end);
  return false;
}

// file: [statements] ENDMARKER
ast::Module* Parser::file() {
  std::vector<ast::StmtNode*> body;
  if (!statements(body, false)) return nullptr;
  if (!at(TokenKind::EndMarker)) return invalid_syntax();
  auto* m = arena_.make<ast::Module>();
  m->kind = ast::ModKind::Module;
  m->body = seq(body);
  return m;
}

}  // namespace detail

ParseResult parse_module(const Source& source, ast::Arena& arena) {
  std::vector<Token> tokens;
  tokens.reserve(source.text().size() / 4 + 16);
  Lexer lexer(source);
  std::optional<Diagnostic> lexer_error;
  for (;;) {
    Token t = lexer.next();
    if (lexer.error()) {
      lexer_error = lexer.error();
      tokens.push_back(t);
      tokens.push_back(Token{TokenKind::EndMarker, 0, KeywordId::None, t.end, t.end});
      break;
    }
    detail::mark_keyword(t, source.text());
    tokens.push_back(t);
    if (t.kind == TokenKind::EndMarker) break;
  }
  // A bracket never closed is the parser's error, at the end (see eof_error_).
  std::optional<Diagnostic> eof_error;
  if (lexer_error && lexer_error->message.find("was never closed") != std::string::npos) {
    eof_error = lexer_error;
    lexer_error.reset();
  }
  detail::Parser parser(source, arena, std::move(tokens), lexer_error);
  parser.eof_error_ = eof_error;
  ParseResult r;
  r.module = parser.file();
  if (parser.error() || !r.module) {
    r.module = nullptr;
    // A tokenizer error anywhere in the file is what CPython reports, over
    // any error of its parser (it re-reads the rest of the file for one).
    r.error = lexer_error ? lexer_error : parser.error() ? parser.error() : eof_error;
    // A parser error after a bracket that is never closed becomes that
    // bracket's, as CPython decides it when it re-reads the rest of the file:
    // when the error is on a later line, or is the missing-comma hint (whose
    // second expression runs on to the end of the text).
    if (eof_error && r.error && r.error->message != eof_error->message && !lexer_error) {
      const bool comma = r.error->message == "invalid syntax. Perhaps you forgot a comma?";
      if (comma ? r.error->begin >= eof_error->begin
                : source.line_of(r.error->begin) > source.line_of(eof_error->begin))
        r.error = eof_error;
    }
    if (!r.error) r.error = Diagnostic{ErrorKind::SyntaxError, "invalid syntax", 0, 0};
  }
  return r;
}

}  // namespace pyfront
