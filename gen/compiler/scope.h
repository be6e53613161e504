// Semantic analysis: which scope every name belongs to (CPython's symtable).
//
// Scopes: the module, each def and lambda, each class body, each
// comprehension. A name is
//   Local      bound in a function scope (assigned, a parameter, a def...);
//   Cell       a Local that a nested def or lambda reads or writes: it lives
//              in a cell the nested function's closure shares;
//   Free       bound in an enclosing function scope (or declared nonlocal):
//              read through that scope's cell, or its local directly when
//              every scope in between is inlined (see below);
//   Global     the module's (bound at module level, declared global, or
//              bound nowhere: then a builtin or a NameError at run time);
//   ClassLocal bound in a class body: the class namespace, falling back to
//              the globals and builtins when read (CPython's LOAD_NAME).
//
// Inlining: a class body and a comprehension run inside the C++ function of
// the scope around them (each keeps its own traceback frame), so only defs
// and lambdas have closures. A name an inlined scope reads from its
// enclosing function is that function's variable itself; it needs a cell
// only when a def or lambda sits on the path (Cell rule).
//
// `super()` in a def directly inside a class reads the implicit
// `__class__` cell the class body creates, as in CPython.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pyfront/ast.h"
#include "pyfront/diagnostic.h"

namespace gen::compiler {

enum class ScopeKind : std::uint8_t { Module, Function, Lambda, Class, Comprehension };
enum class Binding : std::uint8_t { Local, Cell, Free, Global, ClassLocal };

enum SymbolFlags : std::uint16_t {
  kBound = 1u << 0,
  kUsed = 1u << 1,
  kParam = 1u << 2,
  kDeclaredGlobal = 1u << 3,
  kDeclaredNonlocal = 1u << 4,
  kDeleted = 1u << 5,  // a `del` of it somewhere in the scope: may be unbound after
};

struct Symbol {
  std::uint16_t flags = 0;
  Binding binding = Binding::Local;
};

struct Scope {
  ScopeKind kind = ScopeKind::Module;
  int id = 0;                // unique: C++ names of inlined scopes' variables
  std::string name;          // "f", "<lambda>", "<listcomp>", "C", "<module>"
  std::string qualname;      // "f.<locals>.g", "C.method"
  Scope* parent = nullptr;
  const void* node = nullptr;  // the FunctionDef, Lambda, ClassDef or comprehension expression
  std::vector<std::unique_ptr<Scope>> children;
  std::unordered_map<std::string_view, Symbol> symbols;
  std::vector<std::string_view> order;     // symbols in first-seen order (deterministic output)
  std::vector<std::string_view> freevars;  // defs and lambdas: the closure's cells, in order
  bool class_cell = false;                 // a class whose methods use super() or __class__
  bool generator = false;                  // a def containing yield (or await), or a genexpr
  bool genexpr = false;                    // a generator expression: a function of its own, not inlined
  bool has_walrus = false;                 // a := in it or an inlined scope inside

  bool inlined() const { return kind == ScopeKind::Class || (kind == ScopeKind::Comprehension && !genexpr); }
  bool is_function() const { return kind == ScopeKind::Function || kind == ScopeKind::Lambda || genexpr; }
  const Symbol* find(std::string_view name) const {
    auto it = symbols.find(name);
    return it == symbols.end() ? nullptr : &it->second;
  }
  int free_index(std::string_view name) const {
    for (std::size_t i = 0; i < freevars.size(); ++i)
      if (freevars[i] == name) return static_cast<int>(i);
    return -1;
  }
};

struct ScopeTable {
  std::unique_ptr<Scope> module;
  std::unordered_map<const void*, Scope*> by_node;
  std::vector<std::string_view> globals;  // every module-level variable, first-seen order
  // (bound name, top-level module) of every `import m [as n]`, any scope:
  // the generator checks `n.attr` against what gen's module defines.
  std::vector<std::pair<std::string_view, std::string_view>> module_aliases;
  Scope* scope_of(const void* node) const {
    auto it = by_node.find(node);
    return it == by_node.end() ? nullptr : it->second;
  }
  bool is_module_global(std::string_view name) const {
    for (std::string_view g : globals)
      if (g == name) return true;
    return false;
  }
};

// Builds the table, or the first SyntaxError CPython's symtable reports
// (no binding for nonlocal, name used prior to global declaration, ...).
bool analyze_scopes(const pyfront::ast::Module* module, ScopeTable& out, pyfront::Diagnostic& error);

}  // namespace gen::compiler
