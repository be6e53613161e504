// Statements and patterns (CPython's Grammar/python.gram; each function's
// comment gives its rule).
#include "pyfront/parser.h"

#include <string>

namespace pyfront::detail {
namespace {

using ast::ExprNode;
using ast::StmtNode;

bool is_augassign(TokenKind k, ast::Operator& op) {
  switch (k) {
    case TokenKind::PlusEqual: op = ast::Operator::Add; return true;
    case TokenKind::MinEqual: op = ast::Operator::Sub; return true;
    case TokenKind::StarEqual: op = ast::Operator::Mult; return true;
    case TokenKind::AtEqual: op = ast::Operator::MatMult; return true;
    case TokenKind::SlashEqual: op = ast::Operator::Div; return true;
    case TokenKind::PercentEqual: op = ast::Operator::Mod; return true;
    case TokenKind::AmperEqual: op = ast::Operator::BitAnd; return true;
    case TokenKind::VBarEqual: op = ast::Operator::BitOr; return true;
    case TokenKind::CircumflexEqual: op = ast::Operator::BitXor; return true;
    case TokenKind::LeftShiftEqual: op = ast::Operator::LShift; return true;
    case TokenKind::RightShiftEqual: op = ast::Operator::RShift; return true;
    case TokenKind::DoubleStarEqual: op = ast::Operator::Pow; return true;
    case TokenKind::DoubleSlashEqual: op = ast::Operator::FloorDiv; return true;
    default: return false;
  }
}

}  // namespace

// statements: statement+   (until ENDMARKER, or the DEDENT that ends a block)
bool Parser::statements(std::vector<StmtNode*>& out, bool until_dedent) {
  for (;;) {
    if (at(TokenKind::EndMarker) || at(TokenKind::ErrorToken)) {
      if (at(TokenKind::ErrorToken)) return invalid_syntax(), false;
      return true;
    }
    if (until_dedent && at(TokenKind::Dedent)) return true;
    const std::size_t before = pos_;
    if (!statement(out)) return false;
    if (pos_ == before) return invalid_syntax(), false;  // every statement consumes a token
  }
}

// statement: compound_stmt | simple_stmts
bool Parser::statement(std::vector<StmtNode*>& out) {
  const Token& t = peek();
  bool compound = false;
  if (t.kind == TokenKind::At) {
    compound = true;
  } else if (t.kind == TokenKind::Name) {
    switch (t.keyword) {
      case KeywordId::Def: case KeywordId::If: case KeywordId::Class: case KeywordId::With:
      case KeywordId::For: case KeywordId::Try: case KeywordId::While:
        compound = true;
        break;
      case KeywordId::Async:
        compound = peek(1).keyword == KeywordId::Def || peek(1).keyword == KeywordId::For ||
                   peek(1).keyword == KeywordId::With;
        break;
      case KeywordId::Match: {
        StmtNode* m = match_stmt();
        if (failed()) return false;
        if (m) {
          out.push_back(m);
          return true;
        }
        break;
      }
      default: break;
    }
  } else if (t.kind == TokenKind::Indent) {
    invalid_syntax();
    return false;
  }
  if (compound) {
    StmtNode* s = compound_stmt();
    if (!s) return false;
    out.push_back(s);
    return true;
  }
  return simple_stmts(out);
}

// simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE
bool Parser::simple_stmts(std::vector<StmtNode*>& out) {
  for (;;) {
    StmtNode* s = simple_stmt();
    if (!s) return false;
    out.push_back(s);
    if (!accept(TokenKind::Semi)) break;
    if (at(TokenKind::Newline)) break;
  }
  if (!accept(TokenKind::Newline)) {
    invalid_syntax();
    return false;
  }
  return true;
}

// simple_stmt: assignment | star_expressions | return_stmt | import_stmt
//   | raise_stmt | 'pass' | del_stmt | yield_stmt | assert_stmt | 'break'
//   | 'continue' | global_stmt | nonlocal_stmt
StmtNode* Parser::simple_stmt() {
  const Token& t = peek();
  if (t.kind != TokenKind::Name) return expression_statement();
  switch (t.keyword) {
    case KeywordId::Pass: take(); return node<ast::Pass>(t.begin, t.end);
    case KeywordId::Break: take(); return node<ast::Break>(t.begin, t.end);
    case KeywordId::Continue: take(); return node<ast::Continue>(t.begin, t.end);
    case KeywordId::Return: {
      take();
      auto* r = node<ast::Return>(t.begin, t.end);
      if (starts_expression()) {
        Parsed v = star_expressions();
        if (!v) return nullptr;
        r->value = v.node;
        r->loc.end = prev_end_;
      }
      return r;
    }
    case KeywordId::Raise: {
      take();
      auto* r = node<ast::Raise>(t.begin, t.end);
      if (starts_expression()) {
        Parsed exc = expression();
        if (!exc) return nullptr;
        r->exc = exc.node;
        if (accept(KeywordId::From)) {
          Parsed cause = expression();
          if (!cause) return nullptr;
          r->cause = cause.node;
        }
        r->loc.end = prev_end_;
      }
      return r;
    }
    case KeywordId::Global:
    case KeywordId::Nonlocal: {
      take();
      std::vector<ast::Identifier> names;
      do {
        if (!at_name()) return invalid_syntax();
        names.push_back(name_of(take()));
      } while (accept(TokenKind::Comma));
      if (t.keyword == KeywordId::Global) {
        auto* g = node<ast::Global>(t.begin, prev_end_);
        g->names = seq(names);
        return g;
      }
      auto* n = node<ast::Nonlocal>(t.begin, prev_end_);
      n->names = seq(names);
      return n;
    }
    case KeywordId::Del: {
      take();
      std::vector<ExprNode*> targets;
      do {
        if (at(TokenKind::Newline) || at(TokenKind::Semi)) break;
        Parsed e = at(TokenKind::Star) ? star_named_expression() : binary(1);
        if (!e) return nullptr;
        if (!to_target(e.node, ast::ExprContext::Del, "delete")) return nullptr;
        targets.push_back(e.node);
      } while (accept(TokenKind::Comma));
      if (targets.empty()) return invalid_syntax();
      auto* d = node<ast::Delete>(t.begin, prev_end_);
      d->targets = seq(targets);
      return d;
    }
    case KeywordId::Assert: {
      take();
      Parsed test = expression();
      if (!test) return nullptr;
      auto* a = node<ast::Assert>(t.begin, test.end);
      a->test = test.node;
      if (accept(TokenKind::Comma)) {
        Parsed msg = expression();
        if (!msg) return nullptr;
        a->msg = msg.node;
      }
      a->loc.end = prev_end_;
      return a;
    }
    case KeywordId::Import: return import_stmt();
    case KeywordId::From: return import_from();
    default: return expression_statement();
  }
}

// assignment:
//     NAME ':' expression ['=' annotated_rhs]
//   | ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
//   | (star_targets '=')+ (yield_expr | star_expressions) !'='
//   | single_target augassign ~ (yield_expr | star_expressions)
// star_expressions (an expression statement) otherwise.
StmtNode* Parser::expression_statement() {
  const std::uint32_t begin = peek().begin;
  // invalid_legacy_expression: Python 2's print and exec statements.
  if (at_name() && (text(peek()) == "print" || text(peek()) == "exec") &&
      (peek(1).kind == TokenKind::Name || peek(1).kind == TokenKind::String || peek(1).kind == TokenKind::Number) &&
      peek(1).keyword == KeywordId::None) {
    const std::string name(text(peek()));
    return fail("Missing parentheses in call to '" + name + "'. Did you mean " + name + "(...)?", peek().begin,
                peek().end);
  }
  auto rhs = [&]() -> Parsed { return at(KeywordId::Yield) ? yield_expr() : star_expressions(); };
  Parsed first = rhs();
  if (!first) return nullptr;
  ast::Operator op;
  if (at(TokenKind::Colon)) {
    take();
    ExprNode* target = first.node;
    const auto k = target->kind;
    if (k == ast::ExprKind::Tuple && !first.parenthesized)
      return fail("only single target (not tuple) can be annotated", target->loc.begin, target->loc.end);
    if (k == ast::ExprKind::Tuple) return fail("only single target (not tuple) can be annotated", target->loc.begin, target->loc.end);
    if (k == ast::ExprKind::List) return fail("only single target (not list) can be annotated", target->loc.begin, target->loc.end);
    if (k != ast::ExprKind::Name && k != ast::ExprKind::Attribute && k != ast::ExprKind::Subscript)
      return fail("illegal target for annotation", target->loc.begin, target->loc.end);
    if (!to_target(target, ast::ExprContext::Store, "assign to")) return nullptr;
    Parsed annotation = expression();
    if (!annotation) return nullptr;
    auto* a = node<ast::AnnAssign>(begin, annotation.end);
    a->target = target;
    a->annotation = annotation.node;
    a->simple = k == ast::ExprKind::Name && !first.parenthesized ? 1 : 0;
    if (accept(TokenKind::Equal)) {
      Parsed value = rhs();
      if (!value) return nullptr;
      a->value = value.node;
    }
    a->loc.end = prev_end_;
    return a;
  }
  if (is_augassign(peek().kind, op)) {
    const auto k = first.node->kind;
    if (k != ast::ExprKind::Name && k != ast::ExprKind::Attribute && k != ast::ExprKind::Subscript) {
      return fail(std::string("'") + expression_name(first.node) + "' is an illegal expression for augmented assignment",
                  first.node->loc.begin, first.node->loc.end);
    }
    take();
    if (!to_target(first.node, ast::ExprContext::Store, "assign to")) return nullptr;
    Parsed value = rhs();
    if (!value) return nullptr;
    auto* a = node<ast::AugAssign>(begin, prev_end_);
    a->target = first.node;
    a->op = op;
    a->value = value.node;
    return a;
  }
  if (at(TokenKind::Equal)) {
    std::vector<ExprNode*> targets{first.node};
    Parsed value;
    while (accept(TokenKind::Equal)) {
      value = rhs();
      if (!value) return nullptr;
      if (at(TokenKind::Equal)) targets.push_back(value.node);
    }
    // invalid_named_expression: `a = b` where `a` is no target and both are
    // bitwise_or expressions reads as a mistaken comparison.
    const auto k = first.node->kind;
    bool singleton = false;
    if (k == ast::ExprKind::Constant) {
      const auto ck = static_cast<ast::Constant*>(first.node)->value.kind;
      singleton = ck == ast::ConstantValue::Kind::None || ck == ast::ConstantValue::Kind::True ||
                  ck == ast::ConstantValue::Kind::False;
    }
    if (targets.size() == 1 && !first.parenthesized && k != ast::ExprKind::Name && k != ast::ExprKind::Attribute &&
        k != ast::ExprKind::Subscript && k != ast::ExprKind::List && k != ast::ExprKind::Tuple &&
        k != ast::ExprKind::Starred && k != ast::ExprKind::GeneratorExp && !singleton &&
        is_bitwise_or_level(first.node) && is_bitwise_or_level(value.node)) {
      return fail(std::string("cannot assign to ") + expression_name(first.node) +
                      " here. Maybe you meant '==' instead of '='?",
                  first.node->loc.begin, first.node->loc.end);
    }
    for (ExprNode* target : targets)
      if (!to_target(target, ast::ExprContext::Store, "assign to")) return nullptr;
    auto* a = node<ast::Assign>(begin, prev_end_);
    a->targets = seq(targets);
    a->value = value.node;
    return a;
  }
  auto* e = node<ast::Expr>(begin, prev_end_);
  e->value = first.node;
  return e;
}

// compound_stmt: function_def | if_stmt | class_def | with_stmt | for_stmt
//              | try_stmt | while_stmt | match_stmt
StmtNode* Parser::compound_stmt() {
  DepthGuard guard(*this);
  if (!guard.ok) return nullptr;
  const Token& t = peek();
  if (t.kind == TokenKind::At) return decorated();
  switch (t.keyword) {
    case KeywordId::Def: return function_def({}, t.begin);
    case KeywordId::If: return if_stmt(false);
    case KeywordId::Class: return class_def({});
    case KeywordId::With: return with_stmt(t.begin);
    case KeywordId::For: return for_stmt(t.begin);
    case KeywordId::Try: return try_stmt();
    case KeywordId::While: return while_stmt();
    case KeywordId::Async: {
      // The callee takes 'async' (its node is the Async kind).
      if (peek(1).keyword == KeywordId::Def) return function_def({}, t.begin);
      if (peek(1).keyword == KeywordId::For) return for_stmt(t.begin);
      return with_stmt(t.begin);
    }
    default: return invalid_syntax();
  }
}

// block: NEWLINE INDENT statements DEDENT | simple_stmts
ast::Seq<StmtNode*> Parser::block(const char* what, std::uint32_t keyword) {
  std::vector<StmtNode*> body;
  if (accept(TokenKind::Newline)) {
    if (!at(TokenKind::Indent)) {
      if (!lexer_error_ || peek().kind != TokenKind::ErrorToken) {
        // CPython points at the next line's start, or at the end of the text.
        const std::uint32_t where = at(TokenKind::EndMarker) ? prev_end_ - 1 : peek().begin;
        fail(std::string("expected an indented block after ") + what + " on line " +
                 std::to_string(source_.line_of(keyword)),
             where, where, ErrorKind::IndentationError);
      } else {
        invalid_syntax();
      }
      return {};
    }
    take();
    if (!statements(body, true)) return {};
    if (!accept(TokenKind::Dedent)) {
      invalid_syntax();
      return {};
    }
  } else if (!simple_stmts(body)) {
    return {};
  }
  return seq(body);
}

// if_stmt: 'if' named_expression ':' block elif_stmt | 'if' named_expression ':' block [else_block]
// elif_stmt: 'elif' named_expression ':' block elif_stmt | ... [else_block]
StmtNode* Parser::if_stmt(bool elif) {
  const std::uint32_t begin = take().begin;  // 'if' or 'elif'
  Parsed test = named_expression();
  if (!test || !expect(TokenKind::Colon, ":")) return nullptr;
  auto body = block(elif ? "'elif' statement" : "'if' statement", begin);
  if (failed()) return nullptr;
  auto* s = node<ast::If>(begin, last_end_);
  s->test = test.node;
  s->body = body;
  if (at(KeywordId::Elif)) {
    StmtNode* next = if_stmt(true);
    if (!next) return nullptr;
    s->orelse = seq(std::vector<StmtNode*>{next});
    s->loc.end = next->loc.end;
  } else if (accept(KeywordId::Else)) {
    if (!expect(TokenKind::Colon, ":")) return nullptr;
    s->orelse = block("'else' statement", prev_end_ - 1);
    if (failed()) return nullptr;
    s->loc.end = last_end_;
  }
  return s;
}

// while_stmt: 'while' named_expression ':' block [else_block]
StmtNode* Parser::while_stmt() {
  const std::uint32_t begin = take().begin;
  Parsed test = named_expression();
  if (!test || !expect(TokenKind::Colon, ":")) return nullptr;
  auto body = block("'while' statement", begin);
  if (failed()) return nullptr;
  auto* s = node<ast::While>(begin, last_end_);
  s->test = test.node;
  s->body = body;
  if (accept(KeywordId::Else)) {
    if (!expect(TokenKind::Colon, ":")) return nullptr;
    s->orelse = block("'else' statement", prev_end_ - 1);
    if (failed()) return nullptr;
    s->loc.end = last_end_;
  }
  return s;
}

// for_stmt: ['async'] 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
StmtNode* Parser::for_stmt(std::uint32_t begin) {
  const bool async = peek().keyword != KeywordId::For;
  if (async) take();
  const std::uint32_t for_keyword = take().begin;
  ExprNode* target = star_targets();
  if (!target || !expect(KeywordId::In, "in")) return nullptr;
  Parsed iter = star_expressions();
  if (!iter || !expect(TokenKind::Colon, ":")) return nullptr;
  auto body = block("'for' statement", for_keyword);
  if (failed()) return nullptr;
  ast::Seq<StmtNode*> orelse;
  if (accept(KeywordId::Else)) {
    if (!expect(TokenKind::Colon, ":")) return nullptr;
    orelse = block("'else' statement", prev_end_ - 1);
    if (failed()) return nullptr;
  }
  const std::uint32_t end = last_end_;
  if (async) {
    auto* s = node<ast::AsyncFor>(begin, end);
    s->target = target, s->iter = iter.node, s->body = body, s->orelse = orelse;
    return s;
  }
  auto* s = node<ast::For>(begin, end);
  s->target = target, s->iter = iter.node, s->body = body, s->orelse = orelse;
  return s;
}

// with_stmt: ['async'] 'with' '(' ','.with_item+ ','? ')' ':' block
//          | ['async'] 'with' ','.with_item+ ':' [TYPE_COMMENT] block
// with_item: expression 'as' star_target &(',' | ')' | ':') | expression
StmtNode* Parser::with_stmt(std::uint32_t begin) {
  const bool async = peek().keyword != KeywordId::With;
  if (async) take();
  const std::uint32_t with_keyword = take().begin;
  std::vector<ast::Withitem*> items;
  auto with_item = [&]() -> bool {
    Parsed e = expression();
    if (!e) return false;
    auto* item = arena_.make<ast::Withitem>();
    item->context_expr = e.node;
    if (accept(KeywordId::As)) {
      Parsed t;
      if (at(TokenKind::Star)) {
        const std::uint32_t star = take().begin;
        Parsed v = primary();
        if (!v) return false;
        auto* s = node<ast::Starred>(star, v.end);
        s->value = v.node;
        t = Parsed{s, star, v.end, false};
      } else {
        t = primary();
      }
      if (!t || !to_target(t.node, ast::ExprContext::Store, "assign to")) return false;
      item->optional_vars = t.node;
    }
    items.push_back(item);
    return true;
  };
  bool parsed = false;
  if (at(TokenKind::LPar)) {
    // The parenthesised form, if a ':' follows its ')'; otherwise the
    // parentheses belong to the first item's expression.
    const std::size_t save = pos_;
    const std::uint32_t save_end = prev_end_;
    const auto save_error = error_;
    take();
    bool ok = true;
    while (ok && !at(TokenKind::RPar)) {
      ok = with_item();
      if (ok && !accept(TokenKind::Comma)) break;
    }
    if (ok && accept(TokenKind::RPar) && at(TokenKind::Colon)) {
      parsed = true;
    } else {
      pos_ = save;
      prev_end_ = save_end;
      error_ = save_error;
      items.clear();
    }
  }
  if (!parsed) {
    do {
      if (!with_item()) return nullptr;
    } while (accept(TokenKind::Comma));
  }
  if (!expect(TokenKind::Colon, ":")) return nullptr;
  auto body = block("'with' statement", with_keyword);
  if (failed()) return nullptr;
  if (async) {
    auto* s = node<ast::AsyncWith>(begin, last_end_);
    s->items = seq(items), s->body = body;
    return s;
  }
  auto* s = node<ast::With>(begin, last_end_);
  s->items = seq(items), s->body = body;
  return s;
}

// try_stmt: 'try' ':' block finally_block
//         | 'try' ':' block except_block+ [else_block] [finally_block]
//         | 'try' ':' block except_star_block+ [else_block] [finally_block]
StmtNode* Parser::try_stmt() {
  const std::uint32_t begin = take().begin;
  if (!expect(TokenKind::Colon, ":")) return nullptr;
  auto body = block("'try' statement", begin);
  if (failed()) return nullptr;
  std::vector<ast::ExcepthandlerNode*> handlers;
  bool star = false;
  while (at(KeywordId::Except)) {
    const Token& except = take();
    const bool this_star = accept(TokenKind::Star);
    if (!handlers.empty() && this_star != star)
      return fail("cannot have both 'except' and 'except*' on the same 'try'", except.begin, except.end);
    star = this_star;
    auto* h = node<ast::ExceptHandler>(except.begin, except.end);
    if (!at(TokenKind::Colon)) {
      Parsed type = expression();
      if (!type) return nullptr;
      if (at(TokenKind::Comma)) return fail("multiple exception types must be parenthesized", type.begin, type.end);
      h->type = type.node;
      if (accept(KeywordId::As)) {
        if (!at_name()) return invalid_syntax();
        h->name = name_of(take());
      }
    } else if (star) {
      return fail("expected one or more exception types", peek().begin, peek().end);
    }
    if (!expect(TokenKind::Colon, ":")) return nullptr;
    h->body = block(star ? "'except*' statement" : "'except' statement", except.begin);
    if (failed()) return nullptr;
    h->loc.end = last_end_;
    handlers.push_back(h);
  }
  ast::Seq<StmtNode*> orelse, finalbody;
  if (!handlers.empty() && accept(KeywordId::Else)) {
    if (!expect(TokenKind::Colon, ":")) return nullptr;
    orelse = block("'else' statement", prev_end_ - 1);
    if (failed()) return nullptr;
  }
  if (at(KeywordId::Finally)) {
    const std::uint32_t finally_keyword = take().begin;
    if (!expect(TokenKind::Colon, ":")) return nullptr;
    finalbody = block("'finally' statement", finally_keyword);
    if (failed()) return nullptr;
  }
  if (handlers.empty() && finalbody.empty())
    return fail("expected 'except' or 'finally' block", peek().begin, peek().end);
  const std::uint32_t end = last_end_;
  if (star) {
    auto* t = node<ast::TryStar>(begin, end);
    t->body = body, t->handlers = seq(handlers), t->orelse = orelse, t->finalbody = finalbody;
    return t;
  }
  auto* t = node<ast::Try>(begin, end);
  t->body = body, t->handlers = seq(handlers), t->orelse = orelse, t->finalbody = finalbody;
  return t;
}

// decorators: ('@' named_expression NEWLINE)+, then a function or class.
StmtNode* Parser::decorated() {
  std::vector<ExprNode*> decorators;
  while (accept(TokenKind::At)) {
    Parsed d = named_expression();
    if (!d || !expect(TokenKind::Newline, nullptr)) return nullptr;
    decorators.push_back(d.node);
  }
  if (at(KeywordId::Class)) return class_def(std::move(decorators));
  const std::uint32_t begin = peek().begin;
  const bool async = at(KeywordId::Async);
  if (!(async ? peek(1).keyword == KeywordId::Def : at(KeywordId::Def))) return invalid_syntax();
  return function_def(std::move(decorators), begin);
}

// function_def_raw: ['async'] 'def' NAME '(' [params] ')' ['->' expression] ':' [func_type_comment] block
StmtNode* Parser::function_def(std::vector<ExprNode*> decorators, std::uint32_t begin) {
  const bool async = peek().keyword != KeywordId::Def;
  if (async) take();
  take();  // 'def'
  if (!at_name()) return invalid_syntax();
  const ast::Identifier name = name_of(take());
  if (!expect(TokenKind::LPar, "(")) return nullptr;
  ast::Arguments* args = parameters(false, TokenKind::RPar);
  if (!args || !expect(TokenKind::RPar, ")")) return nullptr;
  ExprNode* returns = nullptr;
  if (accept(TokenKind::RArrow)) {
    Parsed r = expression();
    if (!r) return nullptr;
    returns = r.node;
  }
  if (!expect(TokenKind::Colon, ":")) return nullptr;
  auto body = block("function definition", begin);
  if (failed()) return nullptr;
  if (async) {
    auto* f = node<ast::AsyncFunctionDef>(begin, last_end_);
    f->name = name, f->args = args, f->body = body, f->decorator_list = seq(decorators), f->returns = returns;
    return f;
  }
  auto* f = node<ast::FunctionDef>(begin, last_end_);
  f->name = name, f->args = args, f->body = body, f->decorator_list = seq(decorators), f->returns = returns;
  return f;
}

// class_def_raw: 'class' NAME ['(' [arguments] ')'] ':' block
StmtNode* Parser::class_def(std::vector<ExprNode*> decorators) {
  const std::uint32_t begin = take().begin;
  if (!at_name()) return invalid_syntax();
  const ast::Identifier name = name_of(take());
  std::vector<ExprNode*> bases;
  std::vector<ast::Keyword*> keywords;
  if (at(TokenKind::LPar)) {
    const std::uint32_t open = take().begin;
    if (!call_arguments(bases, keywords, open)) return nullptr;
  }
  if (!expect(TokenKind::Colon, ":")) return nullptr;
  auto body = block("class definition", begin);
  if (failed()) return nullptr;
  auto* c = node<ast::ClassDef>(begin, last_end_);
  c->name = name, c->bases = seq(bases), c->keywords = seq(keywords), c->body = body;
  c->decorator_list = seq(decorators);
  return c;
}

// import_name: 'import' dotted_as_names
// dotted_as_name: dotted_name ['as' NAME]
StmtNode* Parser::import_stmt() {
  const std::uint32_t begin = take().begin;
  std::vector<ast::Alias*> names;
  do {
    if (!at_name()) return invalid_syntax();
    const Token& first = take();
    std::string dotted(text(first));
    while (accept(TokenKind::Dot)) {
      if (!at_name()) return invalid_syntax();
      dotted += '.';
      dotted += text(take());
    }
    auto* a = arena_.make<ast::Alias>();
    a->name = arena_.copy(dotted);
    a->loc = ast::Location{first.begin, prev_end_};
    if (accept(KeywordId::As)) {
      if (!at_name()) return invalid_syntax();
      a->asname = name_of(take());
      a->loc.end = prev_end_;
    }
    names.push_back(a);
  } while (accept(TokenKind::Comma));
  auto* s = node<ast::Import>(begin, prev_end_);
  s->names = seq(names);
  return s;
}

// import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
//            | 'from' ('.' | '...')+ 'import' import_from_targets
StmtNode* Parser::import_from() {
  const std::uint32_t begin = take().begin;
  int level = 0;
  while (at(TokenKind::Dot) || at(TokenKind::Ellipsis)) level += take().kind == TokenKind::Dot ? 1 : 3;
  ast::Identifier module;
  if (!at(KeywordId::Import)) {
    if (!at_name()) return invalid_syntax();
    std::string dotted(text(take()));
    while (accept(TokenKind::Dot)) {
      if (!at_name()) return invalid_syntax();
      dotted += '.';
      dotted += text(take());
    }
    module = arena_.copy(dotted);
  }
  if (!expect(KeywordId::Import, nullptr)) return nullptr;
  std::vector<ast::Alias*> names;
  if (at(TokenKind::Star)) {
    const Token& star = take();
    auto* a = arena_.make<ast::Alias>();
    a->name = text(star);
    a->loc = ast::Location{star.begin, star.end};
    names.push_back(a);
  } else {
    const bool paren = accept(TokenKind::LPar);
    for (;;) {
      if (paren && at(TokenKind::RPar)) break;
      if (!at_name()) return invalid_syntax();
      const Token& n = take();
      auto* a = arena_.make<ast::Alias>();
      a->name = name_of(n);
      a->loc = ast::Location{n.begin, n.end};
      if (accept(KeywordId::As)) {
        if (!at_name()) return invalid_syntax();
        a->asname = name_of(take());
        a->loc.end = prev_end_;
      }
      names.push_back(a);
      if (!accept(TokenKind::Comma)) break;
      if (!paren && (at(TokenKind::Newline) || at(TokenKind::Semi)))
        return fail("trailing comma not allowed without surrounding parentheses", prev_end_ - 1, prev_end_);
    }
    if (paren && !expect(TokenKind::RPar, nullptr)) return nullptr;
  }
  auto* s = node<ast::ImportFrom>(begin, prev_end_);
  s->module = module;
  s->names = seq(names);
  s->level = level;
  return s;
}

// match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT
// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
// "match" is a soft keyword: when what follows is not a match statement's
// head, this returns null with no error and the line is parsed as a simple
// statement (`match = 1`, `match(x)`).
StmtNode* Parser::match_stmt() {
  const std::size_t save = pos_;
  const std::uint32_t save_end = prev_end_;
  const Token& kw = take();
  bool head = starts_expression() && !at(TokenKind::LSqb) ? true : at(TokenKind::LSqb);
  Parsed subject;
  if (head) {
    const auto save_error = error_;
    const std::uint32_t begin = peek().begin;
    subject = star_named_expression();
    if (subject && at(TokenKind::Comma)) {
      std::vector<ExprNode*> elts{subject.node};
      while (accept(TokenKind::Comma)) {
        if (at(TokenKind::Colon)) break;
        Parsed next = star_named_expression();
        if (!next) break;
        elts.push_back(next.node);
      }
      auto* t = node<ast::Tuple>(begin, prev_end_);
      t->elts = seq(elts);
      subject = Parsed{t, begin, prev_end_, false};
    }
    head = subject && at(TokenKind::Colon) && peek(1).kind == TokenKind::Newline;
    if (!head) error_ = save_error;
  }
  if (!head) {
    pos_ = save;
    prev_end_ = save_end;
    return nullptr;
  }
  take();  // ':'
  take();  // NEWLINE
  if (!at(TokenKind::Indent)) {
    const std::uint32_t where = at(TokenKind::EndMarker) ? prev_end_ - 1 : peek().begin;
    return fail("expected an indented block after 'match' statement on line " + std::to_string(source_.line_of(kw.begin)),
                where, where, ErrorKind::IndentationError);
  }
  take();
  std::vector<ast::MatchCase*> cases;
  while (at(KeywordId::Case)) {
    const std::uint32_t case_keyword = take().begin;
    auto* c = arena_.make<ast::MatchCase>();
    c->pattern = patterns();
    if (!c->pattern) return nullptr;
    if (accept(KeywordId::If)) {
      Parsed guard = named_expression();
      if (!guard) return nullptr;
      c->guard = guard.node;
    }
    if (!expect(TokenKind::Colon, ":")) return nullptr;
    c->body = block("'case' statement", case_keyword);
    if (failed()) return nullptr;
    cases.push_back(c);
  }
  if (cases.empty() || !accept(TokenKind::Dedent)) return invalid_syntax();
  auto* m = node<ast::Match>(kw.begin, last_end_);
  m->subject = subject.node;
  m->cases = seq(cases);
  return m;
}

// patterns: open_sequence_pattern | pattern
ast::PatternNode* Parser::patterns() {
  const std::uint32_t begin = peek().begin;
  ast::PatternNode* first = at(TokenKind::Star) ? closed_pattern() : pattern();
  if (!first || !at(TokenKind::Comma)) return first;
  std::vector<ast::PatternNode*> items{first};
  while (accept(TokenKind::Comma)) {
    if (at(TokenKind::Colon) || at(KeywordId::If)) break;
    ast::PatternNode* next = at(TokenKind::Star) ? closed_pattern() : pattern();
    if (!next) return nullptr;
    items.push_back(next);
  }
  auto* s = node<ast::MatchSequence>(begin, prev_end_);
  s->patterns = seq(items);
  return s;
}

}  // namespace pyfront::detail
