// The Python 3.11 parser: recursive descent over the whole file's tokens,
// one function per grammar rule (CPython's Grammar/python.gram; each
// function's comment gives the rule it parses), precedence climbing for the
// binary operators, building the AST in an Arena.
//
// Locations follow CPython: a node spans the tokens of the rule that made
// it, so a parenthesised operand's parentheses belong to the enclosing node
// (`(a) + b` starts at the '('), while the parenthesised node itself keeps
// its inner span (the Name `a` starts after it), except tuples and
// generator expressions, whose parentheses are theirs.
//
// Errors: the first error ends the parse (CPython reports one). A tokenizer
// error anywhere in the file wins over a generic "invalid syntax", as
// CPython re-reads the rest of the file for one before reporting that.
// Nesting deeper than kMaxDepth rules is "too many nested parentheses"
// rather than a stack overflow.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pyfront/ast.h"
#include "pyfront/diagnostic.h"
#include "pyfront/source.h"
#include "pyfront/token.h"

namespace pyfront {

struct ParseResult {
  ast::Module* module = nullptr;  // null after an error
  std::optional<Diagnostic> error;
};

// Parses a whole file (CPython's `file` rule) into `arena`.
ParseResult parse_module(const Source& source, ast::Arena& arena);

namespace detail {

// An expression and the tokens it was parsed from: begin/end include any
// parentheses around it, which its node's own location does not.
struct Parsed {
  ast::ExprNode* node = nullptr;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool parenthesized = false;
  explicit operator bool() const { return node != nullptr; }
};

// Sets a NAME token's keyword (the lexer leaves it None).
void mark_keyword(Token& t, std::string_view text);
// What CPython calls an expression in its messages ("function call", "literal").
const char* expression_name(const ast::ExprNode* e);
// Whether CPython's grammar reaches `e` at the bitwise_or level (not a
// comparison, boolean, conditional, lambda, named or starred expression).
bool is_bitwise_or_level(const ast::ExprNode* e);

class Parser {
 public:
  static constexpr int kMaxDepth = 1000;

  Parser(const Source& source, ast::Arena& arena, std::vector<Token> tokens,
         std::optional<Diagnostic> lexer_error);

  ast::Module* file();
  const std::optional<Diagnostic>& error() const { return error_; }

  // --- expressions (parser_expr.cpp) ---
  bool starts_expression() const;
  Parsed expression();
  Parsed named_expression();
  Parsed mistaken_assignment(const Parsed& target);
  bool forgot_comma(const Parsed& previous);
  Parsed star_expressions();
  Parsed star_named_expression();
  Parsed star_named_expressions_tuple(std::uint32_t begin, Parsed first);
  Parsed disjunction();
  Parsed conjunction();
  Parsed bool_chain(KeywordId keyword, ast::BoolOperator op, Parsed (Parser::*operand)());
  Parsed inversion();
  Parsed comparison();
  Parsed binary(int min_precedence);
  Parsed factor();
  Parsed power();
  Parsed await_primary();
  Parsed primary();
  Parsed atom();
  Parsed lambdef();
  Parsed yield_expr();
  Parsed slices();
  Parsed slice();
  Parsed paren_atom();
  bool more_elements(std::vector<ast::ExprNode*>& elts, TokenKind closer);
  Parsed list_atom();
  Parsed brace_atom();
  ast::Seq<ast::Comprehension*> for_if_clauses();
  ast::ExprNode* star_targets();
  bool call_arguments(std::vector<ast::ExprNode*>& args, std::vector<ast::Keyword*>& keywords,
                      std::uint32_t open);
  ast::Arguments* parameters(bool lambda, TokenKind closer);
  Parsed strings();
  Parsed number();

  // --- statements (parser_stmt.cpp) ---
  bool statements(std::vector<ast::StmtNode*>& out, bool until_dedent);
  bool statement(std::vector<ast::StmtNode*>& out);
  bool simple_stmts(std::vector<ast::StmtNode*>& out);
  ast::StmtNode* simple_stmt();
  ast::StmtNode* expression_statement();
  ast::StmtNode* compound_stmt();
  // `what` names the statement for "expected an indented block after ..."
  // ("'if' statement", "function definition"); `keyword` is where it starts.
  ast::Seq<ast::StmtNode*> block(const char* what, std::uint32_t keyword);
  ast::StmtNode* if_stmt(bool elif);
  ast::StmtNode* while_stmt();
  ast::StmtNode* for_stmt(std::uint32_t async_begin);
  ast::StmtNode* with_stmt(std::uint32_t async_begin);
  ast::StmtNode* try_stmt();
  ast::StmtNode* function_def(std::vector<ast::ExprNode*> decorators, std::uint32_t async_begin);
  ast::StmtNode* class_def(std::vector<ast::ExprNode*> decorators);
  ast::StmtNode* decorated();
  ast::StmtNode* import_stmt();
  ast::StmtNode* import_from();
  ast::StmtNode* match_stmt();
  ast::PatternNode* patterns();
  ast::PatternNode* pattern();
  ast::PatternNode* or_pattern();
  ast::PatternNode* closed_pattern();
  ast::ExprNode* signed_number_or_complex();

  // --- targets ---
  bool to_target(ast::ExprNode* e, ast::ExprContext ctx, const char* verb);

  // --- literals (literals.cpp) ---
  bool decode_string_token(const Token& t, std::string& out, bool& is_bytes);
  bool fstring(const Token& t, std::uint32_t span_begin, std::uint32_t span_end,
               std::vector<ast::ExprNode*>& parts, std::string& pending);
  // span: the whole (implicitly concatenated) string, where its parts are;
  // token: the f-string token being read, where a format spec is.
  // A format spec (depth > 0) ends at its field's '}': `stop` gets where.
  bool fstring_body(std::uint32_t begin, std::uint32_t end, bool raw, ast::Location span, ast::Location token,
                    int depth, std::vector<ast::ExprNode*>& parts, std::string& pending, std::uint32_t& stop);

  // --- tokens and errors (parser.cpp) ---
  const Token& peek(std::size_t ahead = 0) const {
    return pos_ + ahead < tokens_.size() ? tokens_[pos_ + ahead] : tokens_.back();
  }
  bool at(TokenKind k) const { return peek().kind == k; }
  bool at(KeywordId k) const { return peek().kind == TokenKind::Name && peek().keyword == k; }
  bool at_name() const;  // a NAME that is not a hard keyword
  const Token& take() {
    const Token& t = peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    prev_end_ = t.end;
    if (t.kind != TokenKind::Newline && t.kind != TokenKind::Indent && t.kind != TokenKind::Dedent) last_end_ = t.end;
    return t;
  }
  bool accept(TokenKind k) {
    if (!at(k)) return false;
    take();
    return true;
  }
  bool accept(KeywordId k) {
    if (!at(k)) return false;
    take();
    return true;
  }
  bool expect(TokenKind k, const char* what);
  bool expect(KeywordId k, const char* what);
  std::nullptr_t fail(std::string message, std::uint32_t begin, std::uint32_t end,
                      ErrorKind kind = ErrorKind::SyntaxError);
  std::nullptr_t fail_here(std::string message);
  std::nullptr_t invalid_syntax();
  bool failed() const { return error_.has_value(); }
  // At the ERRORTOKEN the lexer ends a text with an unclosed bracket on (the
  // last but one token; a '$' earlier on is an ERRORTOKEN too).
  bool at_unclosed_end() const { return peek().kind == TokenKind::ErrorToken && pos_ + 2 == tokens_.size(); }
  std::string_view text(const Token& t) const { return source_.text().substr(t.begin, t.end - t.begin); }
  ast::Identifier name_of(const Token& t);

  template <class T>
  T* node(std::uint32_t begin, std::uint32_t end) {
    T* n = arena_.make<T>();
    n->kind = T::kKind;
    n->loc = ast::Location{begin, end};
    return n;
  }
  template <class T>
  ast::Seq<T> seq(const std::vector<T>& v) {
    return arena_.seq(v);
  }
  Parsed wrap(ast::ExprNode* n) {
    return n ? Parsed{n, n->loc.begin, n->loc.end, false} : Parsed{};
  }

  // Counts rule depth; too deep is an error, not a stack overflow.
  struct DepthGuard {
    Parser& p;
    bool ok;
    explicit DepthGuard(Parser& parser) : p(parser), ok(++parser.depth_ <= kMaxDepth) {
      if (!ok && !p.failed()) p.fail_here("too many nested parentheses");
    }
    ~DepthGuard() { --p.depth_; }
  };

  const Source& source_;
  ast::Arena& arena_;
  std::vector<Token> tokens_;
  std::optional<Diagnostic> lexer_error_;
  // "'(' was never closed": reported only when the parser reaches the end
  // of the text, not in place of an earlier "invalid syntax".
  std::optional<Diagnostic> eof_error_;
  std::size_t pos_ = 0;
  std::uint32_t prev_end_ = 0;  // the end of the last token taken
  // ... of the last token taken that is not NEWLINE, INDENT or DEDENT: where
  // a compound statement ends (CPython: its last non-whitespace token).
  std::uint32_t last_end_ = 0;
  int depth_ = 0;
  std::optional<Diagnostic> error_;
};

}  // namespace detail
}  // namespace pyfront
