// The errors CPython reports only when it compiles a module (its symbol
// table pass, then its code generator), which ast.parse does not: `check`
// reports them, `dump-ast` does not.
#include "pyfront/checks.h"

#include <deque>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pyfront {
namespace {

using namespace ast;

struct Scope {
  bool function = false;  // a def or lambda (not the module, not a class body)
  bool async = false;
  int loops = 0;          // loops around the current statement, in this scope
};

class Checker {
 public:
  // Pass 1 (CPython's symtable): declarations and parameters. `functions`
  // counts the function scopes around the statements (a nonlocal needs one).
  int functions = 0;
  void symbols(const Seq<StmtNode*>& body, bool module_level) {
    for (StmtNode* s : body) {
      if (error) return;
      symbols(s, module_level);
    }
  }
  // Pass 2 (CPython's compiler): statements and expressions in context.
  void statements(const Seq<StmtNode*>& body) {
    for (StmtNode* s : body) {
      if (error) return;
      statement(s);
    }
  }

  std::optional<Diagnostic> error;

 private:
  void fail(const std::string& message, Location loc) {
    if (!error) error = Diagnostic{ErrorKind::SyntaxError, message, loc.begin, loc.end};
  }

  void parameters(const Arguments* a, Location where) {
    std::vector<Identifier> seen;
    auto add = [&](const Arg* arg) {
      if (!arg) return;
      for (Identifier s : seen) {
        if (s == arg->arg) {
          fail("duplicate argument '" + std::string(arg->arg) + "' in function definition", arg->loc);
          return;
        }
      }
      seen.push_back(arg->arg);
    };
    (void)where;
    for (const Arg* x : a->posonlyargs) add(x);
    for (const Arg* x : a->args) add(x);
    add(a->vararg);
    for (const Arg* x : a->kwonlyargs) add(x);
    add(a->kwarg);
  }

  void symbols(StmtNode* s, bool module_level) {
    switch (s->kind) {
      case StmtKind::Nonlocal:
        if (module_level) return fail("nonlocal declaration not allowed at module level", s->loc);
        // In a class or function with no function around it, nothing can
        // bind the name. (Which enclosing function binds it is not checked.)
        if (functions == 0)
          fail("no binding for nonlocal '" + std::string(static_cast<Nonlocal*>(s)->names[0]) + "' found", s->loc);
        return;
      case StmtKind::FunctionDef: {
        auto* f = static_cast<FunctionDef*>(s);
        parameters(f->args, s->loc);
        nested_function(f->body);
        return;
      }
      case StmtKind::AsyncFunctionDef: {
        auto* f = static_cast<AsyncFunctionDef*>(s);
        parameters(f->args, s->loc);
        nested_function(f->body);
        return;
      }
      case StmtKind::ClassDef: symbols(static_cast<ClassDef*>(s)->body, false); return;
      case StmtKind::If: {
        auto* x = static_cast<If*>(s);
        symbols(x->body, module_level);
        symbols(x->orelse, module_level);
        return;
      }
      case StmtKind::For:
      case StmtKind::AsyncFor: {
        auto* x = static_cast<For*>(s);
        symbols(x->body, module_level);
        symbols(x->orelse, module_level);
        return;
      }
      case StmtKind::While: {
        auto* x = static_cast<While*>(s);
        symbols(x->body, module_level);
        symbols(x->orelse, module_level);
        return;
      }
      case StmtKind::With:
      case StmtKind::AsyncWith: symbols(static_cast<With*>(s)->body, module_level); return;
      case StmtKind::Try:
      case StmtKind::TryStar: {
        auto* x = static_cast<Try*>(s);
        symbols(x->body, module_level);
        for (ExcepthandlerNode* h : x->handlers) symbols(static_cast<ExceptHandler*>(h)->body, module_level);
        symbols(x->orelse, module_level);
        symbols(x->finalbody, module_level);
        return;
      }
      case StmtKind::Match:
        for (MatchCase* c : static_cast<Match*>(s)->cases) symbols(c->body, module_level);
        return;
      default: return;
    }
  }

  // A function's body: its nonlocals may bind names of the functions around.
  // (symbols() counts the scopes of the function bodies it enters.)
  void nested_function(const Seq<StmtNode*>& body) {
    ++functions;
    symbols(body, false);
    --functions;
  }

  void statement(StmtNode* s) {
    Scope& scope = scopes_.back();
    switch (s->kind) {
      case StmtKind::FunctionDef:
      case StmtKind::AsyncFunctionDef: {
        auto* f = static_cast<FunctionDef*>(s);  // same layout for both kinds
        for (ExprNode* d : f->decorator_list) expr(d);
        arguments(f->args);
        if (f->returns) expr(f->returns);
        scopes_.push_back(Scope{true, s->kind == StmtKind::AsyncFunctionDef, 0});
        statements(f->body);
        scopes_.pop_back();
        return;
      }
      case StmtKind::ClassDef: {
        auto* c = static_cast<ClassDef*>(s);
        for (ExprNode* d : c->decorator_list) expr(d);
        for (ExprNode* b : c->bases) expr(b);
        keywords(c->keywords);
        scopes_.push_back(Scope{false, false, 0});
        statements(c->body);
        scopes_.pop_back();
        return;
      }
      case StmtKind::Return: {
        auto* r = static_cast<Return*>(s);
        if (!scope.function) return fail("'return' outside function", s->loc);
        if (starred_alone(r->value)) return;
        if (r->value) expr(r->value);
        return;
      }
      case StmtKind::Delete:
        for (ExprNode* t : static_cast<Delete*>(s)->targets) expr(t);
        return;
      case StmtKind::Assign: {
        auto* a = static_cast<Assign*>(s);
        for (ExprNode* t : a->targets) expr(t);
        if (starred_alone(a->value)) return;
        expr(a->value);
        return;
      }
      case StmtKind::AugAssign: {
        auto* a = static_cast<AugAssign*>(s);
        expr(a->target);
        expr(a->value);
        return;
      }
      case StmtKind::AnnAssign: {
        auto* a = static_cast<AnnAssign*>(s);
        expr(a->target);
        expr(a->annotation);
        if (a->value) expr(a->value);
        return;
      }
      case StmtKind::For:
      case StmtKind::AsyncFor: {
        auto* f = static_cast<For*>(s);
        if (s->kind == StmtKind::AsyncFor && !scope.async) return fail("'async for' outside async function", s->loc);
        expr(f->target);
        expr(f->iter);
        ++scope.loops;
        statements(f->body);
        --scope.loops;
        statements(f->orelse);
        return;
      }
      case StmtKind::While: {
        auto* w = static_cast<While*>(s);
        expr(w->test);
        ++scope.loops;
        statements(w->body);
        --scope.loops;
        statements(w->orelse);
        return;
      }
      case StmtKind::If: {
        auto* i = static_cast<If*>(s);
        expr(i->test);
        statements(i->body);
        statements(i->orelse);
        return;
      }
      case StmtKind::With:
      case StmtKind::AsyncWith: {
        auto* w = static_cast<With*>(s);
        if (s->kind == StmtKind::AsyncWith && !scope.async) return fail("'async with' outside async function", s->loc);
        for (Withitem* item : w->items) {
          expr(item->context_expr);
          if (item->optional_vars) expr(item->optional_vars);
        }
        statements(w->body);
        return;
      }
      case StmtKind::Match: {
        auto* m = static_cast<Match*>(s);
        expr(m->subject);
        for (MatchCase* c : m->cases) {
          if (c->guard) expr(c->guard);
          statements(c->body);
        }
        return;
      }
      case StmtKind::Raise: {
        auto* r = static_cast<Raise*>(s);
        if (r->exc) expr(r->exc);
        if (r->cause) expr(r->cause);
        return;
      }
      case StmtKind::Try:
      case StmtKind::TryStar: {
        auto* t = static_cast<Try*>(s);
        statements(t->body);
        for (ExcepthandlerNode* h : t->handlers) {
          auto* eh = static_cast<ExceptHandler*>(h);
          if (eh->type) expr(eh->type);
          statements(eh->body);
        }
        statements(t->orelse);
        statements(t->finalbody);
        return;
      }
      case StmtKind::Assert: {
        auto* a = static_cast<Assert*>(s);
        expr(a->test);
        if (a->msg) expr(a->msg);
        return;
      }
      case StmtKind::ImportFrom: {
        auto* i = static_cast<ImportFrom*>(s);
        if (i->module == "__future__" && i->level == 0 && !future_prefix_.count(s))
          fail("from __future__ imports must occur at the beginning of the file", s->loc);
        return;
      }
      case StmtKind::Expr:
        if (starred_alone(static_cast<Expr*>(s)->value)) return;
        expr(static_cast<Expr*>(s)->value);
        return;
      case StmtKind::Break:
        if (scope.loops == 0) fail("'break' outside loop", s->loc);
        return;
      case StmtKind::Continue:
        if (scope.loops == 0) fail("'continue' not properly in loop", s->loc);
        return;
      default: return;
    }
  }

  void arguments(const Arguments* a) {
    for (ExprNode* d : a->defaults) expr(d);
    for (ExprNode* d : a->kw_defaults)
      if (d) expr(d);
    auto annotation = [&](const Arg* arg) {
      if (arg && arg->annotation) expr(arg->annotation);
    };
    for (const Arg* x : a->posonlyargs) annotation(x);
    for (const Arg* x : a->args) annotation(x);
    annotation(a->vararg);
    for (const Arg* x : a->kwonlyargs) annotation(x);
    annotation(a->kwarg);
  }

  // A keyword given twice in one call (or class definition).
  void keywords(const Seq<Keyword*>& list) {
    for (std::uint32_t i = 0; i < list.size && !error; ++i) {
      const Keyword* k = list[i];
      if (k->arg.data() != nullptr) {
        for (std::uint32_t j = 0; j < i; ++j) {
          if (list[j]->arg.data() != nullptr && list[j]->arg == k->arg) {
            fail("keyword argument repeated: " + std::string(k->arg), k->loc);
            return;
          }
        }
      }
      expr(k->value);
    }
  }

  // A starred expression where only a value may stand.
  bool starred_alone(ExprNode* e) {
    if (e && e->kind == ExprKind::Starred) {
      fail("can't use starred expression here", e->loc);
      return true;
    }
    return false;
  }

  void comprehensions(const Seq<Comprehension*>& generators, Location where) {
    for (Comprehension* c : generators) {
      if (c->is_async && !scopes_.back().async) {
        fail("asynchronous comprehension outside of an asynchronous function", where);
        return;
      }
      expr(c->target);
      expr(c->iter);
      for (ExprNode* i : c->ifs) expr(i);
    }
  }

  void expr(ExprNode* e) {
    if (!e || error) return;
    const Scope& scope = scopes_.back();
    switch (e->kind) {
      case ExprKind::Yield:
      case ExprKind::YieldFrom:
        if (!scope.function) return fail("'yield' outside function", e->loc);
        if (e->kind == ExprKind::Yield) return expr(static_cast<Yield*>(e)->value);
        return expr(static_cast<YieldFrom*>(e)->value);
      case ExprKind::Await:
        if (!scope.function) return fail("'await' outside function", e->loc);
        if (!scope.async) return fail("'await' outside async function", e->loc);
        return expr(static_cast<Await*>(e)->value);
      case ExprKind::Lambda: {
        auto* l = static_cast<Lambda*>(e);
        arguments(l->args);
        scopes_.push_back(Scope{true, false, 0});
        expr(l->body);
        scopes_.pop_back();
        return;
      }
      case ExprKind::BoolOp:
        for (ExprNode* v : static_cast<BoolOp*>(e)->values) expr(v);
        return;
      case ExprKind::NamedExpr: expr(static_cast<NamedExpr*>(e)->value); return;
      case ExprKind::BinOp:
        expr(static_cast<BinOp*>(e)->left);
        expr(static_cast<BinOp*>(e)->right);
        return;
      case ExprKind::UnaryOp: expr(static_cast<UnaryOp*>(e)->operand); return;
      case ExprKind::IfExp:
        expr(static_cast<IfExp*>(e)->test);
        expr(static_cast<IfExp*>(e)->body);
        expr(static_cast<IfExp*>(e)->orelse);
        return;
      case ExprKind::Dict:
        for (ExprNode* k : static_cast<Dict*>(e)->keys) expr(k);
        for (ExprNode* v : static_cast<Dict*>(e)->values) expr(v);
        return;
      case ExprKind::Set:
        for (ExprNode* x : static_cast<Set*>(e)->elts) expr(x);
        return;
      case ExprKind::ListComp:
        comprehensions(static_cast<ListComp*>(e)->generators, e->loc);
        return expr(static_cast<ListComp*>(e)->elt);
      case ExprKind::SetComp:
        comprehensions(static_cast<SetComp*>(e)->generators, e->loc);
        return expr(static_cast<SetComp*>(e)->elt);
      case ExprKind::DictComp:
        comprehensions(static_cast<DictComp*>(e)->generators, e->loc);
        expr(static_cast<DictComp*>(e)->key);
        return expr(static_cast<DictComp*>(e)->value);
      case ExprKind::GeneratorExp: {
        // Its own scope, which may await (an async generator expression is
        // allowed anywhere); only the first iterable is evaluated outside.
        auto* g = static_cast<GeneratorExp*>(e);
        expr(g->generators[0]->iter);
        scopes_.push_back(Scope{true, true, 0});
        for (std::uint32_t i = 0; i < g->generators.size; ++i) {
          Comprehension* c = g->generators[i];
          expr(c->target);
          if (i) expr(c->iter);
          for (ExprNode* cond : c->ifs) expr(cond);
        }
        expr(g->elt);
        scopes_.pop_back();
        return;
      }
      case ExprKind::Compare:
        expr(static_cast<Compare*>(e)->left);
        for (ExprNode* c : static_cast<Compare*>(e)->comparators) expr(c);
        return;
      case ExprKind::Call: {
        auto* c = static_cast<Call*>(e);
        expr(c->func);
        for (ExprNode* a : c->args) expr(a);
        keywords(c->keywords);
        return;
      }
      case ExprKind::FormattedValue:
        expr(static_cast<FormattedValue*>(e)->value);
        return expr(static_cast<FormattedValue*>(e)->format_spec);
      case ExprKind::JoinedStr:
        for (ExprNode* v : static_cast<JoinedStr*>(e)->values) expr(v);
        return;
      case ExprKind::Attribute: return expr(static_cast<Attribute*>(e)->value);
      case ExprKind::Subscript:
        expr(static_cast<Subscript*>(e)->value);
        return expr(static_cast<Subscript*>(e)->slice);
      case ExprKind::Starred: return expr(static_cast<Starred*>(e)->value);
      case ExprKind::List:
        for (ExprNode* x : static_cast<List*>(e)->elts) expr(x);
        return;
      case ExprKind::Tuple:
        for (ExprNode* x : static_cast<Tuple*>(e)->elts) expr(x);
        return;
      case ExprKind::Slice:
        expr(static_cast<Slice*>(e)->lower);
        expr(static_cast<Slice*>(e)->upper);
        return expr(static_cast<Slice*>(e)->step);
      default: return;
    }
  }

  // A deque: statement() holds a reference to the innermost scope while a

  // lambda or comprehension in the statement pushes its own (a vector would

  // move the scopes and leave that reference dangling).

  std::deque<Scope> scopes_{Scope{}};

 public:
  // Pass 0 (CPython's future.c): the `from __future__` imports that open
  // the module (after its docstring) name known features; any other one
  // is reported by pass 2.
  void future(const Seq<StmtNode*>& body) {
    static constexpr std::string_view kFeatures[] = {
        "nested_scopes", "generators", "division", "absolute_import", "with_statement", "print_function",
        "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations"};
    for (std::uint32_t i = 0; i < body.size && !error; ++i) {
      StmtNode* s = body[i];
      if (i == 0 && s->kind == StmtKind::Expr) {
        const ExprNode* v = static_cast<Expr*>(s)->value;
        if (v->kind == ExprKind::Constant && static_cast<const Constant*>(v)->value.kind == ConstantValue::Kind::Str)
          continue;  // the docstring
      }
      if (s->kind != StmtKind::ImportFrom) return;
      auto* imp = static_cast<ImportFrom*>(s);
      if (imp->module != "__future__" || imp->level != 0) return;
      future_prefix_.insert(s);
      for (const Alias* a : imp->names) {
        if (a->name == "braces") return fail("not a chance", s->loc);
        bool known = false;
        for (std::string_view f : kFeatures) known |= a->name == f;
        if (!known) return fail("future feature " + std::string(a->name) + " is not defined", s->loc);
      }
    }
  }

 private:
  std::set<const StmtNode*> future_prefix_;
};

}  // namespace

std::optional<Diagnostic> compile_time_errors(const ast::Module* module) {
  Checker compiler;
  compiler.future(module->body);
  if (compiler.error) return compiler.error;
  Checker symbols;
  symbols.symbols(module->body, true);
  if (symbols.error) return symbols.error;
  compiler.statements(module->body);
  return compiler.error;
}

}  // namespace pyfront
