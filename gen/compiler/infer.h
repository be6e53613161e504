// Type inference: which variables, expressions and functions are proven to
// hold an int, a float, a bool, or a list of such, so the emitter can use
// plain C++ values and direct calls there (docs/gen.md, "Typed paths").
//
// The lattice, per value:  Unknown  <  Int | Float | Bool | None | List(T)  <  Object.
// Unknown is "no value seen yet" (emitted as Object); Object is "any value".
// Types are union-find nodes unified by every flow (assignment, argument,
// return, list element), Steensgaard-style: two lists that may alias share
// one element type. Two different kinds meeting make Object, and a list
// becoming Object makes its element type Object too (poisoning), because
// code we do not see may then store anything in it.
//
// Invariant T (soundness): an expression typed K evaluates, whenever it
// completes, to a value of exactly kind K (int: an exact int, never a
// bool; float: an exact float; List(T): an exact list all of whose items
// are T). It holds because
//   1. every binding of a typed variable is a flow the walk unifies (a
//      binding form the walk does not model makes the variable Object);
//   2. a typed list flows only into places the walk models (indexing,
//      the list methods, len/sum/sorted/min/max/print...); any other use
//      poisons it (escape());
//   3. a "closed" function's parameters receive only the arguments of the
//      direct calls the walk saw: it is defined once at module level, its
//      name is bound nowhere else, and every read of that name is the
//      callee of a plain positional call with the right argument count.
// The walk is repeated until no node changes: a rule's result depends on
// its operands' kinds, which only move up the lattice, so it terminates.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "gen/compiler/scope.h"

namespace gen::compiler {

enum class TypeKind : std::uint8_t { Unknown, Int, Float, Bool, None, List, Object };

const char* type_kind_name(TypeKind k);

// A union-find node: `parent` is null at a representative; `elem` is a
// List's element type.
struct TypeNode {
  TypeNode* parent = nullptr;
  TypeKind kind = TypeKind::Unknown;
  TypeNode* elem = nullptr;
};

// A closed function (Invariant T, 3.): called directly with typed arguments.
struct ClosedFunction {
  const Scope* scope = nullptr;
  const pyfront::ast::FunctionDef* def = nullptr;
  std::vector<TypeNode*> params;
  TypeNode* ret = nullptr;
  std::string cpp;  // the typed C++ function: "tfn<scope id>_<name>"
};

class TypeTable {
 public:
  // Kinds as the emitter uses them: Unknown reads as Object.
  TypeKind expr(const pyfront::ast::ExprNode* e) const;
  TypeKind elem(const pyfront::ast::ExprNode* e) const;  // a List expression's element kind
  TypeKind var(const Scope* s, std::string_view name) const;
  TypeKind aug(const pyfront::ast::StmtNode* s) const;  // an AugAssign's operation result
  const ClosedFunction* closed(const Scope* def) const;
  const ClosedFunction* direct_call(const pyfront::ast::Call* c) const;
  const std::vector<const ClosedFunction*>& closed_functions() const { return closed_order_; }
  static TypeKind kind(const TypeNode* n);  // the representative's, Unknown as Object
  static std::string describe(const TypeNode* n);  // "float", "list[int]"
  std::string describe_var(const Scope* s, std::string_view name) const;

  // For the walk (infer.cpp).
  std::deque<TypeNode> nodes;
  std::unordered_map<const void*, TypeNode*> by_expr;  // ExprNode or AugAssign
  std::map<std::pair<const Scope*, std::string_view>, TypeNode*> vars;
  std::unordered_map<const Scope*, ClosedFunction> functions;
  std::vector<const ClosedFunction*> closed_order_;
  std::unordered_map<const pyfront::ast::Call*, const ClosedFunction*> calls;
};

// Whether a variable of `s` can hold a typed value at all: a local of a
// def (not a cell, not a generator's, not a lambda's or comprehension's).
bool typed_scope(const Scope* s);

void infer_types(const pyfront::ast::Module* module, const ScopeTable& scopes, TypeTable& out);

}  // namespace gen::compiler
