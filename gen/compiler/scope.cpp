// Semantic analysis (scope.h), in CPython symtable's two passes:
//   1. collect: walk the tree, one Scope per def/lambda/class/comprehension,
//      recording per scope which names are bound, used, parameters or
//      declared global/nonlocal (and the declaration errors, which depend
//      on the order statements appear in);
//   2. resolve: give every name its Binding, innermost scopes looking
//      outwards for free names, marking Cells and each def's freevars.
#include "gen/compiler/scope.h"

#include <algorithm>
#include <optional>

namespace gen::compiler {
namespace {

using namespace pyfront::ast;

class Collector {
 public:
  explicit Collector(ScopeTable& table) : table_(table) {}

  std::optional<pyfront::Diagnostic> error;

  void module(const Module* m) {
    table_.module = std::make_unique<Scope>();
    Scope* s = table_.module.get();
    s->kind = ScopeKind::Module;
    s->name = "<module>";
    s->node = m;
    table_.by_node[m] = s;
    body(s, m->body);
  }

 private:
  ScopeTable& table_;
  int next_id_ = 1;

  void fail(std::string message, Location loc) {
    if (!error) error = pyfront::Diagnostic{pyfront::ErrorKind::SyntaxError, std::move(message), loc.begin, loc.end};
  }

  Symbol& symbol(Scope* s, std::string_view name) {
    auto [it, inserted] = s->symbols.try_emplace(name);
    if (inserted) s->order.push_back(name);
    return it->second;
  }
  void bind(Scope* s, std::string_view name) { symbol(s, name).flags |= kBound; }
  void use(Scope* s, std::string_view name) {
    symbol(s, name).flags |= kUsed;
    // super() reads the class cell (CPython adds the same implicit use).
    if (name == "super" && s->is_function()) symbol(s, "__class__").flags |= kUsed;
  }

  Scope* child(Scope* parent, ScopeKind kind, std::string name, const void* node) {
    auto owned = std::make_unique<Scope>();
    Scope* s = owned.get();
    s->kind = kind;
    s->id = next_id_++;
    s->name = std::move(name);
    s->parent = parent;
    s->node = node;
    // CPython's __qualname__: functions' children get ".<locals>".
    if (parent->kind == ScopeKind::Module)
      s->qualname = s->name;
    else if (parent->kind == ScopeKind::Class)
      s->qualname = parent->qualname + "." + s->name;
    else
      s->qualname = parent->qualname + ".<locals>." + s->name;
    parent->children.push_back(std::move(owned));
    table_.by_node[node] = s;
    return s;
  }

  void body(Scope* s, const Seq<StmtNode*>& stmts) {
    for (StmtNode* st : stmts) statement(s, st);
  }

  void arguments_defaults(Scope* s, const Arguments* a) {
    for (ExprNode* d : a->defaults) expr(s, d);
    for (ExprNode* d : a->kw_defaults)
      if (d) expr(s, d);
    auto annotation = [&](const Arg* arg) {
      if (arg && arg->annotation) expr(s, arg->annotation);
    };
    for (const Arg* arg : a->posonlyargs) annotation(arg);
    for (const Arg* arg : a->args) annotation(arg);
    for (const Arg* arg : a->kwonlyargs) annotation(arg);
    annotation(a->vararg);
    annotation(a->kwarg);
  }
  void parameters(Scope* f, const Arguments* a) {
    auto param = [&](const Arg* arg) {
      if (arg) symbol(f, arg->arg).flags |= kParam | kBound;
    };
    for (const Arg* arg : a->posonlyargs) param(arg);
    for (const Arg* arg : a->args) param(arg);
    for (const Arg* arg : a->kwonlyargs) param(arg);
    param(a->vararg);
    param(a->kwarg);
  }

  void declare(Scope* s, const StmtNode* st, const Seq<Identifier>& names, bool global) {
    const char* what = global ? "global" : "nonlocal";
    for (Identifier n : names) {
      Symbol& sym = symbol(s, n);
      const std::string q = "name '" + std::string(n) + "' is ";
      if (sym.flags & kParam) return fail(q + "parameter and " + what, st->loc);
      if (global && (sym.flags & kDeclaredNonlocal)) return fail(q + "nonlocal and global", st->loc);
      if (!global && (sym.flags & kDeclaredGlobal)) return fail(q + "nonlocal and global", st->loc);
      if (sym.flags & kUsed) return fail(q + "used prior to " + what + " declaration", st->loc);
      if (sym.flags & kBound) return fail(q + "assigned to before " + what + " declaration", st->loc);
      sym.flags |= global ? kDeclaredGlobal : kDeclaredNonlocal;
      if (global) {
        // A global a function binds is a module variable too.
        symbol(table_.module.get(), n);
      }
    }
  }

  void statement(Scope* s, const StmtNode* st) {
    switch (st->kind) {
      case StmtKind::FunctionDef:
      case StmtKind::AsyncFunctionDef: {
        const auto* f = static_cast<const FunctionDef*>(st);  // same layout as AsyncFunctionDef
        for (ExprNode* d : f->decorator_list) expr(s, d);
        arguments_defaults(s, f->args);
        if (f->returns) expr(s, f->returns);
        bind(s, f->name);
        Scope* fs = child(s, ScopeKind::Function, std::string(f->name), st);
        parameters(fs, f->args);
        body(fs, f->body);
        return;
      }
      case StmtKind::ClassDef: {
        const auto* c = static_cast<const ClassDef*>(st);
        for (ExprNode* d : c->decorator_list) expr(s, d);
        for (ExprNode* b : c->bases) expr(s, b);
        for (const Keyword* k : c->keywords) expr(s, k->value);
        bind(s, c->name);
        Scope* cs = child(s, ScopeKind::Class, std::string(c->name), st);
        body(cs, c->body);
        return;
      }
      case StmtKind::Return:
        if (auto* v = static_cast<const Return*>(st)->value) expr(s, v);
        return;
      case StmtKind::Delete:
        for (ExprNode* t : static_cast<const Delete*>(st)->targets) target(s, t, /*del=*/true);
        return;
      case StmtKind::Assign: {
        const auto* a = static_cast<const Assign*>(st);
        expr(s, a->value);
        for (ExprNode* t : a->targets) target(s, t);
        return;
      }
      case StmtKind::AugAssign: {
        const auto* a = static_cast<const AugAssign*>(st);
        expr(s, a->value);
        if (a->target->kind == ExprKind::Name) use(s, static_cast<const Name*>(a->target)->id);
        target(s, a->target);
        return;
      }
      case StmtKind::AnnAssign: {
        const auto* a = static_cast<const AnnAssign*>(st);
        if (a->value) expr(s, a->value);
        expr(s, a->annotation);
        if (a->value || a->target->kind != ExprKind::Name)
          target(s, a->target);
        else
          bind(s, static_cast<const Name*>(a->target)->id);  // `x: int` makes x local without binding it
        return;
      }
      case StmtKind::For:
      case StmtKind::AsyncFor: {
        const auto* f = static_cast<const For*>(st);
        expr(s, f->iter);
        target(s, f->target);
        body(s, f->body);
        body(s, f->orelse);
        return;
      }
      case StmtKind::While: {
        const auto* w = static_cast<const While*>(st);
        expr(s, w->test);
        body(s, w->body);
        body(s, w->orelse);
        return;
      }
      case StmtKind::If: {
        const auto* i = static_cast<const If*>(st);
        expr(s, i->test);
        body(s, i->body);
        body(s, i->orelse);
        return;
      }
      case StmtKind::With:
      case StmtKind::AsyncWith: {
        const auto* w = static_cast<const With*>(st);
        for (const Withitem* item : w->items) {
          expr(s, item->context_expr);
          if (item->optional_vars) target(s, item->optional_vars);
        }
        body(s, w->body);
        return;
      }
      case StmtKind::Match: {
        const auto* m = static_cast<const Match*>(st);
        expr(s, m->subject);
        for (const MatchCase* c : m->cases) {
          pattern(s, c->pattern);
          if (c->guard) expr(s, c->guard);
          body(s, c->body);
        }
        return;
      }
      case StmtKind::Raise: {
        const auto* r = static_cast<const Raise*>(st);
        if (r->exc) expr(s, r->exc);
        if (r->cause) expr(s, r->cause);
        return;
      }
      case StmtKind::Try:
      case StmtKind::TryStar: {
        const auto* t = static_cast<const Try*>(st);
        body(s, t->body);
        for (const ExcepthandlerNode* h : t->handlers) {
          const auto* eh = static_cast<const ExceptHandler*>(h);
          if (eh->type) expr(s, eh->type);
          if (eh->name.data()) {
            bind(s, eh->name);
            symbol(s, eh->name).flags |= kDeleted;  // unbound again after the handler
          }
          body(s, eh->body);
        }
        body(s, t->orelse);
        body(s, t->finalbody);
        return;
      }
      case StmtKind::Assert: {
        const auto* a = static_cast<const Assert*>(st);
        expr(s, a->test);
        if (a->msg) expr(s, a->msg);
        return;
      }
      case StmtKind::Import:
        for (const Alias* a : static_cast<const Import*>(st)->names) {
          const std::string_view top = a->name.substr(0, a->name.find('.'));
          const std::string_view n = a->asname.data() ? a->asname : top;
          bind(s, n);
          table_.module_aliases.emplace_back(n, a->asname.data() ? a->name : top);
        }
        return;
      case StmtKind::ImportFrom:
        for (const Alias* a : static_cast<const ImportFrom*>(st)->names)
          if (a->name != "*") bind(s, a->asname.data() ? a->asname : a->name);
        return;
      case StmtKind::Global:
        return declare(s, st, static_cast<const Global*>(st)->names, true);
      case StmtKind::Nonlocal:
        return declare(s, st, static_cast<const Nonlocal*>(st)->names, false);
      case StmtKind::Expr:
        return expr(s, static_cast<const Expr*>(st)->value);
      case StmtKind::Pass:
      case StmtKind::Break:
      case StmtKind::Continue:
        return;
    }
  }

  void pattern(Scope* s, const PatternNode* p) {
    if (!p) return;
    switch (p->kind) {
      case PatternKind::MatchValue:
        return expr(s, static_cast<const MatchValue*>(p)->value);
      case PatternKind::MatchSingleton:
        return;
      case PatternKind::MatchSequence:
        for (const PatternNode* q : static_cast<const MatchSequence*>(p)->patterns) pattern(s, q);
        return;
      case PatternKind::MatchMapping: {
        const auto* m = static_cast<const MatchMapping*>(p);
        for (ExprNode* k : m->keys) expr(s, k);
        for (const PatternNode* q : m->patterns) pattern(s, q);
        if (m->rest.data()) bind(s, m->rest);
        return;
      }
      case PatternKind::MatchClass: {
        const auto* m = static_cast<const MatchClass*>(p);
        expr(s, m->cls);
        for (const PatternNode* q : m->patterns) pattern(s, q);
        for (const PatternNode* q : m->kwd_patterns) pattern(s, q);
        return;
      }
      case PatternKind::MatchStar:
        if (auto n = static_cast<const MatchStar*>(p)->name; n.data()) bind(s, n);
        return;
      case PatternKind::MatchAs: {
        const auto* m = static_cast<const MatchAs*>(p);
        pattern(s, m->pattern);
        if (m->name.data()) bind(s, m->name);
        return;
      }
      case PatternKind::MatchOr:
        for (const PatternNode* q : static_cast<const MatchOr*>(p)->patterns) pattern(s, q);
        return;
    }
  }

  // An assignment (or del) target: names are bound, the rest evaluated.
  void target(Scope* s, const ExprNode* t, bool del = false) {
    switch (t->kind) {
      case ExprKind::Name: {
        Symbol& sym = symbol(s, static_cast<const Name*>(t)->id);
        sym.flags |= kBound;
        if (del) sym.flags |= kDeleted;
        return;
      }
      case ExprKind::Tuple:
        for (ExprNode* e : static_cast<const Tuple*>(t)->elts) target(s, e, del);
        return;
      case ExprKind::List:
        for (ExprNode* e : static_cast<const List*>(t)->elts) target(s, e, del);
        return;
      case ExprKind::Starred:
        return target(s, static_cast<const Starred*>(t)->value, del);
      default:
        return expr(s, t);  // attribute, subscript: their parts are read
    }
  }

  void comprehension(Scope* s, const ExprNode* e, const char* name, const Seq<Comprehension*>& gens,
                     std::initializer_list<const ExprNode*> elts) {
    // The first iterable is evaluated in the enclosing scope (CPython).
    expr(s, gens[0]->iter);
    Scope* cs = child(s, ScopeKind::Comprehension, name, e);
    cs->genexpr = cs->generator = e->kind == ExprKind::GeneratorExp;
    for (std::uint32_t i = 0; i < gens.size; ++i) {
      const Comprehension* g = gens[i];
      if (i > 0) expr(cs, g->iter);
      target(cs, g->target);
      for (ExprNode* cond : g->ifs) expr(cs, cond);
    }
    for (const ExprNode* elt : elts) expr(cs, elt);
  }

  void expr(Scope* s, const ExprNode* e) {
    switch (e->kind) {
      case ExprKind::BoolOp:
        for (ExprNode* v : static_cast<const BoolOp*>(e)->values) expr(s, v);
        return;
      case ExprKind::NamedExpr: {
        const auto* n = static_cast<const NamedExpr*>(e);
        expr(s, n->value);
        std::string_view id = static_cast<const Name*>(n->target)->id;
        // In a comprehension the target belongs to the scope around it.
        Scope* owner = s;
        while (owner->kind == ScopeKind::Comprehension) owner = owner->parent;
        for (Scope* f = s; f; f = f->inlined() ? f->parent : nullptr) f->has_walrus = true;
        if (owner != s) {
          if (owner->kind == ScopeKind::Class)
            return fail("assignment expression within a comprehension cannot be used in a class body", e->loc);
          for (Scope* c = s; c != owner; c = c->parent)
            symbol(c, id).flags |= owner->kind == ScopeKind::Module ? kDeclaredGlobal : kDeclaredNonlocal;
        }
        bind(owner, id);
        return;
      }
      case ExprKind::BinOp:
        expr(s, static_cast<const BinOp*>(e)->left);
        expr(s, static_cast<const BinOp*>(e)->right);
        return;
      case ExprKind::UnaryOp:
        return expr(s, static_cast<const UnaryOp*>(e)->operand);
      case ExprKind::Lambda: {
        const auto* l = static_cast<const Lambda*>(e);
        arguments_defaults(s, l->args);
        Scope* ls = child(s, ScopeKind::Lambda, "<lambda>", e);
        parameters(ls, l->args);
        expr(ls, l->body);
        return;
      }
      case ExprKind::IfExp: {
        const auto* i = static_cast<const IfExp*>(e);
        expr(s, i->test);
        expr(s, i->body);
        expr(s, i->orelse);
        return;
      }
      case ExprKind::Dict: {
        const auto* d = static_cast<const Dict*>(e);
        for (ExprNode* k : d->keys)
          if (k) expr(s, k);
        for (ExprNode* v : d->values) expr(s, v);
        return;
      }
      case ExprKind::Set:
        for (ExprNode* v : static_cast<const Set*>(e)->elts) expr(s, v);
        return;
      case ExprKind::ListComp: {
        const auto* c = static_cast<const ListComp*>(e);
        return comprehension(s, e, "<listcomp>", c->generators, {c->elt});
      }
      case ExprKind::SetComp: {
        const auto* c = static_cast<const SetComp*>(e);
        return comprehension(s, e, "<setcomp>", c->generators, {c->elt});
      }
      case ExprKind::DictComp: {
        const auto* c = static_cast<const DictComp*>(e);
        return comprehension(s, e, "<dictcomp>", c->generators, {c->key, c->value});
      }
      case ExprKind::GeneratorExp: {
        const auto* c = static_cast<const GeneratorExp*>(e);
        return comprehension(s, e, "<genexpr>", c->generators, {c->elt});
      }
      case ExprKind::Await:
        s->generator = true;
        return expr(s, static_cast<const Await*>(e)->value);
      case ExprKind::Yield:
        s->generator = true;
        if (auto* v = static_cast<const Yield*>(e)->value) expr(s, v);
        return;
      case ExprKind::YieldFrom:
        s->generator = true;
        return expr(s, static_cast<const YieldFrom*>(e)->value);
      case ExprKind::Compare: {
        const auto* c = static_cast<const Compare*>(e);
        expr(s, c->left);
        for (ExprNode* v : c->comparators) expr(s, v);
        return;
      }
      case ExprKind::Call: {
        const auto* c = static_cast<const Call*>(e);
        expr(s, c->func);
        for (ExprNode* a : c->args) expr(s, a);
        for (const Keyword* k : c->keywords) expr(s, k->value);
        return;
      }
      case ExprKind::FormattedValue: {
        const auto* f = static_cast<const FormattedValue*>(e);
        expr(s, f->value);
        if (f->format_spec) expr(s, f->format_spec);
        return;
      }
      case ExprKind::JoinedStr:
        for (ExprNode* v : static_cast<const JoinedStr*>(e)->values) expr(s, v);
        return;
      case ExprKind::Constant:
        return;
      case ExprKind::Attribute:
        return expr(s, static_cast<const Attribute*>(e)->value);
      case ExprKind::Subscript:
        expr(s, static_cast<const Subscript*>(e)->value);
        expr(s, static_cast<const Subscript*>(e)->slice);
        return;
      case ExprKind::Starred:
        return expr(s, static_cast<const Starred*>(e)->value);
      case ExprKind::Name: {
        const auto* n = static_cast<const Name*>(e);
        if (n->ctx == ExprContext::Load)
          use(s, n->id);
        else
          target(s, e, n->ctx == ExprContext::Del);
        return;
      }
      case ExprKind::List:
        for (ExprNode* v : static_cast<const List*>(e)->elts) expr(s, v);
        return;
      case ExprKind::Tuple:
        for (ExprNode* v : static_cast<const Tuple*>(e)->elts) expr(s, v);
        return;
      case ExprKind::Slice: {
        const auto* sl = static_cast<const Slice*>(e);
        if (sl->lower) expr(s, sl->lower);
        if (sl->upper) expr(s, sl->upper);
        if (sl->step) expr(s, sl->step);
        return;
      }
    }
  }
};

// Pass 2.
class Resolver {
 public:
  explicit Resolver(ScopeTable& table) : table_(table) {}
  std::optional<pyfront::Diagnostic> error;

  void declared(Scope* s) {
    for (std::string_view n : s->order) {
      Symbol& sym = s->symbols[n];
      if (s->kind == ScopeKind::Module || (sym.flags & kDeclaredGlobal)) {
        sym.binding = Binding::Global;
        if (sym.flags & kBound) add_global(n);  // read-only names are builtins (or NameErrors)
      } else if (sym.flags & kDeclaredNonlocal) {
        sym.binding = Binding::Free;
      } else if (sym.flags & kBound) {
        sym.binding = s->kind == ScopeKind::Class ? Binding::ClassLocal : Binding::Local;
      } else {
        sym.binding = Binding::Global;  // until a free lookup finds it
      }
    }
    for (auto& c : s->children) declared(c.get());
  }

  void free(Scope* s) {
    for (std::string_view n : s->order) {
      Symbol& sym = s->symbols[n];
      const bool nonlocal = (sym.flags & kDeclaredNonlocal) != 0;
      const bool lookup = nonlocal || (sym.binding == Binding::Global && !(sym.flags & kDeclaredGlobal) &&
                                       s->kind != ScopeKind::Module);
      if (!lookup) continue;
      Scope* owner = find_owner(s, n);
      if (!owner) {
        if (nonlocal) fail("no binding for nonlocal '" + std::string(n) + "' found", s);
        continue;
      }
      sym.binding = Binding::Free;
      // Every def or lambda on the way receives the cell in its closure;
      // the owner keeps the variable in a cell if any does (Cell rule).
      bool through_function = false;
      for (Scope* c = s; c != owner; c = c->parent) {
        if (c->is_function()) {
          through_function = true;
          if (c->free_index(n) < 0) c->freevars.push_back(n);
        } else if (c != s) {
          Symbol& pass = c->symbols[n];
          if (pass.binding != Binding::ClassLocal) pass.binding = Binding::Free;
          if (std::find(c->order.begin(), c->order.end(), n) == c->order.end()) c->order.push_back(n);
        }
      }
      if (owner->kind == ScopeKind::Class) {
        owner->class_cell = true;  // `__class__`
      } else if (through_function) {
        Symbol& own = owner->symbols[n];
        if (own.binding == Binding::Local) own.binding = Binding::Cell;
      }
    }
    for (auto& c : s->children) free(c.get());
  }

 private:
  ScopeTable& table_;

  void add_global(std::string_view n) {
    if (!table_.is_module_global(n)) table_.globals.push_back(n);
  }
  void fail(std::string message, const Scope* s) {
    if (error) return;
    Location loc{};
    if (s->node) loc = static_cast<const StmtNode*>(s->node)->loc;
    error = pyfront::Diagnostic{pyfront::ErrorKind::SyntaxError, std::move(message), loc.begin, loc.begin};
  }

  // The enclosing scope whose variable `n` is: a function scope binding it
  // (or itself nonlocal: the chain continues there), skipping class bodies
  // except for the implicit __class__.
  Scope* find_owner(Scope* s, std::string_view n) {
    for (Scope* p = s->parent; p && p->kind != ScopeKind::Module; p = p->parent) {
      if (p->kind == ScopeKind::Class) {
        if (n == "__class__") return p;
        continue;
      }
      const Symbol* sym = p->find(n);
      if (!sym) continue;
      if (sym->flags & kDeclaredGlobal) return nullptr;
      // A nonlocal in p is p's own free variable: the chain ends at p.
      if (sym->flags & (kBound | kDeclaredNonlocal)) return p;
    }
    return nullptr;
  }
};

}  // namespace

bool analyze_scopes(const Module* module, ScopeTable& out, pyfront::Diagnostic& error) {
  Collector collect(out);
  collect.module(module);
  if (collect.error) {
    error = *collect.error;
    return false;
  }
  Resolver resolve(out);
  resolve.declared(out.module.get());
  resolve.free(out.module.get());
  if (resolve.error) {
    error = *resolve.error;
    return false;
  }
  return true;
}

}  // namespace gen::compiler
