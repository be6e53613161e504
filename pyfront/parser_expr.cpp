// Expressions: from `star_expressions` down to `atom` (CPython's
// Grammar/python.gram; each function's comment gives its rule).
#include "pyfront/parser.h"

namespace pyfront::detail {
namespace {

using ast::ExprNode;

struct BinaryOperator {
  TokenKind token;
  ast::Operator op;
  int precedence;
};
// Precedence climbing table: '|' binds loosest, then '^', '&', shifts,
// '+ -', then '* / // % @'. Unary operators and '**' are above these
// (factor, power).
constexpr BinaryOperator kBinaryOperators[] = {
    {TokenKind::VBar, ast::Operator::BitOr, 1},         {TokenKind::Circumflex, ast::Operator::BitXor, 2},
    {TokenKind::Amper, ast::Operator::BitAnd, 3},       {TokenKind::LeftShift, ast::Operator::LShift, 4},
    {TokenKind::RightShift, ast::Operator::RShift, 4},  {TokenKind::Plus, ast::Operator::Add, 5},
    {TokenKind::Minus, ast::Operator::Sub, 5},          {TokenKind::Star, ast::Operator::Mult, 6},
    {TokenKind::Slash, ast::Operator::Div, 6},          {TokenKind::DoubleSlash, ast::Operator::FloorDiv, 6},
    {TokenKind::Percent, ast::Operator::Mod, 6},        {TokenKind::At, ast::Operator::MatMult, 6},
};

const BinaryOperator* binary_operator(TokenKind k) {
  for (const BinaryOperator& b : kBinaryOperators)
    if (b.token == k) return &b;
  return nullptr;
}

}  // namespace

// star_expressions: star_expression (',' star_expression)* [',']
Parsed Parser::star_expressions() {
  const std::uint32_t begin = peek().begin;
  Parsed first;
  if (at(TokenKind::Star)) {
    first = star_named_expression();
  } else {
    first = expression();
  }
  if (!first || !at(TokenKind::Comma)) return first;
  std::vector<ExprNode*> elts{first.node};
  while (accept(TokenKind::Comma)) {
    if (!starts_expression()) break;  // a trailing comma
    Parsed next = at(TokenKind::Star) ? star_named_expression() : expression();
    if (!next) return {};
    elts.push_back(next.node);
  }
  auto* t = node<ast::Tuple>(begin, prev_end_);
  t->elts = seq(elts);
  return Parsed{t, begin, prev_end_, false};
}

// Whether the current token can begin an expression (after a comma: if
// not, the comma was a trailing one).
bool Parser::starts_expression() const {
  switch (peek().kind) {
    case TokenKind::Number: case TokenKind::String: case TokenKind::LPar: case TokenKind::LSqb:
    case TokenKind::LBrace: case TokenKind::Minus: case TokenKind::Plus: case TokenKind::Tilde:
    case TokenKind::Star: case TokenKind::Ellipsis:
      return true;
    case TokenKind::Name:
      switch (peek().keyword) {
        case KeywordId::None: case KeywordId::Match: case KeywordId::Case: case KeywordId::Underscore:
        case KeywordId::True: case KeywordId::False: case KeywordId::None_: case KeywordId::Lambda:
        case KeywordId::Not: case KeywordId::Await:
          return true;
        default:
          return false;
      }
    default:
      return false;
  }
}

// star_named_expression: '*' bitwise_or | named_expression
Parsed Parser::star_named_expression() {
  if (at(TokenKind::Star)) {
    const std::uint32_t begin = take().begin;
    Parsed value = binary(1);
    if (!value) return {};
    auto* s = node<ast::Starred>(begin, value.end);
    s->value = value.node;
    return Parsed{s, begin, value.end, false};
  }
  return named_expression();
}

// named_expression: NAME ':=' expression | expression !':='
Parsed Parser::named_expression() {
  if (at_name() && peek(1).kind == TokenKind::ColonEqual) {
    const Token& name = take();
    take();
    Parsed value = expression();
    if (!value) return {};
    auto* target = node<ast::Name>(name.begin, name.end);
    target->id = name_of(name);
    target->ctx = ast::ExprContext::Store;
    auto* n = node<ast::NamedExpr>(name.begin, value.end);
    n->target = target;
    n->value = value.node;
    return Parsed{n, name.begin, value.end, false};
  }
  Parsed e = expression();
  if (!e) return e;
  if (at(TokenKind::ColonEqual)) {
    fail(std::string("cannot use assignment expressions with ") + expression_name(e.node), e.node->loc.begin,
         e.node->loc.end);
    return {};
  }
  if (at(TokenKind::Equal)) return mistaken_assignment(e);
  return e;
}

// invalid_named_expression: `a = b` where a named expression stands (an
// `if` test, an element): a mistaken comparison or walrus.
Parsed Parser::mistaken_assignment(const Parsed& target) {
  const ast::ExprNode* e = target.node;
  if (e->kind == ast::ExprKind::Name && !target.parenthesized) {
    fail("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", e->loc.begin, e->loc.end);
    return {};
  }
  bool singleton = false;
  if (e->kind == ast::ExprKind::Constant) {
    const auto k = static_cast<const ast::Constant*>(e)->value.kind;
    singleton = k == ast::ConstantValue::Kind::None || k == ast::ConstantValue::Kind::True ||
                k == ast::ConstantValue::Kind::False;
  }
  if (!singleton && e->kind != ast::ExprKind::List && e->kind != ast::ExprKind::Tuple &&
      e->kind != ast::ExprKind::GeneratorExp && is_bitwise_or_level(e)) {
    fail(std::string("cannot assign to ") + expression_name(e) + " here. Maybe you meant '==' instead of '='?",
         e->loc.begin, e->loc.end);
    return {};
  }
  invalid_syntax();
  return {};
}

// invalid_expression: two expressions side by side inside brackets, where
// a comma was probably meant. True (and the error) when the current token
// starts another expression right after `previous`.
bool Parser::forgot_comma(const Parsed& previous) {
  if (!starts_expression() || tokens_[pos_ - 1].kind == TokenKind::Comma) return false;
  fail("invalid syntax. Perhaps you forgot a comma?", previous.begin, peek().end);
  return true;
}

// expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef
Parsed Parser::expression() {
  DepthGuard guard(*this);
  if (!guard.ok) return {};
  if (at(KeywordId::Lambda)) return lambdef();
  Parsed body = disjunction();
  if (!body || !at(KeywordId::If)) return body;
  take();
  Parsed test = disjunction();
  if (!test) return {};
  if (!accept(KeywordId::Else)) {
    fail("expected 'else' after 'if' expression", body.begin, prev_end_);
    return {};
  }
  Parsed orelse = expression();
  if (!orelse) return {};
  auto* n = node<ast::IfExp>(body.begin, orelse.end);
  n->test = test.node;
  n->body = body.node;
  n->orelse = orelse.node;
  return Parsed{n, body.begin, orelse.end, false};
}

// disjunction: conjunction ('or' conjunction)+ | conjunction
Parsed Parser::disjunction() { return bool_chain(KeywordId::Or, ast::BoolOperator::Or, &Parser::conjunction); }

// conjunction: inversion ('and' inversion)+ | inversion
Parsed Parser::conjunction() { return bool_chain(KeywordId::And, ast::BoolOperator::And, &Parser::inversion); }

// operand (keyword operand)+ as one BoolOp, or the lone operand.
Parsed Parser::bool_chain(KeywordId keyword, ast::BoolOperator op, Parsed (Parser::*operand)()) {
  Parsed first = (this->*operand)();
  if (!first || !at(keyword)) return first;
  std::vector<ExprNode*> values{first.node};
  Parsed last = first;
  while (accept(keyword)) {
    last = (this->*operand)();
    if (!last) return {};
    values.push_back(last.node);
  }
  auto* n = node<ast::BoolOp>(first.begin, last.end);
  n->op = op;
  n->values = seq(values);
  return Parsed{n, first.begin, last.end, false};
}

// inversion: 'not' inversion | comparison
Parsed Parser::inversion() {
  if (at(KeywordId::Not)) {
    DepthGuard guard(*this);
    if (!guard.ok) return {};
    const std::uint32_t begin = take().begin;
    Parsed operand = inversion();
    if (!operand) return {};
    auto* n = node<ast::UnaryOp>(begin, operand.end);
    n->op = ast::UnaryOperator::Not;
    n->operand = operand.node;
    return Parsed{n, begin, operand.end, false};
  }
  return comparison();
}

// comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or
Parsed Parser::comparison() {
  Parsed left = binary(1);
  if (!left) return {};
  std::vector<ast::CmpOperator> ops;
  std::vector<ExprNode*> comparators;
  Parsed last = left;
  for (;;) {
    ast::CmpOperator op;
    switch (peek().kind) {
      case TokenKind::EqEqual: op = ast::CmpOperator::Eq; break;
      case TokenKind::NotEqual: op = ast::CmpOperator::NotEq; break;
      case TokenKind::Less: op = ast::CmpOperator::Lt; break;
      case TokenKind::LessEqual: op = ast::CmpOperator::LtE; break;
      case TokenKind::Greater: op = ast::CmpOperator::Gt; break;
      case TokenKind::GreaterEqual: op = ast::CmpOperator::GtE; break;
      case TokenKind::Name:
        if (at(KeywordId::In)) {
          op = ast::CmpOperator::In;
        } else if (at(KeywordId::Is)) {
          op = peek(1).kind == TokenKind::Name && peek(1).keyword == KeywordId::Not ? ast::CmpOperator::IsNot
                                                                                       : ast::CmpOperator::Is;
        } else if (at(KeywordId::Not) && peek(1).kind == TokenKind::Name && peek(1).keyword == KeywordId::In) {
          op = ast::CmpOperator::NotIn;
        } else {
          goto done;
        }
        break;
      default: goto done;
    }
    take();
    if (op == ast::CmpOperator::IsNot || op == ast::CmpOperator::NotIn) take();
    last = binary(1);
    if (!last) return {};
    ops.push_back(op);
    comparators.push_back(last.node);
  }
done:
  if (ops.empty()) return left;
  auto* n = node<ast::Compare>(left.begin, last.end);
  n->left = left.node;
  n->ops = seq(ops);
  n->comparators = seq(comparators);
  return Parsed{n, left.begin, last.end, false};
}

// bitwise_or .. term, by precedence climbing over kBinaryOperators; all
// left-associative.
Parsed Parser::binary(int min_precedence) {
  Parsed left = factor();
  if (!left) return {};
  for (;;) {
    const BinaryOperator* op = binary_operator(peek().kind);
    if (!op || op->precedence < min_precedence) return left;
    take();
    Parsed right = binary(op->precedence + 1);
    if (!right) return {};
    auto* n = node<ast::BinOp>(left.begin, right.end);
    n->left = left.node;
    n->op = op->op;
    n->right = right.node;
    left = Parsed{n, left.begin, right.end, false};
  }
}

// factor: '+' factor | '-' factor | '~' factor | power
Parsed Parser::factor() {
  ast::UnaryOperator op;
  switch (peek().kind) {
    case TokenKind::Plus: op = ast::UnaryOperator::UAdd; break;
    case TokenKind::Minus: op = ast::UnaryOperator::USub; break;
    case TokenKind::Tilde: op = ast::UnaryOperator::Invert; break;
    default: return power();
  }
  DepthGuard guard(*this);
  if (!guard.ok) return {};
  const std::uint32_t begin = take().begin;
  Parsed operand = factor();
  if (!operand) return {};
  auto* n = node<ast::UnaryOp>(begin, operand.end);
  n->op = op;
  n->operand = operand.node;
  return Parsed{n, begin, operand.end, false};
}

// power: await_primary '**' factor | await_primary
Parsed Parser::power() {
  Parsed base = await_primary();
  if (!base || !at(TokenKind::DoubleStar)) return base;
  take();
  Parsed exponent = factor();
  if (!exponent) return {};
  auto* n = node<ast::BinOp>(base.begin, exponent.end);
  n->left = base.node;
  n->op = ast::Operator::Pow;
  n->right = exponent.node;
  return Parsed{n, base.begin, exponent.end, false};
}

// await_primary: AWAIT primary | primary
Parsed Parser::await_primary() {
  if (at(KeywordId::Await)) {
    const std::uint32_t begin = take().begin;
    Parsed value = primary();
    if (!value) return {};
    auto* n = node<ast::Await>(begin, value.end);
    n->value = value.node;
    return Parsed{n, begin, value.end, false};
  }
  return primary();
}

// primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
//        | primary '[' slices ']' | atom
Parsed Parser::primary() {
  Parsed e = atom();
  while (e) {
    if (at(TokenKind::Dot)) {
      take();
      if (!at_name()) return Parsed{invalid_syntax()};
      const Token& attr = take();
      auto* n = node<ast::Attribute>(e.begin, attr.end);
      n->value = e.node;
      n->attr = name_of(attr);
      e = Parsed{n, e.begin, attr.end, false};
    } else if (at(TokenKind::LPar)) {
      const std::uint32_t open = take().begin;
      std::vector<ExprNode*> args;
      std::vector<ast::Keyword*> keywords;
      if (!call_arguments(args, keywords, open)) return {};
      auto* n = node<ast::Call>(e.begin, prev_end_);
      n->func = e.node;
      n->args = seq(args);
      n->keywords = seq(keywords);
      e = Parsed{n, e.begin, prev_end_, false};
    } else if (at(TokenKind::LSqb)) {
      take();
      Parsed index = slices();
      if (!index || !expect(TokenKind::RSqb, nullptr)) return {};
      auto* n = node<ast::Subscript>(e.begin, prev_end_);
      n->value = e.node;
      n->slice = index.node;
      e = Parsed{n, e.begin, prev_end_, false};
    } else {
      break;
    }
  }
  return e;
}

// slices: slice !',' | ','.(slice | starred_expression)+ [',']
Parsed Parser::slices() {
  const std::uint32_t begin = peek().begin;
  Parsed first = at(TokenKind::Star) ? star_named_expression() : slice();
  // A lone slice is the index itself; a starred one is a tuple's element.
  if (!first || (!at(TokenKind::Comma) && first.node->kind != ast::ExprKind::Starred)) return first;
  std::vector<ExprNode*> elts{first.node};
  while (accept(TokenKind::Comma)) {
    if (at(TokenKind::RSqb)) break;
    Parsed next = at(TokenKind::Star) ? star_named_expression() : slice();
    if (!next) return {};
    elts.push_back(next.node);
  }
  auto* t = node<ast::Tuple>(begin, prev_end_);
  t->elts = seq(elts);
  return Parsed{t, begin, prev_end_, false};
}

// slice: [expression] ':' [expression] [':' [expression]] | named_expression
Parsed Parser::slice() {
  const std::uint32_t begin = peek().begin;
  Parsed lower;
  if (!at(TokenKind::Colon)) {
    lower = named_expression();
    if (!lower || !at(TokenKind::Colon)) return lower;
  }
  take();  // ':'
  Parsed upper, step;
  auto ends_part = [&] { return at(TokenKind::Colon) || at(TokenKind::Comma) || at(TokenKind::RSqb); };
  if (!ends_part()) {
    upper = expression();
    if (!upper) return {};
  }
  if (accept(TokenKind::Colon) && !at(TokenKind::Comma) && !at(TokenKind::RSqb)) {
    step = expression();
    if (!step) return {};
  }
  auto* s = node<ast::Slice>(begin, prev_end_);
  s->lower = lower.node;
  s->upper = upper.node;
  s->step = step.node;
  return Parsed{s, begin, prev_end_, false};
}

// atom: NAME | 'True' | 'False' | 'None' | strings | NUMBER
//     | (tuple | group | genexp) | (list | listcomp) | (dict | set | dictcomp | setcomp) | '...'
Parsed Parser::atom() {
  DepthGuard guard(*this);
  if (!guard.ok) return {};
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::Name: {
      ast::ConstantValue::Kind constant;
      switch (t.keyword) {
        case KeywordId::None:
        case KeywordId::Match:
        case KeywordId::Case:
        case KeywordId::Underscore: {
          take();
          auto* n = node<ast::Name>(t.begin, t.end);
          n->id = name_of(t);
          return Parsed{n, t.begin, t.end, false};
        }
        case KeywordId::True: constant = ast::ConstantValue::Kind::True; break;
        case KeywordId::False: constant = ast::ConstantValue::Kind::False; break;
        case KeywordId::None_: constant = ast::ConstantValue::Kind::None; break;
        default: return Parsed{invalid_syntax()};
      }
      take();
      auto* n = node<ast::Constant>(t.begin, t.end);
      n->value.kind = constant;
      return Parsed{n, t.begin, t.end, false};
    }
    case TokenKind::Number: return number();
    case TokenKind::String: return strings();
    case TokenKind::LPar: return paren_atom();
    case TokenKind::LSqb: return list_atom();
    case TokenKind::LBrace: return brace_atom();
    case TokenKind::Ellipsis: {
      take();
      auto* n = node<ast::Constant>(t.begin, t.end);
      n->value.kind = ast::ConstantValue::Kind::Ellipsis;
      return Parsed{n, t.begin, t.end, false};
    }
    default: return Parsed{invalid_syntax()};
  }
}

// The rest of a display's star_named_expressions after its first: (','
// element)* [','] up to `closer` (not taken). False after an error.
bool Parser::more_elements(std::vector<ExprNode*>& elts, TokenKind closer) {
  while (accept(TokenKind::Comma)) {
    if (at(closer)) break;
    Parsed next = star_named_expression();
    if (!next) return false;
    elts.push_back(next.node);
    if (forgot_comma(next)) return false;
  }
  return true;
}

// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
// group: '(' (yield_expr | named_expression) ')'
// genexp: '(' (assignment_expression | expression !':=') for_if_clauses ')'
Parsed Parser::paren_atom() {
  const std::uint32_t open = take().begin;
  if (accept(TokenKind::RPar)) {
    auto* t = node<ast::Tuple>(open, prev_end_);
    return Parsed{t, open, prev_end_, false};
  }
  if (at(KeywordId::Yield)) {
    Parsed y = yield_expr();
    if (!y || !expect(TokenKind::RPar, nullptr)) return {};
    return Parsed{y.node, open, prev_end_, true};
  }
  Parsed first = star_named_expression();
  if (!first) return {};
  if (at(KeywordId::For) || at(KeywordId::Async)) {
    auto generators = for_if_clauses();
    if (failed() || !expect(TokenKind::RPar, nullptr)) return {};
    auto* g = node<ast::GeneratorExp>(open, prev_end_);
    g->elt = first.node;
    g->generators = generators;
    return Parsed{g, open, prev_end_, false};
  }
  if (accept(TokenKind::RPar)) {
    if (first.node->kind == ast::ExprKind::Starred) return Parsed{fail("cannot use starred expression here", first.node->loc.begin, first.node->loc.end)};
    return Parsed{first.node, open, prev_end_, true};
  }
  if (forgot_comma(first)) return {};
  if (!at(TokenKind::Comma)) return Parsed{invalid_syntax()};
  std::vector<ExprNode*> elts{first.node};
  if (!more_elements(elts, TokenKind::RPar) || !expect(TokenKind::RPar, nullptr)) return {};
  auto* t = node<ast::Tuple>(open, prev_end_);
  t->elts = seq(elts);
  return Parsed{t, open, prev_end_, false};
}

// list: '[' [star_named_expressions] ']'
// listcomp: '[' named_expression for_if_clauses ']'
Parsed Parser::list_atom() {
  const std::uint32_t open = take().begin;
  std::vector<ExprNode*> elts;
  if (!at(TokenKind::RSqb)) {
    Parsed first = star_named_expression();
    if (!first) return {};
    if (at(KeywordId::For) || at(KeywordId::Async)) {
      auto generators = for_if_clauses();
      if (failed() || !expect(TokenKind::RSqb, nullptr)) return {};
      auto* c = node<ast::ListComp>(open, prev_end_);
      c->elt = first.node;
      c->generators = generators;
      return Parsed{c, open, prev_end_, false};
    }
    elts.push_back(first.node);
    if (forgot_comma(first) || !more_elements(elts, TokenKind::RSqb)) return {};
  }
  if (!expect(TokenKind::RSqb, nullptr)) return {};
  auto* l = node<ast::List>(open, prev_end_);
  l->elts = seq(elts);
  return Parsed{l, open, prev_end_, false};
}

// dict: '{' [double_starred_kvpairs] '}'     set: '{' star_named_expressions '}'
// dictcomp: '{' kvpair for_if_clauses '}'    setcomp: '{' named_expression for_if_clauses '}'
Parsed Parser::brace_atom() {
  const std::uint32_t open = take().begin;
  if (accept(TokenKind::RBrace)) {
    auto* d = node<ast::Dict>(open, prev_end_);
    return Parsed{d, open, prev_end_, false};
  }
  std::vector<ExprNode*> keys, values;
  // The first item decides: a key-value pair or '**' makes a dict.
  if (at(TokenKind::DoubleStar)) {
    take();
    Parsed v = binary(1);
    if (!v) return {};
    keys.push_back(nullptr);
    values.push_back(v.node);
  } else {
    Parsed first = star_named_expression();
    if (!first) return {};
    if (forgot_comma(first)) return {};
    if (!accept(TokenKind::Colon)) {
      // A set, or a set comprehension.
      if (at(KeywordId::For) || at(KeywordId::Async)) {
        auto generators = for_if_clauses();
        if (failed() || !expect(TokenKind::RBrace, nullptr)) return {};
        auto* c = node<ast::SetComp>(open, prev_end_);
        c->elt = first.node;
        c->generators = generators;
        return Parsed{c, open, prev_end_, false};
      }
      std::vector<ExprNode*> elts{first.node};
      if (!more_elements(elts, TokenKind::RBrace) || !expect(TokenKind::RBrace, nullptr)) return {};
      auto* s = node<ast::Set>(open, prev_end_);
      s->elts = seq(elts);
      return Parsed{s, open, prev_end_, false};
    }
    if (at(TokenKind::RBrace) || at(TokenKind::Comma))
      return Parsed{fail("expression expected after dictionary key and ':'", prev_end_ - 1, prev_end_)};
    Parsed value = expression();
    if (!value) return {};
    if (at(KeywordId::For) || at(KeywordId::Async)) {
      auto generators = for_if_clauses();
      if (failed() || !expect(TokenKind::RBrace, nullptr)) return {};
      auto* c = node<ast::DictComp>(open, prev_end_);
      c->key = first.node;
      c->value = value.node;
      c->generators = generators;
      return Parsed{c, open, prev_end_, false};
    }
    keys.push_back(first.node);
    values.push_back(value.node);
  }
  while (accept(TokenKind::Comma)) {
    if (at(TokenKind::RBrace)) break;
    if (accept(TokenKind::DoubleStar)) {
      Parsed v = binary(1);
      if (!v) return {};
      keys.push_back(nullptr);
      values.push_back(v.node);
      continue;
    }
    Parsed k = expression();
    if (!k) return {};
    if (!at(TokenKind::Colon)) {
      if (at(TokenKind::Comma) || at(TokenKind::RBrace))
        return Parsed{fail("':' expected after dictionary key", k.node->loc.begin, k.node->loc.end)};
      if (forgot_comma(k)) return {};
      return Parsed{invalid_syntax()};
    }
    take();
    if (at(TokenKind::RBrace) || at(TokenKind::Comma))
      return Parsed{fail("expression expected after dictionary key and ':'", prev_end_ - 1, prev_end_)};
    Parsed v = expression();
    if (!v) return {};
    keys.push_back(k.node);
    values.push_back(v.node);
  }
  if (!expect(TokenKind::RBrace, nullptr)) return {};
  auto* d = node<ast::Dict>(open, prev_end_);
  d->keys = seq(keys);
  d->values = seq(values);
  return Parsed{d, open, prev_end_, false};
}

// star_targets (of `for` and comprehensions): ','.star_target+ [','] —
// primaries, not comparisons, so the 'in' after them ends them; a tuple
// when there is a comma. Made Store targets.
ExprNode* Parser::star_targets() {
  const std::uint32_t begin = peek().begin;
  std::vector<ExprNode*> targets;
  bool comma = false;
  for (;;) {
    Parsed t;
    if (at(TokenKind::Star)) {
      const std::uint32_t star = take().begin;
      Parsed v = primary();
      if (!v) return nullptr;
      auto* s = node<ast::Starred>(star, v.end);
      s->value = v.node;
      t = Parsed{s, star, v.end, false};
    } else {
      t = primary();
    }
    if (!t) return nullptr;
    targets.push_back(t.node);
    if (!accept(TokenKind::Comma)) break;
    comma = true;
    if (at(KeywordId::In)) break;
  }
  ExprNode* target = targets[0];
  if (comma) {
    auto* tuple = node<ast::Tuple>(begin, prev_end_);
    tuple->elts = seq(targets);
    target = tuple;
  }
  if (!to_target(target, ast::ExprContext::Store, "assign to")) return nullptr;
  return target;
}

// for_if_clauses: (['async'] 'for' star_targets 'in' ~ disjunction ('if' disjunction)*)+
ast::Seq<ast::Comprehension*> Parser::for_if_clauses() {
  std::vector<ast::Comprehension*> out;
  while (at(KeywordId::For) || (at(KeywordId::Async) && peek(1).keyword == KeywordId::For)) {
    auto* c = arena_.make<ast::Comprehension>();
    if (accept(KeywordId::Async)) c->is_async = 1;
    take();  // 'for'
    ExprNode* target = star_targets();
    if (!target) return {};
    if (!expect(KeywordId::In, nullptr)) return {};
    Parsed iter = disjunction();
    if (!iter) return {};
    std::vector<ExprNode*> ifs;
    while (accept(KeywordId::If)) {
      Parsed cond = disjunction();
      if (!cond) return {};
      ifs.push_back(cond.node);
    }
    c->target = target;
    c->iter = iter.node;
    c->ifs = seq(ifs);
    out.push_back(c);
  }
  return seq(out);
}

// arguments: args [','] &')'
// args: ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ [',' kwargs] | kwargs
// kwargs: ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+ | ...
// A lone generator expression argument takes the call's parentheses.
bool Parser::call_arguments(std::vector<ExprNode*>& args, std::vector<ast::Keyword*>& keywords, std::uint32_t open) {
  bool seen_keyword = false, seen_double_star = false;
  while (!at(TokenKind::RPar)) {
    const Token& first = peek();
    if (at(TokenKind::DoubleStar)) {
      take();
      Parsed v = expression();
      if (!v) return false;
      auto* k = arena_.make<ast::Keyword>();
      k->loc = ast::Location{first.begin, v.end};
      k->value = v.node;
      keywords.push_back(k);
      seen_double_star = true;
    } else if (at(TokenKind::Star)) {
      take();
      Parsed v = expression();
      if (!v) return false;
      if (seen_double_star) {
        fail("iterable argument unpacking follows keyword argument unpacking", first.begin, v.end);
        return false;
      }
      auto* s = node<ast::Starred>(first.begin, v.end);
      s->value = v.node;
      args.push_back(s);
    } else if (at_name() && peek(1).kind == TokenKind::Equal) {
      const Token& name = take();
      take();
      Parsed v = expression();
      if (!v) return false;
      auto* k = arena_.make<ast::Keyword>();
      k->loc = ast::Location{name.begin, v.end};
      k->arg = name_of(name);
      k->value = v.node;
      keywords.push_back(k);
      seen_keyword = true;
    } else {
      Parsed v = at_name() && peek(1).kind == TokenKind::ColonEqual ? named_expression() : expression();
      if (!v) return false;
      if (at(TokenKind::ColonEqual)) {
        fail(std::string("cannot use assignment expressions with ") + expression_name(v.node), v.node->loc.begin,
             v.node->loc.end);
        return false;
      }
      if (at(KeywordId::For) || at(KeywordId::Async)) {
        auto generators = for_if_clauses();
        if (failed()) return false;
        const bool alone = args.empty() && keywords.empty() && at(TokenKind::RPar);
        if (!alone) {
          fail("Generator expression must be parenthesized", v.begin, prev_end_);
          return false;
        }
        take();  // ')'
        auto* g = node<ast::GeneratorExp>(open, prev_end_);
        g->elt = v.node;
        g->generators = generators;
        args.push_back(g);
        return true;
      }
      if (at(TokenKind::Equal)) {
        fail("expression cannot contain assignment, perhaps you meant \"==\"?", v.begin, peek().end);
        return false;
      }
      if (seen_double_star) {
        fail("positional argument follows keyword argument unpacking", v.node->loc.begin, v.node->loc.end);
        return false;
      }
      if (seen_keyword) {
        fail("positional argument follows keyword argument", v.node->loc.begin, v.node->loc.end);
        return false;
      }
      args.push_back(v.node);
      if (forgot_comma(v)) return false;
    }
    if (!accept(TokenKind::Comma)) break;
  }
  return expect(TokenKind::RPar, nullptr);
}

// lambdef: 'lambda' [lambda_params] ':' expression
Parsed Parser::lambdef() {
  const std::uint32_t begin = take().begin;
  ast::Arguments* args = parameters(true, TokenKind::Colon);
  if (!args || !expect(TokenKind::Colon, nullptr)) return {};
  Parsed body = expression();
  if (!body) return {};
  auto* n = node<ast::Lambda>(begin, body.end);
  n->args = args;
  n->body = body.node;
  return Parsed{n, begin, body.end, false};
}

// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
Parsed Parser::yield_expr() {
  const Token& y = take();
  if (accept(KeywordId::From)) {
    Parsed v = expression();
    if (!v) return {};
    auto* n = node<ast::YieldFrom>(y.begin, v.end);
    n->value = v.node;
    return Parsed{n, y.begin, v.end, false};
  }
  auto* n = node<ast::Yield>(y.begin, y.end);
  if (!at(TokenKind::RPar) && !at(TokenKind::Newline) && !at(TokenKind::Semi) && !at(TokenKind::Equal) &&
      !at(TokenKind::RSqb) && !at(TokenKind::RBrace) && !at(TokenKind::EndMarker)) {
    Parsed v = star_expressions();
    if (!v) return {};
    n->value = v.node;
    n->loc.end = v.end;
  }
  return Parsed{n, y.begin, n->loc.end, false};
}

// parameters (def) and lambda_params: positional-only names before '/',
// names with defaults, '*' [name] then keyword-only ones, '**' name.
ast::Arguments* Parser::parameters(bool lambda, TokenKind closer) {
  auto* a = arena_.make<ast::Arguments>();
  std::vector<ast::Arg*> posonly, args, kwonly;
  std::vector<ExprNode*> defaults, kw_defaults;
  ast::Arg* vararg = nullptr;
  ast::Arg* kwarg = nullptr;
  bool star = false, slash = false;
  auto parse_arg = [&](bool allow_annotation) -> ast::Arg* {
    if (!at_name()) return invalid_syntax();
    const Token& name = take();
    auto* arg = arena_.make<ast::Arg>();
    arg->arg = name_of(name);
    arg->loc = ast::Location{name.begin, name.end};
    if (allow_annotation && !lambda && accept(TokenKind::Colon)) {
      Parsed ann = allow_annotation == true && at(TokenKind::Star) ? star_named_expression() : expression();
      if (!ann) return nullptr;
      arg->annotation = ann.node;
      arg->loc.end = ann.end;
    }
    return arg;
  };
  while (!at(closer)) {
    if (at(TokenKind::Slash)) {
      const Token& s = take();
      if (slash || star || args.empty()) {
        return fail(slash ? "/ may appear only once" : star ? "/ must be ahead of *" : "at least one argument must precede /",
                    s.begin, s.end);
      }
      slash = true;
      posonly.insert(posonly.end(), args.begin(), args.end());
      args.clear();
    } else if (at(TokenKind::DoubleStar)) {
      take();
      kwarg = parse_arg(true);
      if (!kwarg) return nullptr;
      accept(TokenKind::Comma);
      if (!at(closer)) return fail("arguments cannot follow var-keyword argument", peek().begin, peek().end);
      break;
    } else if (at(TokenKind::Star)) {
      const Token& s = take();
      if (star) return fail("* argument may appear only once", s.begin, s.end);
      star = true;
      if (!at(TokenKind::Comma) && !at(closer)) {
        // '*' NAME [':' star_expression]: a vararg may be annotated with *Ts.
        if (!at_name()) return invalid_syntax();
        const Token& name = take();
        vararg = arena_.make<ast::Arg>();
        vararg->arg = name_of(name);
        vararg->loc = ast::Location{name.begin, name.end};
        if (!lambda && accept(TokenKind::Colon)) {
          Parsed ann = at(TokenKind::Star) ? star_named_expression() : expression();
          if (!ann) return nullptr;
          vararg->annotation = ann.node;
          vararg->loc.end = ann.end;
        }
      } else if (at(closer) || (at(TokenKind::Comma) && peek(1).kind == closer)) {
        return fail("named arguments must follow bare *", s.begin, s.end);
      }
    } else {
      ast::Arg* arg = parse_arg(true);
      if (!arg) return nullptr;
      ExprNode* dflt = nullptr;
      if (accept(TokenKind::Equal)) {
        Parsed d = expression();
        if (!d) return nullptr;
        dflt = d.node;
      }
      if (star) {
        kwonly.push_back(arg);
        kw_defaults.push_back(dflt);
      } else {
        if (!dflt && !defaults.empty())
          return fail("non-default argument follows default argument", arg->loc.begin, arg->loc.end);
        args.push_back(arg);
        if (dflt) defaults.push_back(dflt);
      }
    }
    if (!accept(TokenKind::Comma)) break;
  }
  a->posonlyargs = seq(posonly);
  a->args = seq(args);
  a->vararg = vararg;
  a->kwonlyargs = seq(kwonly);
  a->kw_defaults = seq(kw_defaults);
  a->kwarg = kwarg;
  a->defaults = seq(defaults);
  return a;
}

}  // namespace pyfront::detail
