// Type inference: which variables, expressions and functions are proven to
// hold an int, a float, a bool, a list or a tuple of such, so the emitter
// can use plain C++ values and direct calls there (docs/gen.md, "Typed
// paths").
//
// The lattice, per value:
//
//   Unknown  <  Int | Float | Bool | None | Tuple(T1..Tn) | Record(T1..Tn) < List(T)  <  Object
//
// Unknown is "no value seen yet" (emitted as Object); Object is "any value".
// Tuple(T1..Tn) is a tuple of n items, item i of type Ti. Record(T1..Tn) is
// a list of n items, item i of type Ti: what a list display such as
// `[pos, vel, mass]` makes. Its length never changes; the first operation
// that could change it or that treats the items alike (append, a computed
// index, iteration, a slice, sort...) turns it into List(T1 | ... | Tn)
// ("flattening"), so positions are never confused.
//
// Types are union-find nodes unified by every flow of a value that can be
// aliased (assignment, argument, return), Steensgaard-style: two lists that
// may alias share one element type. A scalar stored into a container
// (an item of a display, append, `lst[i] = x`) only raises the item's type
// (flow()): the scalar itself is a copy, so nothing done to the container
// later can change the variable it came from. Two different kinds meeting
// make Object, and a container becoming Object makes its item types Object
// too (poisoning), because code we do not see may then store anything in it.
//
// Invariant T (soundness): an expression typed K evaluates, whenever it
// completes, to a value of exactly kind K (int: an exact int, never a
// bool; float: an exact float; List(T): an exact list all of whose items
// are T; Record(T1..Tn): an exact list of length n, item i a Ti;
// Tuple(T1..Tn): an exact tuple of length n, item i a Ti). It holds because
//   1. every binding of a typed variable is a flow the walk unifies (a
//      binding form the walk does not model makes the variable Object);
//   2. a typed list or tuple flows only into places the walk models
//      (indexing, the list methods, len/sum/sorted/min/max/print...); any
//      other use poisons it (escape());
//   2a. a record is flattened before any operation that changes a list's
//      length or order, through any alias (they share the node);
//   3. a "closed" function's parameters receive only the arguments of the
//      direct calls the walk saw: it is defined once at module level, its
//      name is bound nowhere else, and every read of that name is the
//      callee of a plain positional call with the right argument count.
//   4. a "final" global is bound once in the whole program, by a plain
//      `NAME = value` at module level (no other assignment, def, import,
//      del, `global` rebinding or `:=` anywhere): a read of it that
//      completes gives that value, so a scalar kind carries over.
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

enum class TypeKind : std::uint8_t { Unknown, Int, Float, Bool, None, List, Record, Tuple, Object };

const char* type_kind_name(TypeKind k);

// A union-find node: `parent` is null at a representative; `elem` is a
// List's element type, `fields` a Record's or Tuple's item types.
struct TypeNode {
  TypeNode* parent = nullptr;
  TypeKind kind = TypeKind::Unknown;
  TypeNode* elem = nullptr;
  std::vector<TypeNode*> fields;
  bool constant = false;  // a kind a rule states, made anew every pass (infer.cpp, constant())
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
  // A Record's or Tuple's number of items, or -1 for any other kind.
  int arity(const pyfront::ast::ExprNode* e) const;
  TypeKind var(const Scope* s, std::string_view name) const;
  TypeKind aug(const pyfront::ast::StmtNode* s) const;  // an AugAssign's operation result
  const ClosedFunction* closed(const Scope* def) const;
  const ClosedFunction* direct_call(const pyfront::ast::Call* c) const;
  const std::vector<const ClosedFunction*>& closed_functions() const { return closed_order_; }
  static TypeKind kind(const TypeNode* n);  // the representative's, Unknown as Object
  static std::string describe(const TypeNode* n, int depth = 0);  // "float", "list[int]", "tuple[int, float]"
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

// The item a constant index (`2`, `-1`) names in a sequence of n items,
// or -1 for any other index, or one out of range.
int constant_index(const pyfront::ast::ExprNode* e, std::size_t n);

void infer_types(const pyfront::ast::Module* module, const ScopeTable& scopes, TypeTable& out);

}  // namespace gen::compiler
