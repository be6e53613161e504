// The direct children of an expression, in evaluation order, for walks
// over the AST (inference, definite assignment). Lambdas and
// comprehensions have none here: their parts run in scopes of their own,
// which each walk treats in its own way; names and constants have none.
#pragma once

#include <cstdint>

#include "pyfront/ast.h"

namespace gen::compiler {

template <class F>
void for_each_expr_child(const pyfront::ast::ExprNode* e, F&& f) {
  using namespace pyfront::ast;
  switch (e->kind) {
    case ExprKind::Call: {
      const auto* c = static_cast<const Call*>(e);
      f(c->func);
      for (const ExprNode* a : c->args) f(a);
      for (const Keyword* k : c->keywords) f(k->value);
      return;
    }
    case ExprKind::BoolOp:
      for (const ExprNode* v : static_cast<const BoolOp*>(e)->values) f(v);
      return;
    case ExprKind::NamedExpr:
      f(static_cast<const NamedExpr*>(e)->target);
      f(static_cast<const NamedExpr*>(e)->value);
      return;
    case ExprKind::BinOp:
      f(static_cast<const BinOp*>(e)->left);
      f(static_cast<const BinOp*>(e)->right);
      return;
    case ExprKind::UnaryOp:
      f(static_cast<const UnaryOp*>(e)->operand);
      return;
    case ExprKind::IfExp: {
      const auto* i = static_cast<const IfExp*>(e);
      f(i->test);
      f(i->body);
      f(i->orelse);
      return;
    }
    case ExprKind::Dict: {
      const auto* d = static_cast<const Dict*>(e);
      for (std::uint32_t i = 0; i < d->values.size; ++i) {
        if (d->keys[i]) f(d->keys[i]);  // null: a **mapping
        f(d->values[i]);
      }
      return;
    }
    case ExprKind::Set:
      for (const ExprNode* v : static_cast<const Set*>(e)->elts) f(v);
      return;
    case ExprKind::List:
      for (const ExprNode* v : static_cast<const List*>(e)->elts) f(v);
      return;
    case ExprKind::Tuple:
      for (const ExprNode* v : static_cast<const Tuple*>(e)->elts) f(v);
      return;
    case ExprKind::Await:
      f(static_cast<const Await*>(e)->value);
      return;
    case ExprKind::Yield:
      if (auto* v = static_cast<const Yield*>(e)->value) f(v);
      return;
    case ExprKind::YieldFrom:
      f(static_cast<const YieldFrom*>(e)->value);
      return;
    case ExprKind::Compare: {
      const auto* c = static_cast<const Compare*>(e);
      f(c->left);
      for (const ExprNode* v : c->comparators) f(v);
      return;
    }
    case ExprKind::FormattedValue: {
      const auto* v = static_cast<const FormattedValue*>(e);
      f(v->value);
      if (v->format_spec) f(v->format_spec);
      return;
    }
    case ExprKind::JoinedStr:
      for (const ExprNode* v : static_cast<const JoinedStr*>(e)->values) f(v);
      return;
    case ExprKind::Attribute:
      f(static_cast<const Attribute*>(e)->value);
      return;
    case ExprKind::Subscript:
      f(static_cast<const Subscript*>(e)->value);
      f(static_cast<const Subscript*>(e)->slice);
      return;
    case ExprKind::Starred:
      f(static_cast<const Starred*>(e)->value);
      return;
    case ExprKind::Slice: {
      const auto* s = static_cast<const Slice*>(e);
      if (s->lower) f(s->lower);
      if (s->upper) f(s->upper);
      if (s->step) f(s->step);
      return;
    }
    default:
      return;
  }
}

// A comprehension's (ListComp, SetComp, GeneratorExp, DictComp) generators
// and the expressions it computes per item: elt, or a DictComp's key then
// value.
struct ComprehensionParts {
  const pyfront::ast::Seq<pyfront::ast::Comprehension*>* generators = nullptr;
  const pyfront::ast::ExprNode* results[2] = {nullptr, nullptr};
};

inline ComprehensionParts comprehension_parts(const pyfront::ast::ExprNode* e) {
  using namespace pyfront::ast;
  switch (e->kind) {
    case ExprKind::ListComp:
      return {&static_cast<const ListComp*>(e)->generators, {static_cast<const ListComp*>(e)->elt, nullptr}};
    case ExprKind::SetComp:
      return {&static_cast<const SetComp*>(e)->generators, {static_cast<const SetComp*>(e)->elt, nullptr}};
    case ExprKind::GeneratorExp:
      return {&static_cast<const GeneratorExp*>(e)->generators, {static_cast<const GeneratorExp*>(e)->elt, nullptr}};
    default: {
      const auto* d = static_cast<const DictComp*>(e);
      return {&d->generators, {d->key, d->value}};
    }
  }
}

}  // namespace gen::compiler
