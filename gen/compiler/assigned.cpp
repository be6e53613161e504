// Definite assignment (assigned.h): one forward walk per def, with the set
// of its locals bound at each point (Invariant D's steps are cited where
// the walk keeps them).
#include "gen/compiler/assigned.h"

#include <string_view>
#include <unordered_map>
#include <vector>

#include "gen/compiler/ast_walk.h"

namespace gen::compiler {

using namespace pyfront::ast;

namespace {

// The locals bound at one point; `dead` when no path reaches it (after a
// return, raise, break or continue), which is the identity of meet().
struct State {
  bool dead = false;
  std::vector<bool> bound;

  void meet(const State& other) {
    if (other.dead) return;
    if (dead) {
      *this = other;
      return;
    }
    for (std::size_t i = 0; i < bound.size(); ++i) bound[i] = bound[i] && other.bound[i];
  }
};

class Analysis {
 public:
  Analysis(const ScopeTable& scopes, AssignedReads& out) : scopes_(scopes), out_(out) {}

  void module(const Module* m) { nested_defs(m->body); }

 private:
  const ScopeTable& scopes_;
  AssignedReads& out_;
  const Scope* fn_ = nullptr;   // the def being walked
  const Scope* cur_ = nullptr;  // where names are looked up: fn_ or a scope inlined in it
  std::unordered_map<std::string_view, std::size_t> index_;  // fn_'s Local variables

  // Every def in the program gets its own walk, wherever it is nested.
  void nested_defs(const Seq<StmtNode*>& body) {
    for (const StmtNode* s : body) visit_defs(s);
  }
  void visit_defs(const StmtNode* s) {
    switch (s->kind) {
      case StmtKind::FunctionDef: {
        const auto* d = static_cast<const FunctionDef*>(s);
        function(d);
        return nested_defs(d->body);
      }
      case StmtKind::ClassDef: return nested_defs(static_cast<const ClassDef*>(s)->body);
      case StmtKind::If:
        nested_defs(static_cast<const If*>(s)->body);
        return nested_defs(static_cast<const If*>(s)->orelse);
      case StmtKind::While:
        nested_defs(static_cast<const While*>(s)->body);
        return nested_defs(static_cast<const While*>(s)->orelse);
      case StmtKind::For:
        nested_defs(static_cast<const For*>(s)->body);
        return nested_defs(static_cast<const For*>(s)->orelse);
      case StmtKind::With: return nested_defs(static_cast<const With*>(s)->body);
      case StmtKind::Try:
      case StmtKind::TryStar: {
        const auto* t = static_cast<const Try*>(s);
        nested_defs(t->body);
        for (const ExcepthandlerNode* h : t->handlers) nested_defs(static_cast<const ExceptHandler*>(h)->body);
        nested_defs(t->orelse);
        return nested_defs(t->finalbody);
      }
      default:
        return;  // defs in lambdas or async code: never walked, so every read keeps its check
    }
  }

  void function(const FunctionDef* d) {
    fn_ = cur_ = scopes_.scope_of(d);
    if (!fn_) return;
    index_.clear();
    for (std::string_view name : fn_->order) {
      const Symbol* sym = fn_->find(name);
      if (sym && sym->binding == Binding::Local) index_.emplace(name, index_.size());
    }
    State s;
    s.bound.assign(index_.size(), false);
    const Arguments* a = d->args;
    for (const Arg* p : a->posonlyargs) bind(p->arg, s);
    for (const Arg* p : a->args) bind(p->arg, s);
    for (const Arg* p : a->kwonlyargs) bind(p->arg, s);
    if (a->vararg) bind(a->vararg->arg, s);
    if (a->kwarg) bind(a->kwarg->arg, s);
    if (!unsupported(d->body)) statements(d->body, s);
  }

  // Constructs gen does not compile (the build stops): nothing is recorded.
  static bool unsupported(const Seq<StmtNode*>& body) {
    for (const StmtNode* s : body) {
      switch (s->kind) {
        case StmtKind::Match:
        case StmtKind::AsyncFor:
        case StmtKind::AsyncWith:
          return true;
        case StmtKind::If:
          if (unsupported(static_cast<const If*>(s)->body) || unsupported(static_cast<const If*>(s)->orelse))
            return true;
          break;
        case StmtKind::While:
          if (unsupported(static_cast<const While*>(s)->body) || unsupported(static_cast<const While*>(s)->orelse))
            return true;
          break;
        case StmtKind::For:
          if (unsupported(static_cast<const For*>(s)->body) || unsupported(static_cast<const For*>(s)->orelse))
            return true;
          break;
        case StmtKind::With:
          if (unsupported(static_cast<const With*>(s)->body)) return true;
          break;
        case StmtKind::Try:
        case StmtKind::TryStar: {
          const auto* t = static_cast<const Try*>(s);
          if (unsupported(t->body) || unsupported(t->orelse) || unsupported(t->finalbody)) return true;
          for (const ExcepthandlerNode* h : t->handlers)
            if (unsupported(static_cast<const ExceptHandler*>(h)->body)) return true;
          break;
        }
        default:
          break;
      }
    }
    return false;
  }

  // --- names ---

  // The index of fn_'s variable that `name`, looked up in cur_, is; -1
  // for anything else (a global, a cell, a comprehension's own variable,
  // a class attribute). Inlined scopes reach fn_'s variable through Free
  // (class bodies are skipped on the way up, as the emitter resolves).
  int variable(std::string_view name) const {
    const Scope* s = cur_;
    for (;;) {
      const Symbol* sym = s->find(name);
      if (s == fn_) {
        if (!sym || sym->binding != Binding::Local) return -1;
        auto it = index_.find(name);
        return it == index_.end() ? -1 : static_cast<int>(it->second);
      }
      if (!sym || sym->binding != Binding::Free) return -1;
      do {
        s = s->parent;
      } while (s && s != fn_ && s->kind == ScopeKind::Class);
      if (!s || (!s->inlined() && s != fn_)) return -1;
    }
  }
  void bind(std::string_view name, State& s) {  // Invariant D, 1.
    const int i = variable(name);
    if (i >= 0 && !s.dead) s.bound[static_cast<std::size_t>(i)] = true;
  }
  void unbind(std::string_view name, State& s) {  // Invariant D, 2.
    const int i = variable(name);
    if (i >= 0 && !s.dead) s.bound[static_cast<std::size_t>(i)] = false;
  }
  void read(const Name* n, const State& s) {
    const int i = variable(n->id);
    if (i >= 0 && !s.dead && s.bound[static_cast<std::size_t>(i)]) out_.bound_.insert(n);
  }

  // Every name a `del` or an `except ... as` may unbind in `body`, through
  // nested blocks (not nested defs or classes: their names are their own).
  void deleted(const Seq<StmtNode*>& body, std::vector<std::string_view>& out) const {
    for (const StmtNode* s : body) {
      switch (s->kind) {
        case StmtKind::Delete:
          for (const ExprNode* t : static_cast<const Delete*>(s)->targets) deleted_target(t, out);
          break;
        case StmtKind::If:
          deleted(static_cast<const If*>(s)->body, out);
          deleted(static_cast<const If*>(s)->orelse, out);
          break;
        case StmtKind::While:
          deleted(static_cast<const While*>(s)->body, out);
          deleted(static_cast<const While*>(s)->orelse, out);
          break;
        case StmtKind::For:
          deleted(static_cast<const For*>(s)->body, out);
          deleted(static_cast<const For*>(s)->orelse, out);
          break;
        case StmtKind::With:
          deleted(static_cast<const With*>(s)->body, out);
          break;
        case StmtKind::Try:
        case StmtKind::TryStar: {
          const auto* t = static_cast<const Try*>(s);
          deleted(t->body, out);
          for (const ExcepthandlerNode* hn : t->handlers) {
            const auto* h = static_cast<const ExceptHandler*>(hn);
            if (h->name.data()) out.push_back(h->name);
            deleted(h->body, out);
          }
          deleted(t->orelse, out);
          deleted(t->finalbody, out);
          break;
        }
        default:
          break;
      }
    }
  }
  static void deleted_target(const ExprNode* t, std::vector<std::string_view>& out) {
    if (t->kind == ExprKind::Name) {
      out.push_back(static_cast<const Name*>(t)->id);
    } else if (t->kind == ExprKind::Tuple || t->kind == ExprKind::List) {
      const Seq<ExprNode*>& elts =
          t->kind == ExprKind::Tuple ? static_cast<const Tuple*>(t)->elts : static_cast<const List*>(t)->elts;
      for (const ExprNode* e : elts) deleted_target(e, out);
    }
  }
  State without(State s, const std::vector<std::string_view>& names) {
    for (std::string_view n : names) unbind(n, s);
    return s;
  }

  // --- statements ---

  void statements(const Seq<StmtNode*>& body, State& s) {
    for (const StmtNode* st : body) statement(st, s);
  }

  void statement(const StmtNode* st, State& s) {
    switch (st->kind) {
      case StmtKind::Expr:
        return expr(static_cast<const Expr*>(st)->value, s);
      case StmtKind::Assign: {
        const auto* a = static_cast<const Assign*>(st);
        expr(a->value, s);
        for (const ExprNode* t : a->targets) target(t, s);
        return;
      }
      case StmtKind::AugAssign: {
        const auto* a = static_cast<const AugAssign*>(st);
        if (a->target->kind == ExprKind::Name) {
          read(static_cast<const Name*>(a->target), s);
        } else {
          target_parts(a->target, s);
        }
        expr(a->value, s);
        if (a->target->kind == ExprKind::Name) bind(static_cast<const Name*>(a->target)->id, s);
        return;
      }
      case StmtKind::AnnAssign: {
        const auto* a = static_cast<const AnnAssign*>(st);
        if (!a->value) {
          if (a->target->kind != ExprKind::Name) target_parts(a->target, s);
          return;
        }
        expr(a->value, s);
        return target(a->target, s);
      }
      case StmtKind::Delete:
        for (const ExprNode* t : static_cast<const Delete*>(st)->targets) delete_target(t, s);
        return;
      case StmtKind::Return:
        if (auto* v = static_cast<const Return*>(st)->value) expr(v, s);
        s.dead = true;
        return;
      case StmtKind::Raise: {
        const auto* r = static_cast<const Raise*>(st);
        if (r->exc) expr(r->exc, s);
        if (r->cause) expr(r->cause, s);
        s.dead = true;
        return;
      }
      case StmtKind::Break:
      case StmtKind::Continue:
        s.dead = true;  // Invariant D, 4.: the loop's entry set covers these paths
        return;
      case StmtKind::Assert: {
        const auto* a = static_cast<const Assert*>(st);
        expr(a->test, s);
        if (a->msg) expr(a->msg, s);
        return;
      }
      case StmtKind::If: {
        const auto* i = static_cast<const If*>(st);
        expr(i->test, s);
        State other = s;
        statements(i->body, s);
        statements(i->orelse, other);
        s.meet(other);  // Invariant D, 3.
        return;
      }
      case StmtKind::While: {
        const auto* w = static_cast<const While*>(st);
        std::vector<std::string_view> gone;
        deleted(w->body, gone);
        deleted(w->orelse, gone);
        const State entry = without(s, gone);  // Invariant D, 4.
        State test = entry;
        expr(w->test, test);
        State body = entry;
        statements(w->body, body);
        State orelse = entry;
        statements(w->orelse, orelse);
        s = entry;
        if (is_true(w->test) && !breaks(w->body)) s.dead = true;
        return;
      }
      case StmtKind::For: {
        const auto* f = static_cast<const For*>(st);
        expr(f->iter, s);
        std::vector<std::string_view> gone;
        deleted(f->body, gone);
        deleted(f->orelse, gone);
        const State entry = without(s, gone);  // Invariant D, 4.
        State body = entry;
        target(f->target, body);
        statements(f->body, body);
        State orelse = entry;
        statements(f->orelse, orelse);
        s = entry;
        return;
      }
      case StmtKind::With: {
        const auto* w = static_cast<const With*>(st);
        for (const Withitem* item : w->items) {
          expr(item->context_expr, s);
          if (item->optional_vars) target(item->optional_vars, s);
        }
        std::vector<std::string_view> gone;
        deleted(w->body, gone);
        State body = s;
        statements(w->body, body);
        s = without(s, gone);  // Invariant D, 6.
        return;
      }
      case StmtKind::Try:
      case StmtKind::TryStar:
        return try_statement(static_cast<const Try*>(st), s);
      case StmtKind::FunctionDef: {
        const auto* d = static_cast<const FunctionDef*>(st);
        for (const ExprNode* e : d->decorator_list) expr(e, s);
        for (const ExprNode* e : d->args->defaults) expr(e, s);
        for (const ExprNode* e : d->args->kw_defaults)
          if (e) expr(e, s);
        return bind(d->name, s);
      }
      case StmtKind::ClassDef: {
        const auto* c = static_cast<const ClassDef*>(st);
        for (const ExprNode* e : c->decorator_list) expr(e, s);
        for (const ExprNode* e : c->bases) expr(e, s);
        for (const Keyword* k : c->keywords) expr(k->value, s);
        // The body runs here, inlined; what it binds is the class's.
        const Scope* saved = cur_;
        cur_ = scopes_.scope_of(c);
        if (cur_) {
          State body = s;
          statements(c->body, body);
        }
        cur_ = saved;
        return bind(c->name, s);
      }
      case StmtKind::Import:
      case StmtKind::ImportFrom: {
        const Seq<Alias*>& names = st->kind == StmtKind::Import ? static_cast<const Import*>(st)->names
                                                                 : static_cast<const ImportFrom*>(st)->names;
        for (const Alias* a : names) {
          std::string_view n = a->asname.data() ? a->asname : a->name;
          if (st->kind == StmtKind::Import && !a->asname.data()) n = n.substr(0, n.find('.'));
          bind(n, s);
        }
        return;
      }
      default:
        return;  // pass, global, nonlocal (and what unsupported() rules out)
    }
  }

  void try_statement(const Try* t, State& s) {
    std::vector<std::string_view> gone;
    deleted(t->body, gone);
    const State raised = without(s, gone);  // Invariant D, 5.
    State normal = s;
    statements(t->body, normal);
    statements(t->orelse, normal);
    for (const ExcepthandlerNode* hn : t->handlers) {
      const auto* h = static_cast<const ExceptHandler*>(hn);
      State handler = raised;
      if (h->type) expr(h->type, handler);
      if (h->name.data()) bind(h->name, handler);
      statements(h->body, handler);
      if (h->name.data()) unbind(h->name, handler);  // Invariant D, 2.
      normal.meet(handler);
    }
    if (t->finalbody.empty()) {
      s = normal;
      return;
    }
    // finally runs on every path: from the entry set less anything the
    // try statement may delete, met with the normal path's.
    std::vector<std::string_view> all;
    deleted(t->body, all);
    for (const ExcepthandlerNode* hn : t->handlers) {
      const auto* h = static_cast<const ExceptHandler*>(hn);
      if (h->name.data()) all.push_back(h->name);
      deleted(h->body, all);
    }
    deleted(t->orelse, all);
    State fin = without(s, all);
    fin.meet(normal);
    std::vector<std::string_view> gone_in_finally;
    deleted(t->finalbody, gone_in_finally);
    statements(t->finalbody, fin);
    // Completing normally: what the normal path had and finally kept,
    // plus what finally bound.
    State after = without(normal, gone_in_finally);
    if (fin.dead || after.dead) {
      s = fin.dead ? fin : after;
      return;
    }
    for (std::size_t i = 0; i < after.bound.size(); ++i) after.bound[i] = after.bound[i] || fin.bound[i];
    s = after;
  }

  static bool is_true(const ExprNode* e) {
    return e->kind == ExprKind::Constant && static_cast<const Constant*>(e)->value.kind == ConstantValue::Kind::True;
  }
  // A break of this loop in `body` (not of a nested loop, except in its else).
  static bool breaks(const Seq<StmtNode*>& body) {
    for (const StmtNode* s : body) {
      switch (s->kind) {
        case StmtKind::Break: return true;
        case StmtKind::If:
          if (breaks(static_cast<const If*>(s)->body) || breaks(static_cast<const If*>(s)->orelse)) return true;
          break;
        case StmtKind::With:
          if (breaks(static_cast<const With*>(s)->body)) return true;
          break;
        case StmtKind::Try:
        case StmtKind::TryStar: {
          const auto* t = static_cast<const Try*>(s);
          if (breaks(t->body) || breaks(t->orelse) || breaks(t->finalbody)) return true;
          for (const ExcepthandlerNode* h : t->handlers)
            if (breaks(static_cast<const ExceptHandler*>(h)->body)) return true;
          break;
        }
        case StmtKind::For:
          if (breaks(static_cast<const For*>(s)->orelse)) return true;
          break;
        case StmtKind::While:
          if (breaks(static_cast<const While*>(s)->orelse)) return true;
          break;
        default:
          break;
      }
    }
    return false;
  }

  // target = ...: the parts of a subscript or attribute target are read
  // (after the value), names are bound, left to right.
  void target(const ExprNode* t, State& s) {
    switch (t->kind) {
      case ExprKind::Name:
        return bind(static_cast<const Name*>(t)->id, s);
      case ExprKind::Tuple:
      case ExprKind::List: {
        const Seq<ExprNode*>& elts =
            t->kind == ExprKind::Tuple ? static_cast<const Tuple*>(t)->elts : static_cast<const List*>(t)->elts;
        for (const ExprNode* e : elts) target(e, s);
        return;
      }
      case ExprKind::Starred:
        return target(static_cast<const Starred*>(t)->value, s);
      default:
        return target_parts(t, s);
    }
  }
  void target_parts(const ExprNode* t, State& s) {
    if (t->kind == ExprKind::Subscript) {
      expr(static_cast<const Subscript*>(t)->value, s);
      expr(static_cast<const Subscript*>(t)->slice, s);
    } else if (t->kind == ExprKind::Attribute) {
      expr(static_cast<const Attribute*>(t)->value, s);
    }
  }
  void delete_target(const ExprNode* t, State& s) {
    switch (t->kind) {
      case ExprKind::Name:
        return unbind(static_cast<const Name*>(t)->id, s);
      case ExprKind::Tuple:
      case ExprKind::List: {
        const Seq<ExprNode*>& elts =
            t->kind == ExprKind::Tuple ? static_cast<const Tuple*>(t)->elts : static_cast<const List*>(t)->elts;
        for (const ExprNode* e : elts) delete_target(e, s);
        return;
      }
      default:
        return target_parts(t, s);
    }
  }

  // --- expressions: reads only (a := binds nothing here, Invariant D, 1.) ---

  void expr(const ExprNode* e, const State& s) {
    switch (e->kind) {
      case ExprKind::Name: {
        const auto* n = static_cast<const Name*>(e);
        if (n->ctx == ExprContext::Load) read(n, s);
        return;
      }
      case ExprKind::Lambda: {
        const auto* l = static_cast<const Lambda*>(e);
        for (const ExprNode* d : l->args->defaults) expr(d, s);
        for (const ExprNode* d : l->args->kw_defaults)
          if (d) expr(d, s);
        return;  // the body runs later, in a scope of its own
      }
      case ExprKind::ListComp:
      case ExprKind::SetComp:
      case ExprKind::DictComp:
      case ExprKind::GeneratorExp:
        return comprehension(e, s);
      default:
        for_each_expr_child(e, [&](const ExprNode* child) { expr(child, s); });
        return;
    }
  }

  // The first iterable is evaluated where the comprehension is; the rest
  // runs inlined in the comprehension's scope, except a generator
  // expression's, which runs later (its reads go through cells).
  void comprehension(const ExprNode* e, const State& s) {
    const ComprehensionParts parts = comprehension_parts(e);
    const Seq<Comprehension*>* gens = parts.generators;
    if (gens->empty()) return;
    expr((*gens)[0]->iter, s);
    const Scope* cs = scopes_.scope_of(e);
    if (!cs || !cs->inlined()) return;
    const Scope* saved = cur_;
    cur_ = cs;
    for (std::uint32_t i = 0; i < gens->size; ++i) {
      const Comprehension* g = (*gens)[i];
      if (i > 0) expr(g->iter, s);
      for (const ExprNode* c : g->ifs) expr(c, s);
    }
    for (const ExprNode* r : parts.results)
      if (r) expr(r, s);
    cur_ = saved;
  }
};

}  // namespace

void analyze_assignment(const Module* module, const ScopeTable& scopes, AssignedReads& out) {
  Analysis(scopes, out).module(module);
}

}  // namespace gen::compiler
