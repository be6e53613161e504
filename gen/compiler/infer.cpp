// Type inference (infer.h): a walk over the whole program that unifies the
// type of every flow, repeated until nothing changes.
#include "gen/compiler/infer.h"

#include "gen/compiler/ast_walk.h"

namespace gen::compiler {

using namespace pyfront::ast;

const char* type_kind_name(TypeKind k) {
  switch (k) {
    case TypeKind::Unknown: return "unknown";
    case TypeKind::Int: return "int";
    case TypeKind::Float: return "float";
    case TypeKind::Bool: return "bool";
    case TypeKind::None: return "None";
    case TypeKind::List: return "list";
    case TypeKind::Record: return "record";
    case TypeKind::Tuple: return "tuple";
    case TypeKind::Object: return "object";
  }
  return "object";
}

bool typed_scope(const Scope* s) { return s && s->kind == ScopeKind::Function && !s->generator; }

int constant_index(const ExprNode* e, std::size_t n) {
  bool negative = false;
  if (e->kind == ExprKind::UnaryOp && static_cast<const UnaryOp*>(e)->op == UnaryOperator::USub) {
    negative = true;
    e = static_cast<const UnaryOp*>(e)->operand;
  }
  if (e->kind != ExprKind::Constant) return -1;
  const ConstantValue& v = static_cast<const Constant*>(e)->value;
  if (v.kind != ConstantValue::Kind::Int || v.text.size() > 6) return -1;
  std::int64_t i = 0;
  for (char c : v.text) {
    if (c < '0' || c > '9') return -1;
    i = i * 10 + (c - '0');
  }
  if (negative) i = -i;
  if (i < 0) i += static_cast<std::int64_t>(n);
  return i >= 0 && i < static_cast<std::int64_t>(n) ? static_cast<int>(i) : -1;
}

namespace {

TypeNode* find(TypeNode* n) {
  while (n->parent) {
    if (n->parent->parent) n->parent = n->parent->parent;  // path halving
    n = n->parent;
  }
  return n;
}

bool numeric(TypeKind k) { return k == TypeKind::Int || k == TypeKind::Float || k == TypeKind::Bool; }
bool scalar(TypeKind k) { return numeric(k) || k == TypeKind::None; }
bool container(TypeKind k) { return k == TypeKind::List || k == TypeKind::Record || k == TypeKind::Tuple; }
bool int_like(TypeKind k) { return k == TypeKind::Int || k == TypeKind::Bool; }


class Inference {
 public:
  Inference(const ScopeTable& scopes, TypeTable& t) : scopes_(scopes), t_(t) {}

  // Rules skip operands still Unknown (a later pass may type them); once
  // nothing changes, whatever is still Unknown can only be Object, and the
  // walk runs again so that the rules see it so.
  void run(const Module* m) {
    find_closed_functions(m);
    for (int round = 0; round < 50; ++round) {
      if (!fixed_point(m)) break;
      bool unknown = false;
      for (TypeNode& n : t_.nodes) {
        if (!n.parent && n.kind == TypeKind::Unknown) {
          poison(&n);
          unknown = true;
        }
      }
      if (!unknown) return;
    }
    // Not reached for any program (each node changes at most three times);
    // were it reached, typing nothing is the safe answer.
    for (TypeNode& n : t_.nodes) poison(&n);
  }
  bool fixed_point(const Module* m) {
    for (int pass = 0; pass < 100; ++pass) {
      changes_ = 0;
      scope_ = scopes_.module.get();
      ret_ = nullptr;
      statements(m->body);
      if (changes_ == 0) return true;
    }
    return false;
  }

 private:
  const ScopeTable& scopes_;
  TypeTable& t_;
  const Scope* scope_ = nullptr;
  TypeNode* ret_ = nullptr;       // the return type of the def being walked
  int changes_ = 0;

  // --- nodes ---

  TypeNode* fresh() {
    t_.nodes.emplace_back();
    return &t_.nodes.back();
  }
  // A kind a rule states (None for a bare return, Int for a range item):
  // made anew every pass, so it never becomes another node's
  // representative (unify() copies its kind instead), and what happens to
  // it is no change (else the walk would never settle).
  TypeNode* constant(TypeKind k) {
    TypeNode* n = fresh();
    n->kind = k;
    n->constant = true;
    return n;
  }
  TypeNode* node_of(const void* key) {
    auto [it, inserted] = t_.by_expr.try_emplace(key, nullptr);
    if (inserted) it->second = fresh();
    return it->second;
  }
  static TypeKind kind(TypeNode* n) { return find(n)->kind; }

  void poison(TypeNode* n) {
    n = find(n);
    if (n->kind == TypeKind::Object) return;
    if (!n->constant) ++changes_;
    n->kind = TypeKind::Object;
    if (TypeNode* e = n->elem) {
      n->elem = nullptr;
      poison(e);
    }
    for (TypeNode* f : std::exchange(n->fields, {})) poison(f);
  }
  // n is of kind k (a scalar kind or Object).
  void set(TypeNode* n, TypeKind k) {
    n = find(n);
    if (n->kind == k) return;
    if (n->kind == TypeKind::Unknown && !container(k)) {
      n->kind = k;
      if (!n->constant) ++changes_;
      return;
    }
    poison(n);
  }
  // n is a list (of an element type to be unified); a record is flattened.
  TypeNode* make_list(TypeNode* n) {
    n = find(n);
    if (n->kind == TypeKind::Unknown) {
      n->kind = TypeKind::List;
      n->elem = fresh();
      ++changes_;
    }
    flatten(n);
    n = find(n);
    return n->kind == TypeKind::List ? n->elem : nullptr;
  }
  // A record becomes List(T1 | ... | Tn) (Invariant T, 2a.).
  void flatten(TypeNode* n) {
    n = find(n);
    if (n->kind != TypeKind::Record) return;
    ++changes_;
    std::vector<TypeNode*> fields = std::exchange(n->fields, {});
    TypeNode* elem = fresh();
    n->kind = TypeKind::List;
    n->elem = elem;
    for (TypeNode* f : fields) unify(elem, f);
  }
  // n is a record or tuple of `arity` items; their nodes, or null when n is
  // of another kind (then, for a record, flattened or poisoned).
  const std::vector<TypeNode*>* make_fields(TypeNode* n, TypeKind k, std::size_t arity) {
    n = find(n);
    if (n->kind == TypeKind::Unknown) {
      n->kind = k;
      for (std::size_t i = 0; i < arity; ++i) n->fields.push_back(fresh());
      ++changes_;
    }
    if (n->kind == k && n->fields.size() == arity) return &n->fields;
    if (k == TypeKind::Record && (n->kind == TypeKind::Record || n->kind == TypeKind::List)) {
      flatten(n);
      return nullptr;
    }
    poison(n);
    return nullptr;
  }
  // A value copied into a container's item `item`: a scalar only raises
  // the item's kind; anything that can be aliased is unified.
  void flow(TypeNode* item, TypeNode* value) {
    const TypeKind k = kind(value);
    if (k == TypeKind::Unknown) return;  // a later pass
    if (scalar(k)) return set(item, k);
    unify(item, value);
  }
  // Linking two nodes of one kind changes nothing a rule reads, so only
  // kind changes count (the walk makes fresh constant nodes every pass).
  void unify(TypeNode* a, TypeNode* b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (a->constant || b->constant) {
      if (a->constant) std::swap(a, b);
      if (!a->constant) set(a, b->kind);
      return;
    }
    if (a->kind == TypeKind::Unknown) {
      ++changes_;
      a->parent = b;
      return;
    }
    if (b->kind == TypeKind::Unknown) {
      ++changes_;
      b->parent = a;
      return;
    }
    // A record meeting a list, or a record of another length: both lists.
    const bool a_list = a->kind == TypeKind::List || a->kind == TypeKind::Record;
    const bool b_list = b->kind == TypeKind::List || b->kind == TypeKind::Record;
    if (a_list && b_list && (a->kind != b->kind || a->fields.size() != b->fields.size())) {
      flatten(a);
      flatten(b);
      return unify(a, b);
    }
    if (a->kind != b->kind || a->kind == TypeKind::Object || a->fields.size() != b->fields.size()) {
      poison(a);
      poison(b);
      a->parent = b;
      return;
    }
    a->parent = b;
    if (a->kind == TypeKind::List) {
      TypeNode* ea = a->elem;
      a->elem = nullptr;
      unify(ea, b->elem);
    }
    // Records and tuples of one length: item by item. b's items are copied
    // first: unifying them may flatten or poison b.
    std::vector<TypeNode*> fa = std::exchange(a->fields, {});
    const std::vector<TypeNode*> fb = b->fields;
    for (std::size_t i = 0; i < fa.size(); ++i) unify(fa[i], fb[i]);
  }
  // A value used where the walk cannot follow it (Invariant T, 2.).
  void escape(TypeNode* n) {
    if (container(kind(n))) poison(n);
  }
  // The items of a tuple read as Object (iterated, or indexed by a
  // computed index): they escape, the tuple itself is unchanged.
  void escape_fields(TypeNode* n) {
    const std::vector<TypeNode*> fields = find(n)->fields;
    for (TypeNode* f : fields) escape(f);
  }
  TypeNode* object() { return constant(TypeKind::Object); }

  // --- names ---

  // The variable node of `name` read or bound in the current scope, or
  // null when it is not a typed variable (a global, a cell, a class name...).
  TypeNode* var(std::string_view name) {
    const Scope* s = scope_;
    for (;;) {
      const Symbol* sym = s->find(name);
      if (!sym || s->kind == ScopeKind::Module || s->kind == ScopeKind::Class) return nullptr;
      if (sym->binding == Binding::Local) {
        if (!typed_scope(s)) return nullptr;
        auto [it, inserted] = t_.vars.try_emplace({s, name}, nullptr);
        if (inserted) it->second = fresh();
        return it->second;
      }
      if (sym->binding != Binding::Free) return nullptr;
      // A free name read from an inlined comprehension is the enclosing
      // function's variable itself (emit_expr.cpp's resolve_free).
      if (s->kind != ScopeKind::Comprehension || s->genexpr) return nullptr;
      s = s->parent;
    }
  }
  void bind(std::string_view name, TypeNode* value) {
    if (TypeNode* v = var(name)) return unify(v, value);
    escape(value);
  }
  void bind_object(std::string_view name) {
    if (TypeNode* v = var(name)) poison(v);
  }

  // Whether `name` read in the current scope is the module's global.
  bool reads_global(std::string_view name) const {
    const Scope* s = scope_;
    for (;;) {
      const Symbol* sym = s->find(name);
      if (s->kind == ScopeKind::Module || !sym || sym->binding == Binding::Global) return true;
      if (sym->binding != Binding::Free) return false;
      for (s = s->parent; s && s->kind == ScopeKind::Class; s = s->parent) {
      }
      if (!s) return true;
      const Symbol* outer = s->find(name);
      if (s->kind != ScopeKind::Module && outer &&
          (outer->binding == Binding::Local || outer->binding == Binding::Cell))
        return false;
    }
  }
  // The value of the final global `name` read here, or null.
  const ExprNode* final_global(std::string_view name) const {
    if (!reads_global(name) || !scopes_.is_module_global(name)) return nullptr;
    auto it = final_globals_.find(name);
    return it == final_globals_.end() ? nullptr : it->second;
  }
  bool is_builtin(std::string_view name) const {
    return reads_global(name) && !scopes_.is_module_global(name);
  }

  // --- closed functions (Invariant T, 3.) ---

  void find_closed_functions(const Module* m) {
    std::map<std::string_view, const FunctionDef*> defs;
    for (const StmtNode* s : m->body) {
      if (s->kind != StmtKind::FunctionDef) continue;
      const auto* d = static_cast<const FunctionDef*>(s);
      const Scope* fs = scopes_.scope_of(d);
      const Arguments* a = d->args;
      if (!fs || fs->generator || !fs->freevars.empty() || !d->decorator_list.empty() || a->vararg || a->kwarg ||
          !a->kwonlyargs.empty() || !a->defaults.empty())
        continue;
      bool cell_param = false;
      for (const Arg* p : a->args) cell_param |= fs->find(p->arg)->binding != Binding::Local;
      for (const Arg* p : a->posonlyargs) cell_param |= fs->find(p->arg)->binding != Binding::Local;
      if (cell_param) continue;
      defs[d->name] = defs.count(d->name) ? nullptr : d;
    }
    for (auto& [name, def] : defs)
      if (def) candidates_[name] = def;
    // Every other binding or non-call use of the name disqualifies it.
    uses(m->body, scopes_.module.get());
    for (auto& [name, value] : global_values_)
      if (global_bindings_[name] == 1) final_globals_[name] = value;
    for (auto& [name, def] : candidates_) {
      if (!def) continue;
      ClosedFunction& f = t_.functions[scopes_.scope_of(def)];
      f.scope = scopes_.scope_of(def);
      f.def = def;
      f.ret = fresh();
      for (const Arg* p : def->args->posonlyargs) f.params.push_back(param_node(f.scope, p->arg));
      for (const Arg* p : def->args->args) f.params.push_back(param_node(f.scope, p->arg));
      f.cpp = "tfn" + std::to_string(f.scope->id) + "_" + std::string(name);
      for (char& c : f.cpp)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) c = '_';
      t_.closed_order_.push_back(&f);
    }
  }
  TypeNode* param_node(const Scope* s, std::string_view name) {
    auto [it, inserted] = t_.vars.try_emplace({s, name}, nullptr);
    if (inserted) it->second = fresh();
    return it->second;
  }

  std::map<std::string_view, const FunctionDef*> candidates_;
  // Final globals: module names bound once in the whole program, by a
  // plain `NAME = value` at module level (Invariant T, 4.).
  std::map<std::string_view, int> global_bindings_;
  std::map<std::string_view, const ExprNode*> global_values_;
  std::map<std::string_view, const ExprNode*> final_globals_;

  void disqualify(std::string_view name) {
    auto it = candidates_.find(name);
    if (it != candidates_.end()) it->second = nullptr;
  }
  // A use of a candidate's name that resolves to the global.
  void global_use(std::string_view name, const Scope* s) {
    if (!candidates_.count(name)) return;
    const Scope* saved = scope_;
    scope_ = s;
    const bool global = reads_global(name);
    scope_ = saved;
    if (global) disqualify(name);
  }

  // The disqualifying pass: a structural walk of every node.
  void uses(const Seq<StmtNode*>& body, const Scope* s) {
    for (const StmtNode* st : body) use_stmt(st, s);
  }
  void use_name_binding(std::string_view name, const Scope* s) {
    const Symbol* sym = s->find(name);
    if (s->kind == ScopeKind::Module || (sym && sym->binding == Binding::Global)) {
      ++global_bindings_[name];
      disqualify(name);
    }
  }
  void use_stmt(const StmtNode* st, const Scope* s) {
    switch (st->kind) {
      case StmtKind::FunctionDef:
      case StmtKind::AsyncFunctionDef: {
        const auto* d = static_cast<const FunctionDef*>(st);
        bool is_candidate_def = s->kind == ScopeKind::Module && candidates_.count(d->name) &&
                                candidates_[d->name] == d;
        if (!is_candidate_def) use_name_binding(d->name, s);
        if (s->kind == ScopeKind::Module) ++global_bindings_[d->name];
        for (const ExprNode* e : d->decorator_list) use_expr(e, s);
        for (const ExprNode* e : d->args->defaults) use_expr(e, s);
        for (const ExprNode* e : d->args->kw_defaults)
          if (e) use_expr(e, s);
        uses(d->body, scopes_.scope_of(d));
        return;
      }
      case StmtKind::ClassDef: {
        const auto* c = static_cast<const ClassDef*>(st);
        use_name_binding(c->name, s);
        for (const ExprNode* e : c->bases) use_expr(e, s);
        for (const Keyword* k : c->keywords) use_expr(k->value, s);
        for (const ExprNode* e : c->decorator_list) use_expr(e, s);
        uses(c->body, scopes_.scope_of(c));
        return;
      }
      case StmtKind::Import:
      case StmtKind::ImportFrom: {
        const Seq<Alias*>& names = st->kind == StmtKind::Import ? static_cast<const Import*>(st)->names
                                                                 : static_cast<const ImportFrom*>(st)->names;
        for (const Alias* a : names) {
          std::string_view n = a->asname.data() ? a->asname : a->name;
          if (st->kind == StmtKind::Import && !a->asname.data()) n = n.substr(0, n.find('.'));
          use_name_binding(n, s);
        }
        return;
      }
      case StmtKind::Try:
      case StmtKind::TryStar: {
        const auto* t = static_cast<const Try*>(st);
        uses(t->body, s);
        for (const ExcepthandlerNode* hn : t->handlers) {
          const auto* h = static_cast<const ExceptHandler*>(hn);
          if (h->type) use_expr(h->type, s);
          if (h->name.data()) use_name_binding(h->name, s);
          uses(h->body, s);
        }
        uses(t->orelse, s);
        uses(t->finalbody, s);
        return;
      }
      default:
        break;
    }
    for_each_child(st, s);
  }
  // Statements whose children are only expressions and statement lists.
  void for_each_child(const StmtNode* st, const Scope* s) {
    switch (st->kind) {
      case StmtKind::Return:
        if (auto* v = static_cast<const Return*>(st)->value) use_expr(v, s);
        return;
      case StmtKind::Delete:
        for (const ExprNode* e : static_cast<const Delete*>(st)->targets) use_expr(e, s);
        return;
      case StmtKind::Assign: {
        const auto* a = static_cast<const Assign*>(st);
        for (const ExprNode* e : a->targets) {
          if (s->kind == ScopeKind::Module && e->kind == ExprKind::Name)
            global_values_[static_cast<const Name*>(e)->id] = a->value;
          use_expr(e, s);
        }
        use_expr(a->value, s);
        return;
      }
      case StmtKind::AugAssign: {
        const auto* a = static_cast<const AugAssign*>(st);
        use_expr(a->target, s);
        use_expr(a->value, s);
        return;
      }
      case StmtKind::AnnAssign: {
        const auto* a = static_cast<const AnnAssign*>(st);
        use_expr(a->target, s);
        use_expr(a->annotation, s);
        if (a->value) use_expr(a->value, s);
        return;
      }
      case StmtKind::For:
      case StmtKind::AsyncFor: {
        const auto* f = static_cast<const For*>(st);
        use_expr(f->target, s);
        use_expr(f->iter, s);
        uses(f->body, s);
        uses(f->orelse, s);
        return;
      }
      case StmtKind::While: {
        const auto* w = static_cast<const While*>(st);
        use_expr(w->test, s);
        uses(w->body, s);
        uses(w->orelse, s);
        return;
      }
      case StmtKind::If: {
        const auto* i = static_cast<const If*>(st);
        use_expr(i->test, s);
        uses(i->body, s);
        uses(i->orelse, s);
        return;
      }
      case StmtKind::With:
      case StmtKind::AsyncWith: {
        const auto* w = static_cast<const With*>(st);
        for (const Withitem* item : w->items) {
          use_expr(item->context_expr, s);
          if (item->optional_vars) use_expr(item->optional_vars, s);
        }
        uses(w->body, s);
        return;
      }
      case StmtKind::Raise: {
        const auto* r = static_cast<const Raise*>(st);
        if (r->exc) use_expr(r->exc, s);
        if (r->cause) use_expr(r->cause, s);
        return;
      }
      case StmtKind::Assert: {
        const auto* a = static_cast<const Assert*>(st);
        use_expr(a->test, s);
        if (a->msg) use_expr(a->msg, s);
        return;
      }
      case StmtKind::Expr:
        use_expr(static_cast<const Expr*>(st)->value, s);
        return;
      case StmtKind::Match:
        // gen does not compile match (the build stops); be safe regardless.
        candidates_.clear();
        return;
      default:
        return;
    }
  }
  void use_expr(const ExprNode* e, const Scope* s) {
    switch (e->kind) {
      case ExprKind::Name: {
        const auto* n = static_cast<const Name*>(e);
        if (n->ctx == ExprContext::Load)
          global_use(n->id, s);
        else
          use_name_binding(n->id, s);
        return;
      }
      case ExprKind::Call: {
        const auto* c = static_cast<const Call*>(e);
        bool plain = c->keywords.empty();
        for (const ExprNode* a : c->args) plain &= a->kind != ExprKind::Starred;
        if (c->func->kind == ExprKind::Name && plain) {
          const std::string_view name = static_cast<const Name*>(c->func)->id;
          auto it = candidates_.find(name);
          const FunctionDef* d = it == candidates_.end() ? nullptr : it->second;
          if (d && c->args.size != d->args->posonlyargs.size + d->args->args.size) global_use(name, s);
          // A matching call: no disqualifying use.
        } else {
          use_expr(c->func, s);
        }
        for (const ExprNode* a : c->args) use_expr(a, s);
        for (const Keyword* k : c->keywords) use_expr(k->value, s);
        return;
      }
      case ExprKind::NamedExpr: {
        // := in a comprehension binds in the enclosing scope: never final.
        const auto* w = static_cast<const NamedExpr*>(e);
        global_bindings_[static_cast<const Name*>(w->target)->id] += 2;
        use_expr(w->target, s);
        use_expr(w->value, s);
        return;
      }
      case ExprKind::Lambda: {
        const auto* l = static_cast<const Lambda*>(e);
        for (const ExprNode* d : l->args->defaults) use_expr(d, s);
        for (const ExprNode* d : l->args->kw_defaults)
          if (d) use_expr(d, s);
        use_expr(l->body, scopes_.scope_of(e));
        return;
      }
      case ExprKind::ListComp:
      case ExprKind::SetComp:
      case ExprKind::DictComp:
      case ExprKind::GeneratorExp: {
        const Scope* cs = scopes_.scope_of(e);
        const Seq<Comprehension*>* gens = nullptr;
        if (e->kind == ExprKind::ListComp) {
          const auto* c = static_cast<const ListComp*>(e);
          gens = &c->generators;
          use_expr(c->elt, cs);
        } else if (e->kind == ExprKind::SetComp) {
          const auto* c = static_cast<const SetComp*>(e);
          gens = &c->generators;
          use_expr(c->elt, cs);
        } else if (e->kind == ExprKind::GeneratorExp) {
          const auto* c = static_cast<const GeneratorExp*>(e);
          gens = &c->generators;
          use_expr(c->elt, cs);
        } else {
          const auto* c = static_cast<const DictComp*>(e);
          gens = &c->generators;
          use_expr(c->key, cs);
          use_expr(c->value, cs);
        }
        for (std::uint32_t i = 0; i < gens->size; ++i) {
          const Comprehension* g = (*gens)[i];
          use_expr(g->iter, i == 0 ? s : cs);
          use_expr(g->target, cs);
          for (const ExprNode* c : g->ifs) use_expr(c, cs);
        }
        return;
      }
      default:
        for_each_expr_child(e, [&](const ExprNode* child) { use_expr(child, s); });
        return;
    }
  }

  // --- the typing walk: statements ---

  void statements(const Seq<StmtNode*>& body) {
    for (const StmtNode* s : body) statement(s);
  }

  void statement(const StmtNode* st) {
    switch (st->kind) {
      case StmtKind::Expr:
        expr(static_cast<const Expr*>(st)->value);
        return;
      case StmtKind::Assign: {
        const auto* a = static_cast<const Assign*>(st);
        TypeNode* v = expr(a->value);
        for (const ExprNode* t : a->targets) assign(t, v);
        return;
      }
      case StmtKind::AnnAssign: {
        const auto* a = static_cast<const AnnAssign*>(st);
        if (scope_->kind != ScopeKind::Function && scope_->kind != ScopeKind::Lambda) escape(expr(a->annotation));
        if (a->value)
          assign(a->target, expr(a->value));
        else if (a->target->kind != ExprKind::Name)
          assign(a->target, object());
        return;
      }
      case StmtKind::AugAssign:
        return aug_assign(static_cast<const AugAssign*>(st));
      case StmtKind::Delete:
        for (const ExprNode* t : static_cast<const Delete*>(st)->targets) {
          if (t->kind == ExprKind::Name) {
            bind_object(static_cast<const Name*>(t)->id);
          } else if (t->kind == ExprKind::Subscript) {
            const auto* s = static_cast<const Subscript*>(t);
            TypeNode* o = expr(s->value);
            TypeNode* k = expr(s->slice);
            flatten(o);  // the items after it move down
            if (kind(o) != TypeKind::List) escape(o);
            escape(k);
          } else {
            escape(expr(t));
          }
        }
        return;
      case StmtKind::Return: {
        const auto* r = static_cast<const Return*>(st);
        TypeNode* v = r->value ? expr(r->value) : constant(TypeKind::None);
        if (ret_)
          unify(ret_, v);
        else
          escape(v);
        return;
      }
      case StmtKind::If: {
        const auto* i = static_cast<const If*>(st);
        expr(i->test);
        statements(i->body);
        statements(i->orelse);
        return;
      }
      case StmtKind::While: {
        const auto* w = static_cast<const While*>(st);
        expr(w->test);
        statements(w->body);
        statements(w->orelse);
        return;
      }
      case StmtKind::For:
        return for_loop(static_cast<const For*>(st));
      case StmtKind::FunctionDef:
        return function_def(static_cast<const FunctionDef*>(st));
      case StmtKind::ClassDef: {
        const auto* c = static_cast<const ClassDef*>(st);
        for (const ExprNode* e : c->decorator_list) escape(expr(e));
        for (const ExprNode* e : c->bases) escape(expr(e));
        for (const Keyword* k : c->keywords) escape(expr(k->value));
        const Scope* saved = scope_;
        TypeNode* saved_ret = ret_;
        scope_ = scopes_.scope_of(c);
        ret_ = nullptr;
        statements(c->body);
        scope_ = saved;
        ret_ = saved_ret;
        bind_object(c->name);
        return;
      }
      case StmtKind::Try:
      case StmtKind::TryStar: {
        const auto* t = static_cast<const Try*>(st);
        statements(t->body);
        for (const ExcepthandlerNode* hn : t->handlers) {
          const auto* h = static_cast<const ExceptHandler*>(hn);
          if (h->type) escape(expr(h->type));
          if (h->name.data()) bind_object(h->name);
          statements(h->body);
        }
        statements(t->orelse);
        statements(t->finalbody);
        return;
      }
      case StmtKind::With:
      case StmtKind::AsyncWith: {
        const auto* w = static_cast<const With*>(st);
        for (const Withitem* item : w->items) {
          escape(expr(item->context_expr));
          if (item->optional_vars) assign(item->optional_vars, object());
        }
        statements(w->body);
        return;
      }
      case StmtKind::Raise: {
        const auto* r = static_cast<const Raise*>(st);
        if (r->exc) escape(expr(r->exc));
        if (r->cause) escape(expr(r->cause));
        return;
      }
      case StmtKind::Assert: {
        const auto* a = static_cast<const Assert*>(st);
        expr(a->test);
        if (a->msg) escape(expr(a->msg));
        return;
      }
      case StmtKind::Import:
      case StmtKind::ImportFrom: {
        const Seq<Alias*>& names = st->kind == StmtKind::Import ? static_cast<const Import*>(st)->names
                                                                 : static_cast<const ImportFrom*>(st)->names;
        for (const Alias* a : names) {
          std::string_view n = a->asname.data() ? a->asname : a->name;
          if (st->kind == StmtKind::Import && !a->asname.data()) n = n.substr(0, n.find('.'));
          bind_object(n);
        }
        return;
      }
      case StmtKind::AsyncFunctionDef:
      case StmtKind::AsyncFor:
      case StmtKind::Match:
        // Not compiled (the build stops with "unsupported"); nothing to type.
        return;
      case StmtKind::Global:
      case StmtKind::Nonlocal:
      case StmtKind::Pass:
      case StmtKind::Break:
      case StmtKind::Continue:
        return;
    }
  }

  void function_def(const FunctionDef* d) {
    for (const ExprNode* e : d->decorator_list) escape(expr(e));
    for (const ExprNode* e : d->args->defaults) escape(expr(e));
    for (const ExprNode* e : d->args->kw_defaults)
      if (e) escape(expr(e));
    const Scope* child = scopes_.scope_of(d);
    auto it = t_.functions.find(child);
    ClosedFunction* closed = it == t_.functions.end() ? nullptr : &it->second;
    const Scope* saved = scope_;
    TypeNode* saved_ret = ret_;
    scope_ = child;
    // Parameters of a function called from anywhere are anything.
    if (!closed) {
      auto each = [&](const Arg* p) {
        if (p) bind_object(p->arg);
      };
      for (const Arg* p : d->args->posonlyargs) each(p);
      for (const Arg* p : d->args->args) each(p);
      for (const Arg* p : d->args->kwonlyargs) each(p);
      each(d->args->vararg);
      each(d->args->kwarg);
    }
    ret_ = closed ? closed->ret : nullptr;
    statements(d->body);
    if (closed && !terminates(d->body)) unify(closed->ret, constant(TypeKind::None));
    scope_ = saved;
    ret_ = saved_ret;
    bind_object(d->name);
  }

  // Whether control cannot fall off the end of `body` (so a function need
  // not return None there): a return or raise last, an if whose branches
  // both terminate, or a `while True` with no break of its own.
  static bool terminates(const Seq<StmtNode*>& body) {
    if (body.empty()) return false;
    const StmtNode* last = body[body.size - 1];
    switch (last->kind) {
      case StmtKind::Return:
      case StmtKind::Raise:
        return true;
      case StmtKind::If: {
        const auto* i = static_cast<const If*>(last);
        return terminates(i->body) && terminates(i->orelse);
      }
      case StmtKind::While: {
        const auto* w = static_cast<const While*>(last);
        if (w->test->kind != ExprKind::Constant || static_cast<const Constant*>(w->test)->value.kind !=
                                                       ConstantValue::Kind::True)
          return false;
        return !has_break(w->body);
      }
      default:
        return false;
    }
  }
  // A break that leaves the loop whose body this is.
  static bool has_break(const Seq<StmtNode*>& body) {
    for (const StmtNode* s : body) {
      switch (s->kind) {
        case StmtKind::Break: return true;
        case StmtKind::If: {
          const auto* i = static_cast<const If*>(s);
          if (has_break(i->body) || has_break(i->orelse)) return true;
          break;
        }
        case StmtKind::Try:
        case StmtKind::TryStar: {
          const auto* t = static_cast<const Try*>(s);
          if (has_break(t->body) || has_break(t->orelse) || has_break(t->finalbody)) return true;
          for (const ExcepthandlerNode* h : t->handlers)
            if (has_break(static_cast<const ExceptHandler*>(h)->body)) return true;
          break;
        }
        case StmtKind::With:
          if (has_break(static_cast<const With*>(s)->body)) return true;
          break;
        case StmtKind::For:
        case StmtKind::While:
          // A break in a nested loop's else leaves this loop.
          if (has_break(s->kind == StmtKind::For ? static_cast<const For*>(s)->orelse
                                                 : static_cast<const While*>(s)->orelse))
            return true;
          break;
        default:
          break;
      }
    }
    return false;
  }

  void for_loop(const For* f) {
    TypeNode* item = nullptr;
    if (is_range_call(f->iter)) {
      for (const ExprNode* a : static_cast<const Call*>(f->iter)->args) expr(a);
      item = constant(TypeKind::Int);
    } else {
      TypeNode* it = expr(f->iter);
      flatten(it);
      if (kind(it) == TypeKind::List) {
        item = find(it)->elem;
      } else if (kind(it) == TypeKind::Tuple) {
        escape_fields(it);
        item = object();
      } else if (kind(it) != TypeKind::Unknown) {
        escape(it);
        item = object();
      }
    }
    if (item) assign(f->target, item);
    statements(f->body);
    statements(f->orelse);
  }
  bool is_range_call(const ExprNode* e) const {
    if (e->kind != ExprKind::Call) return false;
    const auto* c = static_cast<const Call*>(e);
    if (c->func->kind != ExprKind::Name || static_cast<const Name*>(c->func)->id != "range") return false;
    if (!c->keywords.empty() || c->args.empty() || c->args.size > 3) return false;
    for (const ExprNode* a : c->args)
      if (a->kind == ExprKind::Starred) return false;
    return is_builtin("range");
  }

  // target = value
  void assign(const ExprNode* target, TypeNode* v) {
    switch (target->kind) {
      case ExprKind::Name:
        return bind(static_cast<const Name*>(target)->id, v);
      case ExprKind::Subscript: {
        const auto* s = static_cast<const Subscript*>(target);
        TypeNode* o = expr(s->value);
        if (kind(o) == TypeKind::Record) {
          const int i = constant_index(s->slice, find(o)->fields.size());
          if (i >= 0) {
            expr(s->slice);
            return flow(find(o)->fields[static_cast<std::size_t>(i)], v);
          }
          flatten(o);
        }
        if (kind(o) == TypeKind::List) {
          if (s->slice->kind == ExprKind::Slice) {
            expr(s->slice);
            // lst[a:b] = other: a list gives its items; anything else is iterated.
            if (kind(v) == TypeKind::List)
              unify(find(o)->elem, find(v)->elem);
            else
              poison(o);
            return;
          }
          TypeNode* k = expr(s->slice);
          if (int_like(kind(k))) return flow(find(o)->elem, v);
          if (kind(k) == TypeKind::Unknown) return;
          poison(o);
        }
        if (kind(o) == TypeKind::Unknown) {
          expr(s->slice);
          return;
        }
        escape(o);
        escape(expr(s->slice));
        escape(v);
        return;
      }
      case ExprKind::Attribute:
        escape(expr(static_cast<const Attribute*>(target)->value));
        escape(v);
        return;
      case ExprKind::Tuple:
      case ExprKind::List: {
        const Seq<ExprNode*>& elts = target->kind == ExprKind::Tuple ? static_cast<const Tuple*>(target)->elts
                                                                       : static_cast<const List*>(target)->elts;
        // Unpacking a record or tuple of as many items gives each target
        // its item; a typed list gives its element type to each target;
        // anything else (and a starred target, a new list) is Object.
        bool starred = false;
        for (const ExprNode* t : elts) starred |= t->kind == ExprKind::Starred;
        const TypeKind vk = kind(v);
        if ((vk == TypeKind::Record || vk == TypeKind::Tuple) && !starred && find(v)->fields.size() == elts.size) {
          const std::vector<TypeNode*> fields = find(v)->fields;
          for (std::uint32_t i = 0; i < elts.size; ++i) assign(elts[i], fields[i]);
          return;
        }
        flatten(v);  // a record of another length: ValueError, or a starred target
        if (kind(v) == TypeKind::Tuple) escape_fields(v);
        TypeNode* elem = kind(v) == TypeKind::List ? find(v)->elem : nullptr;
        for (const ExprNode* t : elts) {
          if (t->kind == ExprKind::Starred)
            assign(static_cast<const Starred*>(t)->value, object());
          else
            assign(t, elem ? elem : object());
        }
        return;
      }
      case ExprKind::Starred:
        assign(static_cast<const Starred*>(target)->value, object());
        return;
      default:
        escape(v);
        return;
    }
  }

  void aug_assign(const AugAssign* a) {
    TypeNode* result = node_of(a);
    if (a->target->kind == ExprKind::Name) {
      const std::string_view name = static_cast<const Name*>(a->target)->id;
      TypeNode* cur = var(name);
      TypeNode* rhs = expr(a->value);
      if (!cur) {
        escape(rhs);
        return set(result, TypeKind::Object);
      }
      flatten(cur);  // += and *= change a list's length
      if (kind(cur) == TypeKind::List) {
        flatten(rhs);
        // lst += other extends lst in place: its items join the element type.
        if (a->op == Operator::Add && kind(rhs) == TypeKind::List) return unify(find(cur)->elem, find(rhs)->elem);
        if (a->op == Operator::Mult && (kind(rhs) == TypeKind::Int || kind(rhs) == TypeKind::Bool)) return;
        poison(cur);
      }
      arith(result, a->op, cur, rhs, a->value);
      unify(cur, result);
      return;
    }
    if (a->target->kind == ExprKind::Subscript) {
      const auto* s = static_cast<const Subscript*>(a->target);
      TypeNode* o = expr(s->value);
      TypeNode* k = expr(s->slice);
      TypeNode* rhs = expr(a->value);
      // The item's node is the target's (the emitter reads the item's kind there).
      if (kind(o) == TypeKind::Record) {
        const int i = constant_index(s->slice, find(o)->fields.size());
        if (i >= 0) {
          TypeNode* item = find(o)->fields[static_cast<std::size_t>(i)];
          unify(node_of(s), item);
          arith(result, a->op, item, rhs, a->value);
          return flow(item, result);
        }
        flatten(o);
      }
      if (kind(o) == TypeKind::List && s->slice->kind != ExprKind::Slice && int_like(kind(k))) {
        TypeNode* elem = find(o)->elem;
        unify(node_of(s), elem);
        arith(result, a->op, elem, rhs, a->value);
        flow(elem, result);
        return;
      }
      if (kind(o) == TypeKind::Unknown || kind(k) == TypeKind::Unknown) return;
      escape(o);
      escape(rhs);
      return set(result, TypeKind::Object);
    }
    escape(expr(a->target));
    escape(expr(a->value));
    set(result, TypeKind::Object);
  }

  // --- expressions ---

  // The result of `l op r` into `out`, by Python's numeric rules.
  void arith(TypeNode* out, Operator op, TypeNode* l, TypeNode* r, const ExprNode* right_expr) {
    if (kind(l) == TypeKind::Unknown || kind(r) == TypeKind::Unknown) return;  // not yet known: a later pass
    flatten(l);  // rec + other, rec * n: lists of another length
    flatten(r);
    const TypeKind a = kind(l), b = kind(r);
    if (!numeric(a) || !numeric(b)) {
      if (a == TypeKind::List && b == TypeKind::List && op == Operator::Add) {
        unify(l, r);
        return unify(out, l);
      }
      if (op == Operator::Mult && ((a == TypeKind::List && (b == TypeKind::Int || b == TypeKind::Bool)) ||
                                   (b == TypeKind::List && (a == TypeKind::Int || a == TypeKind::Bool)))) {
        return unify(out, a == TypeKind::List ? l : r);
      }
      escape(l);
      escape(r);
      return set(out, TypeKind::Object);
    }
    const bool ints = a != TypeKind::Float && b != TypeKind::Float;
    switch (op) {
      case Operator::Add:
      case Operator::Sub:
      case Operator::Mult:
      case Operator::FloorDiv:
      case Operator::Mod:
        return set(out, ints ? TypeKind::Int : TypeKind::Float);
      case Operator::Div:
        return set(out, TypeKind::Float);
      case Operator::Pow:
        if (!ints) return set(out, TypeKind::Float);  // complex results raise in gen
        // int ** int is an int only for a non-negative exponent.
        if (right_expr && right_expr->kind == ExprKind::Constant &&
            static_cast<const Constant*>(right_expr)->value.kind == ConstantValue::Kind::Int)
          return set(out, TypeKind::Int);
        return set(out, TypeKind::Object);
      case Operator::LShift:
      case Operator::RShift:
        return set(out, ints ? TypeKind::Int : TypeKind::Object);
      case Operator::BitAnd:
      case Operator::BitOr:
      case Operator::BitXor:
        if (!ints) return set(out, TypeKind::Object);
        return set(out, a == TypeKind::Bool && b == TypeKind::Bool ? TypeKind::Bool : TypeKind::Int);
      case Operator::MatMult:
        return set(out, TypeKind::Object);
    }
  }

  TypeNode* expr(const ExprNode* e) {
    TypeNode* n = node_of(e);
    switch (e->kind) {
      case ExprKind::Constant: {
        switch (static_cast<const Constant*>(e)->value.kind) {
          case ConstantValue::Kind::Int: set(n, TypeKind::Int); break;
          case ConstantValue::Kind::Float: set(n, TypeKind::Float); break;
          case ConstantValue::Kind::True:
          case ConstantValue::Kind::False: set(n, TypeKind::Bool); break;
          case ConstantValue::Kind::None: set(n, TypeKind::None); break;
          default: set(n, TypeKind::Object); break;
        }
        return n;
      }
      case ExprKind::Name: {
        const auto* nm = static_cast<const Name*>(e);
        if (TypeNode* v = var(nm->id)) {
          unify(n, v);
        } else if (const ExprNode* value = final_global(nm->id)) {
          // A copy of a scalar: reading it cannot change it.
          const TypeKind k = kind(node_of(value));
          if (k != TypeKind::Unknown) set(n, scalar(k) ? k : TypeKind::Object);
        } else {
          set(n, TypeKind::Object);
        }
        return n;
      }
      case ExprKind::BinOp: {
        const auto* b = static_cast<const BinOp*>(e);
        TypeNode* l = expr(b->left);
        TypeNode* r = expr(b->right);
        arith(n, b->op, l, r, b->right);
        return n;
      }
      case ExprKind::UnaryOp: {
        const auto* u = static_cast<const UnaryOp*>(e);
        TypeNode* o = expr(u->operand);
        const TypeKind k = kind(o);
        if (u->op == UnaryOperator::Not) {
          set(n, TypeKind::Bool);
        } else if (k == TypeKind::Unknown) {
        } else if (k == TypeKind::Float && u->op != UnaryOperator::Invert) {
          set(n, TypeKind::Float);
        } else if (k == TypeKind::Int || k == TypeKind::Bool) {
          set(n, TypeKind::Int);
        } else {
          escape(o);
          set(n, TypeKind::Object);
        }
        return n;
      }
      case ExprKind::Compare: {
        const auto* c = static_cast<const Compare*>(e);
        std::vector<TypeNode*> operands{expr(c->left)};
        for (const ExprNode* v : c->comparators) operands.push_back(expr(v));
        bool typed = true, unknown = false;
        for (std::uint32_t i = 0; i < c->ops.size; ++i) {
          const CmpOperator op = c->ops[i];
          const TypeKind a = kind(operands[i]), b = kind(operands[i + 1]);
          unknown |= a == TypeKind::Unknown || b == TypeKind::Unknown;
          if (op == CmpOperator::Is || op == CmpOperator::IsNot) {
            // Identity of a float: boxing anew would make `x is x` false.
            if (a == TypeKind::Float) poison(operands[i]);
            if (b == TypeKind::Float) poison(operands[i + 1]);
            continue;
          }
          if (op == CmpOperator::In || op == CmpOperator::NotIn) {
            typed &= b == TypeKind::List && numeric(a);
            continue;
          }
          typed &= numeric(a) && numeric(b);
        }
        // Comparisons read their operands only: lists do not escape.
        if (unknown) return n;
        set(n, typed ? TypeKind::Bool : TypeKind::Object);
        return n;
      }
      case ExprKind::BoolOp: {
        // The value of one of the operands: all of one kind, or Object.
        const auto* b = static_cast<const BoolOp*>(e);
        for (const ExprNode* v : b->values) {
          TypeNode* t = expr(v);
          if (numeric(kind(t)) || kind(t) == TypeKind::Unknown) {
            if (numeric(kind(t))) set(n, kind(t));
          } else {
            escape(t);
            set(n, TypeKind::Object);
          }
        }
        return n;
      }
      case ExprKind::IfExp: {
        const auto* i = static_cast<const IfExp*>(e);
        expr(i->test);
        TypeNode* a = expr(i->body);
        TypeNode* b = expr(i->orelse);
        // Scalars only: unifying the branches would merge two lists' types.
        for (TypeNode* t : {a, b}) {
          if (numeric(kind(t)))
            set(n, kind(t));
          else if (kind(t) != TypeKind::Unknown)
            escape(t), set(n, TypeKind::Object);
        }
        return n;
      }
      case ExprKind::Call:
        return call(static_cast<const Call*>(e), n);
      case ExprKind::Subscript: {
        const auto* s = static_cast<const Subscript*>(e);
        TypeNode* o = expr(s->value);
        TypeNode* k = expr(s->slice);
        if (kind(o) == TypeKind::Record || kind(o) == TypeKind::Tuple) {
          const int i = constant_index(s->slice, find(o)->fields.size());
          if (i >= 0) {
            unify(n, find(o)->fields[static_cast<std::size_t>(i)]);
            return n;
          }
          if (kind(o) == TypeKind::Tuple) {  // a computed index or a slice: items as Object
            escape_fields(o);
            escape(k);
            set(n, TypeKind::Object);
            return n;
          }
          flatten(o);
        }
        if (kind(o) == TypeKind::List) {
          if (s->slice->kind == ExprKind::Slice) {
            unify(n, o);  // a new list of the same items
            return n;
          }
          if (kind(k) == TypeKind::Int || kind(k) == TypeKind::Bool) {
            unify(n, find(o)->elem);
            return n;
          }
          if (kind(k) == TypeKind::Unknown) return n;
          poison(o);
        }
        if (kind(o) == TypeKind::Unknown) return n;
        escape(o);
        escape(k);
        set(n, TypeKind::Object);
        return n;
      }
      case ExprKind::List:
      case ExprKind::Tuple: {
        // [a, b, c] is a record and (a, b, c) a tuple of three items;
        // [] and a display with a starred item are lists, of any length.
        const Seq<ExprNode*>& elts = e->kind == ExprKind::List ? static_cast<const List*>(e)->elts
                                                               : static_cast<const Tuple*>(e)->elts;
        bool starred = elts.empty();
        for (const ExprNode* v : elts) starred |= v->kind == ExprKind::Starred;
        if (e->kind == ExprKind::Tuple && starred) {
          for (const ExprNode* v : elts)
            escape(expr(v->kind == ExprKind::Starred ? static_cast<const Starred*>(v)->value : v));
          set(n, TypeKind::Object);
          return n;
        }
        const TypeKind shape = e->kind == ExprKind::List ? TypeKind::Record : TypeKind::Tuple;
        const std::vector<TypeNode*>* fields = starred ? nullptr : make_fields(n, shape, elts.size);
        TypeNode* elem = fields ? nullptr : make_list(n);
        for (std::uint32_t i = 0; i < elts.size; ++i) {
          const ExprNode* v = elts[i];
          if (v->kind == ExprKind::Starred) {
            escape(expr(static_cast<const Starred*>(v)->value));
            if (elem) poison(elem);
            continue;
          }
          TypeNode* t = expr(v);
          // The walk of an item may have flattened or poisoned this display.
          if (fields && kind(n) == shape) flow(find(n)->fields[i], t);
          else if (kind(n) == TypeKind::List) flow(find(n)->elem, t);
          else escape(t);
        }
        return n;
      }
      case ExprKind::Lambda: {
        const auto* l = static_cast<const Lambda*>(e);
        for (const ExprNode* d : l->args->defaults) escape(expr(d));
        for (const ExprNode* d : l->args->kw_defaults)
          if (d) escape(expr(d));
        const Scope* saved = scope_;
        TypeNode* saved_ret = ret_;
        scope_ = scopes_.scope_of(e);
        ret_ = nullptr;
        escape(expr(l->body));
        scope_ = saved;
        ret_ = saved_ret;
        set(n, TypeKind::Object);
        return n;
      }
      case ExprKind::ListComp:
      case ExprKind::SetComp:
      case ExprKind::DictComp:
      case ExprKind::GeneratorExp:
        comprehension(e);
        set(n, TypeKind::Object);
        return n;
      case ExprKind::NamedExpr: {
        const auto* w = static_cast<const NamedExpr*>(e);
        TypeNode* v = expr(w->value);
        escape(v);
        bind_object(static_cast<const Name*>(w->target)->id);
        set(n, TypeKind::Object);
        return n;
      }
      case ExprKind::JoinedStr:
      case ExprKind::FormattedValue:
        // Formatting reads its values only.
        for_each_expr_child(e, [&](const ExprNode* child) { expr(child); });
        set(n, TypeKind::Object);
        return n;
      default:
        for_each_expr_child(e, [&](const ExprNode* child) { escape(expr(child)); });
        set(n, TypeKind::Object);
        return n;
    }
  }

  void comprehension(const ExprNode* e) {
    const Scope* cs = scopes_.scope_of(e);
    const ComprehensionParts parts = comprehension_parts(e);
    const Seq<Comprehension*>* gens = parts.generators;
    const Scope* saved = scope_;
    for (std::uint32_t i = 0; i < gens->size; ++i) {
      const Comprehension* g = (*gens)[i];
      scope_ = i == 0 ? saved : cs;
      TypeNode* it = expr(g->iter);
      scope_ = cs;
      // A list iterated in a comprehension is only read, but its elements
      // are bound to the comprehension's (untyped) variables: as Object.
      escape(it);
      assign(g->target, object());
      for (const ExprNode* c : g->ifs) expr(c);
    }
    scope_ = cs;
    for (const ExprNode* r : parts.results)
      if (r) escape(expr(r));
    scope_ = saved;
  }

  TypeNode* call(const Call* c, TypeNode* n) {
    bool plain = c->keywords.empty();
    for (const ExprNode* a : c->args) plain &= a->kind != ExprKind::Starred;
    std::vector<TypeNode*> args;
    auto evaluate_args = [&] {
      for (const ExprNode* a : c->args)
        args.push_back(expr(a->kind == ExprKind::Starred ? static_cast<const Starred*>(a)->value : a));
      for (const Keyword* k : c->keywords) args.push_back(expr(k->value));
    };
    // A closed function, called directly.
    if (c->func->kind == ExprKind::Name && plain) {
      const std::string_view name = static_cast<const Name*>(c->func)->id;
      if (reads_global(name)) {
        for (ClosedFunction* f = nullptr; const ClosedFunction* cf : t_.closed_order_) {
          if (cf->def->name != name) continue;
          f = &t_.functions[cf->scope];
          evaluate_args();
          if (args.size() != f->params.size()) break;  // the uses pass rules this out
          for (std::size_t i = 0; i < args.size(); ++i) unify(f->params[i], args[i]);
          t_.calls[c] = f;
          unify(n, f->ret);
          return n;
        }
      }
    }
    // A builtin whose result type is known.
    if (c->func->kind == ExprKind::Name && is_builtin(static_cast<const Name*>(c->func)->id)) {
      const std::string_view name = static_cast<const Name*>(c->func)->id;
      evaluate_args();
      builtin_call(name, c, args, n, plain);
      return n;
    }
    // A list's method.
    if (c->func->kind == ExprKind::Attribute && plain) {
      const auto* a = static_cast<const Attribute*>(c->func);
      TypeNode* self = expr(a->value);
      evaluate_args();
      flatten(self);  // every list method but copy() treats the items alike
      if (kind(self) == TypeKind::List) {
        list_method(a->attr, self, args, n);
        return n;
      }
      if (kind(self) == TypeKind::Unknown) return n;
      escape(self);
      for (TypeNode* t : args) escape(t);
      set(n, TypeKind::Object);
      return n;
    }
    escape(expr(c->func));
    evaluate_args();
    for (TypeNode* t : args) escape(t);
    set(n, TypeKind::Object);
    return n;
  }

  void list_method(std::string_view m, TypeNode* self, const std::vector<TypeNode*>& args, TypeNode* n) {
    TypeNode* elem = find(self)->elem;
    const std::size_t argc = args.size();
    if ((m == "append" && argc == 1) || (m == "insert" && argc == 2)) {
      flow(elem, args.back());
      if (m == "insert") escape(args[0]);
      return set(n, TypeKind::None);
    }
    if (m == "pop" && argc <= 1) {
      if (argc == 1 && kind(args[0]) != TypeKind::Int && kind(args[0]) != TypeKind::Bool) escape(args[0]);
      return unify(n, elem);
    }
    if (m == "extend" && argc == 1) {
      if (kind(args[0]) == TypeKind::List)
        unify(elem, find(args[0])->elem);
      else
        poison(self);
      return set(n, TypeKind::None);
    }
    if ((m == "index" || m == "count") && argc >= 1) {
      for (TypeNode* t : args) escape(t);
      return set(n, TypeKind::Int);
    }
    if ((m == "reverse" || m == "clear") && argc == 0) return set(n, TypeKind::None);
    if (m == "remove" && argc == 1) {
      escape(args[0]);
      return set(n, TypeKind::None);
    }
    if (m == "copy" && argc == 0) return unify(n, self);
    poison(self);
    for (TypeNode* t : args) escape(t);
    set(n, TypeKind::Object);
  }

  void builtin_call(std::string_view name, const Call* c, const std::vector<TypeNode*>& args, TypeNode* n,
                    bool plain) {
    const std::size_t argc = args.size();
    auto k = [&](std::size_t i) { return kind(args[i]); };
    // These see a record's items in some order of their own.
    if (name == "sorted" || name == "min" || name == "max" || name == "sum")
      for (TypeNode* t : args) flatten(t);
    if (!plain) {
      // print(..., sep=..., end=...) and sorted(x, key=..., reverse=...) read only.
      if (name == "print") return set(n, TypeKind::None);
      if (name == "sorted" && c->args.size == 1 && c->args[0]->kind != ExprKind::Starred) {
        for (std::size_t i = 1; i < argc; ++i) escape(args[i]);
        if (k(0) == TypeKind::List) return unify(n, fresh_list_like(args[0]));
        escape(args[0]);
        return set(n, TypeKind::Object);
      }
      for (TypeNode* t : args) escape(t);
      return set(n, TypeKind::Object);
    }
    if (name == "len" && argc == 1) return set(n, TypeKind::Int);
    if (name == "print") return set(n, TypeKind::None);
    if ((name == "str" || name == "repr") && argc == 1) return set(n, TypeKind::Object);
    if (name == "float" && argc <= 1) {
      if (argc == 1) escape(args[0]);
      return set(n, TypeKind::Float);
    }
    if (name == "int" && argc <= 2) {
      for (TypeNode* t : args) escape(t);
      return set(n, TypeKind::Int);
    }
    if (name == "bool" && argc <= 1) return set(n, TypeKind::Bool);
    if (name == "abs" && argc == 1) {
      if (k(0) == TypeKind::Unknown) return;
      if (k(0) == TypeKind::Float) return set(n, TypeKind::Float);
      if (k(0) == TypeKind::Int || k(0) == TypeKind::Bool) return set(n, TypeKind::Int);
      escape(args[0]);
      return set(n, TypeKind::Object);
    }
    if ((name == "min" || name == "max") && argc >= 1) {
      if (argc == 1) {
        // min(list): an item of it.
        if (k(0) == TypeKind::Unknown) return;
        if (k(0) == TypeKind::List) return unify(n, find(args[0])->elem);
        escape(args[0]);
        return set(n, TypeKind::Object);
      }
      TypeKind common = TypeKind::Unknown;
      for (std::size_t i = 0; i < argc; ++i) {
        if (k(i) == TypeKind::Unknown) return;
        if (common == TypeKind::Unknown) common = k(i);
        if (k(i) != common || !numeric(k(i))) common = TypeKind::Object;
      }
      for (TypeNode* t : args) escape(t);
      return set(n, common);
    }
    if (name == "sum" && argc == 1 && k(0) == TypeKind::List) {
      if (kind(find(args[0])->elem) == TypeKind::Int) return set(n, TypeKind::Int);
      return set(n, TypeKind::Object);
    }
    if (name == "sorted" && argc == 1 && k(0) == TypeKind::List) return unify(n, fresh_list_like(args[0]));
    if (name == "list" && argc == 0) {
      make_list(n);
      return;
    }
    if (name == "list" && argc == 1) {
      // A copy keeps a record's items where they are.
      if (k(0) == TypeKind::List || k(0) == TypeKind::Record) return unify(n, fresh_list_like(args[0]));
      if (is_range_call(c->args[0])) {
        if (TypeNode* e = make_list(n)) set(e, TypeKind::Int);
        return;
      }
      escape(args[0]);
      return set(n, TypeKind::Object);
    }
    if (name == "isinstance" || name == "callable" || name == "hasattr") {
      for (TypeNode* t : args) escape(t);
      return set(n, TypeKind::Bool);
    }
    if (name == "id" && argc == 1 && k(0) == TypeKind::Float) poison(args[0]);
    // Builtins that only read a list they are given (or iterate it, handing
    // its items on as they are): it does not escape.
    static constexpr std::string_view kReadOnly[] = {
        "all", "any", "ascii", "dict", "enumerate", "filter", "format", "frozenset", "hash", "id", "iter",
        "map", "repr", "reversed", "set", "str", "sum", "tuple", "zip"};
    // The items they hand on are Object from then on: a list among them
    // could be changed by code the walk does not see.
    for (std::string_view r : kReadOnly) {
      if (r != name) continue;
      for (TypeNode* t : args) {
        if (kind(t) == TypeKind::List)
          escape(find(t)->elem);
        else if (kind(t) == TypeKind::Record || kind(t) == TypeKind::Tuple)
          escape_fields(t);
      }
      return set(n, TypeKind::Object);
    }
    for (TypeNode* t : args) escape(t);
    set(n, TypeKind::Object);
  }
  // A new list of the same element type as `list` (copies share the node:
  // conservative, and a copy is often assigned back anyway).
  TypeNode* fresh_list_like(TypeNode* list) { return list; }
};

}  // namespace

TypeKind TypeTable::kind(const TypeNode* n) {
  if (!n) return TypeKind::Object;
  while (n->parent) n = n->parent;
  return n->kind == TypeKind::Unknown ? TypeKind::Object : n->kind;
}

std::string TypeTable::describe(const TypeNode* n, int depth) {
  if (!n) return "object";
  while (n->parent) n = n->parent;
  if (depth > 4 && container(n->kind)) return "...";  // a list that holds itself
  if (n->kind == TypeKind::List) return "list[" + describe(n->elem, depth + 1) + "]";
  if (n->kind == TypeKind::Record || n->kind == TypeKind::Tuple) {
    std::string s = n->kind == TypeKind::Record ? "[" : "tuple[";
    for (std::size_t i = 0; i < n->fields.size(); ++i) s += (i ? ", " : "") + describe(n->fields[i], depth + 1);
    return s + "]";
  }
  return type_kind_name(kind(n));
}

std::string TypeTable::describe_var(const Scope* s, std::string_view name) const {
  auto it = vars.find({s, name});
  return it == vars.end() ? "object" : describe(it->second);
}

TypeKind TypeTable::expr(const ExprNode* e) const {
  auto it = by_expr.find(e);
  return it == by_expr.end() ? TypeKind::Object : kind(it->second);
}

TypeKind TypeTable::elem(const ExprNode* e) const {
  auto it = by_expr.find(e);
  if (it == by_expr.end()) return TypeKind::Object;
  const TypeNode* n = it->second;
  while (n->parent) n = n->parent;
  return n->kind == TypeKind::List ? kind(n->elem) : TypeKind::Object;
}

int TypeTable::arity(const ExprNode* e) const {
  auto it = by_expr.find(e);
  if (it == by_expr.end()) return -1;
  const TypeNode* n = it->second;
  while (n->parent) n = n->parent;
  return n->kind == TypeKind::Record || n->kind == TypeKind::Tuple ? static_cast<int>(n->fields.size()) : -1;
}

TypeKind TypeTable::var(const Scope* s, std::string_view name) const {
  auto it = vars.find({s, name});
  return it == vars.end() ? TypeKind::Object : kind(it->second);
}

TypeKind TypeTable::aug(const StmtNode* s) const {
  auto it = by_expr.find(s);
  return it == by_expr.end() ? TypeKind::Object : kind(it->second);
}

const ClosedFunction* TypeTable::closed(const Scope* def) const {
  auto it = functions.find(def);
  return it == functions.end() ? nullptr : &it->second;
}

const ClosedFunction* TypeTable::direct_call(const Call* c) const {
  auto it = calls.find(c);
  return it == calls.end() ? nullptr : it->second;
}

void infer_types(const Module* module, const ScopeTable& scopes, TypeTable& out) {
  Inference(scopes, out).run(module);
}

}  // namespace gen::compiler
