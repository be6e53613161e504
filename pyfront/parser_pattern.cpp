// Patterns of the match statement (CPython's Grammar/python.gram; each
// function's comment gives its rule).
#include "pyfront/parser.h"

namespace pyfront::detail {

using ast::ExprNode;
using ast::PatternNode;

// pattern: as_pattern | or_pattern
// as_pattern: or_pattern 'as' pattern_capture_target
PatternNode* Parser::pattern() {
  DepthGuard guard(*this);
  if (!guard.ok) return nullptr;
  const std::uint32_t begin = peek().begin;  // a group's '(' belongs to the MatchAs
  PatternNode* p = or_pattern();
  if (!p || !at(KeywordId::As)) return p;
  take();
  if (!at_name() || at(KeywordId::Underscore)) {
    if (at(KeywordId::Underscore)) return fail("cannot use '_' as a target", peek().begin, peek().end);
    return fail("invalid pattern target", peek().begin, peek().end);
  }
  const Token& name = take();
  auto* as = node<ast::MatchAs>(begin, name.end);
  as->pattern = p;
  as->name = name_of(name);
  return as;
}

// or_pattern: '|'.closed_pattern+
PatternNode* Parser::or_pattern() {
  const std::uint32_t begin = peek().begin;
  PatternNode* first = closed_pattern();
  if (!first || !at(TokenKind::VBar)) return first;
  std::vector<PatternNode*> alternatives{first};
  while (accept(TokenKind::VBar)) {
    PatternNode* next = closed_pattern();
    if (!next) return nullptr;
    alternatives.push_back(next);
  }
  auto* o = node<ast::MatchOr>(begin, prev_end_);
  o->patterns = seq(alternatives);
  return o;
}

// signed_number: NUMBER | '-' NUMBER
// complex_number: signed_real_number ('+' | '-') imaginary_number
ExprNode* Parser::signed_number_or_complex() {
  const std::uint32_t begin = peek().begin;
  const bool minus = accept(TokenKind::Minus);
  if (!at(TokenKind::Number)) return invalid_syntax();
  Parsed n = number();
  if (!n) return nullptr;
  ExprNode* e = n.node;
  if (minus) {
    auto* u = node<ast::UnaryOp>(begin, n.end);
    u->op = ast::UnaryOperator::USub;
    u->operand = e;
    e = u;
  }
  if (at(TokenKind::Plus) || at(TokenKind::Minus)) {
    const bool add = take().kind == TokenKind::Plus;
    if (!at(TokenKind::Number)) return invalid_syntax();
    Parsed imag = number();
    if (!imag) return nullptr;
    auto* b = node<ast::BinOp>(begin, imag.end);
    b->left = e;
    b->op = add ? ast::Operator::Add : ast::Operator::Sub;
    b->right = imag.node;
    e = b;
  }
  return e;
}

// closed_pattern: literal_pattern | capture_pattern | wildcard_pattern | value_pattern
//   | group_pattern | sequence_pattern | mapping_pattern | class_pattern
// (and star_pattern, '*' NAME, where a sequence allows it)
PatternNode* Parser::closed_pattern() {
  DepthGuard guard(*this);
  if (!guard.ok) return nullptr;
  const Token& t = peek();
  auto value_pattern = [&](ExprNode* e) {
    auto* v = node<ast::MatchValue>(e->loc.begin, e->loc.end);
    v->value = e;
    return v;
  };
  switch (t.kind) {
    case TokenKind::Star: {
      take();
      if (!at_name()) return invalid_syntax();
      const Token& name = take();
      auto* s = node<ast::MatchStar>(t.begin, name.end);
      if (name.keyword != KeywordId::Underscore) s->name = name_of(name);
      return s;
    }
    case TokenKind::Number:
    case TokenKind::Minus: {
      ExprNode* e = signed_number_or_complex();
      if (!e) return nullptr;
      return value_pattern(e);
    }
    case TokenKind::String: {
      Parsed s = strings();
      if (!s) return nullptr;
      if (s.node->kind == ast::ExprKind::JoinedStr)
        return fail("patterns may only match literals and attribute lookups", s.begin, s.end);
      return value_pattern(s.node);
    }
    case TokenKind::LPar:
    case TokenKind::LSqb: {
      take();
      const TokenKind closer = t.kind == TokenKind::LPar ? TokenKind::RPar : TokenKind::RSqb;
      std::vector<PatternNode*> items;
      bool comma = false;
      while (!at(closer)) {
        PatternNode* p = at(TokenKind::Star) ? closed_pattern() : pattern();
        if (!p) return nullptr;
        items.push_back(p);
        if (!accept(TokenKind::Comma)) break;
        comma = true;
      }
      if (!expect(closer, nullptr)) return nullptr;
      // A group pattern: one pattern in parentheses, no comma, not a star.
      if (t.kind == TokenKind::LPar && items.size() == 1 && !comma && items[0]->kind != ast::PatternKind::MatchStar)
        return items[0];
      auto* s = node<ast::MatchSequence>(t.begin, prev_end_);
      s->patterns = seq(items);
      return s;
    }
    case TokenKind::LBrace: {
      take();
      std::vector<ExprNode*> keys;
      std::vector<PatternNode*> values;
      ast::Identifier rest;
      while (!at(TokenKind::RBrace)) {
        if (accept(TokenKind::DoubleStar)) {
          if (!at_name()) return invalid_syntax();
          rest = name_of(take());
          accept(TokenKind::Comma);
          break;
        }
        ExprNode* key = nullptr;
        if (at(TokenKind::Number) || at(TokenKind::Minus)) {
          key = signed_number_or_complex();
        } else if (at(TokenKind::String)) {
          key = strings().node;
        } else if (at(KeywordId::None_) || at(KeywordId::True) || at(KeywordId::False)) {
          key = atom().node;
        } else if (at_name()) {
          Parsed e = atom();
          while (e && at(TokenKind::Dot)) {
            take();
            if (!at_name()) return invalid_syntax();
            const Token& attr = take();
            auto* a = node<ast::Attribute>(e.begin, attr.end);
            a->value = e.node;
            a->attr = name_of(attr);
            e = Parsed{a, e.begin, attr.end, false};
          }
          key = e.node;
        } else {
          return invalid_syntax();
        }
        if (!key || !expect(TokenKind::Colon, nullptr)) return nullptr;
        PatternNode* value = pattern();
        if (!value) return nullptr;
        keys.push_back(key);
        values.push_back(value);
        if (!accept(TokenKind::Comma)) break;
      }
      if (!expect(TokenKind::RBrace, nullptr)) return nullptr;
      auto* m = node<ast::MatchMapping>(t.begin, prev_end_);
      m->keys = seq(keys);
      m->patterns = seq(values);
      m->rest = rest;
      return m;
    }
    case TokenKind::Name: {
      if (t.keyword == KeywordId::None_ || t.keyword == KeywordId::True || t.keyword == KeywordId::False) {
        take();
        auto* s = node<ast::MatchSingleton>(t.begin, t.end);
        s->value.kind = t.keyword == KeywordId::None_   ? ast::ConstantValue::Kind::None
                        : t.keyword == KeywordId::True ? ast::ConstantValue::Kind::True
                                                       : ast::ConstantValue::Kind::False;
        return s;
      }
      if (!at_name()) return invalid_syntax();
      take();
      // A dotted name is a value pattern, or with '(' a class pattern; a
      // bare name is a capture ('_': the wildcard), or with '(' a class.
      ExprNode* e = nullptr;
      {
        auto* n = node<ast::Name>(t.begin, t.end);
        n->id = name_of(t);
        e = n;
      }
      bool dotted = false;
      while (at(TokenKind::Dot)) {
        take();
        if (!at_name()) return invalid_syntax();
        const Token& attr = take();
        auto* a = node<ast::Attribute>(t.begin, attr.end);
        a->value = e;
        a->attr = name_of(attr);
        e = a;
        dotted = true;
      }
      if (at(TokenKind::LPar)) {
        take();
        std::vector<PatternNode*> positional, keyword_patterns;
        std::vector<ast::Identifier> keyword_names;
        while (!at(TokenKind::RPar)) {
          if (at_name() && peek(1).kind == TokenKind::Equal) {
            keyword_names.push_back(name_of(take()));
            take();
            PatternNode* p = pattern();
            if (!p) return nullptr;
            keyword_patterns.push_back(p);
          } else {
            if (!keyword_names.empty()) {
              PatternNode* p = pattern();
              if (!p) return nullptr;
              return fail("positional patterns follow keyword patterns", p->loc.begin, p->loc.end);
            }
            PatternNode* p = pattern();
            if (!p) return nullptr;
            positional.push_back(p);
          }
          if (!accept(TokenKind::Comma)) break;
        }
        if (!expect(TokenKind::RPar, nullptr)) return nullptr;
        auto* c = node<ast::MatchClass>(t.begin, prev_end_);
        c->cls = e;
        c->patterns = seq(positional);
        c->kwd_attrs = seq(keyword_names);
        c->kwd_patterns = seq(keyword_patterns);
        return c;
      }
      if (dotted) return value_pattern(e);
      auto* as = node<ast::MatchAs>(t.begin, t.end);
      if (t.keyword != KeywordId::Underscore) as->name = name_of(t);
      return as;
    }
    default: return invalid_syntax();
  }
}

}  // namespace pyfront::detail
