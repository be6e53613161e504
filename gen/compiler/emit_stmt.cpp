// Statements. Each simple statement is a block of its own (its temporaries
// die at its end); compound statements place their labels between blocks
// (emit_internal.h: no goto crosses an initialisation).
#include <functional>

#include "gen/compiler/emit_internal.h"
#include "gen/compiler/modules.h"

namespace gen::compiler {

void Emitter::statements(const Seq<StmtNode*>& body) {
  for (const StmtNode* s : body) statement(s);
}

// --- stores ---

void Emitter::store_name(std::string_view name, const std::string& v, int ln, bool last_use) {
  const Var var = resolve_var(name, scope_);
  const std::string ref = last_use && is_temp(v) ? "std::move(" + v + ")" : "gen::Ref::borrow(" + v + ")";
  switch (var.kind) {
    case Var::Slot:
      if (var.type == TypeKind::Float) {  // Invariant T: v is a float
        line(var.cpp + " = gen::float_value(" + v + ");");
        line(float_flag(var.cpp) + " = true;");
        return;
      }
      line(var.cpp + " = " + ref + ";");
      return;
    case Var::Cell:
      line("gen::cell_set(" + var.cpp + ", " + ref + ");");
      return;
    case Var::ClassNs:
      fail_if("!gen::dict_set(" + var.cpp + ", " + str_constant(name) + ", " + v + ")", ln);
      return;
    case Var::Builtin:
      break;
  }
  // A global declared but never bound at module level still gets a slot
  // (scope analysis lists it); reaching here is a generator bug.
  unsupported({}, "assignment to '" + std::string(name) + "'");
}

void Emitter::store(const ExprNode* target, const std::string& v, int ln, bool last_use) {
  switch (target->kind) {
    case ExprKind::Name:
      return store_name(static_cast<const Name*>(target)->id, v, ln, last_use);
    case ExprKind::Attribute: {
      const auto* a = static_cast<const Attribute*>(target);
      const std::string o = value(a->value);
      return fail_unless("gen::setattr_cached(" + o + ", " + str_constant(a->attr) + ", " + v + ", " + attr_cache() + ")",
                         ln);
    }
    case ExprKind::Subscript: {
      const auto* s = static_cast<const Subscript*>(target);
      const std::string o = value(s->value);
      std::string lo, hi;
      // Inference typed the list only if what is stored in a slice of it is a list.
      if (types_.expr(s->value) == TypeKind::List && typed_slice_bounds(s->slice, lo, hi))
        return line("gen::typed::list_assign_slice(" + o + ", " + lo + ", " + hi + ", " + v + ");");
      if (typed_list_index(s->value, s->slice)) {
        const std::string k = as_int(typed(s->slice));
        return fail_unless("gen::typed::list_set(" + o + ", " + k + ", " + v + ")", ln);
      }
      const std::string k = value(s->slice);
      return fail_unless("gen::setitem(" + o + ", " + k + ", " + v + ")", ln);
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
      const Seq<ExprNode*>& elts = target->kind == ExprKind::Tuple ? static_cast<const Tuple*>(target)->elts
                                                                     : static_cast<const List*>(target)->elts;
      std::uint32_t star = elts.size;
      for (std::uint32_t i = 0; i < elts.size; ++i)
        if (elts[i]->kind == ExprKind::Starred) star = i;
      const std::string parts = fresh("u");
      line("gen::Ref " + parts + "[" + std::to_string(elts.size ? elts.size : 1) + "];");
      if (star == elts.size)
        fail_unless("gen::typed::unpack(" + v + ", " + std::to_string(elts.size) + ", " + parts + ")", ln);
      else
        fail_unless("gen::unpack_starred(" + v + ", " + std::to_string(star) + ", " +
                        std::to_string(elts.size - star - 1) + ", " + parts + ")",
                    ln);
      for (std::uint32_t i = 0; i < elts.size; ++i) {
        const ExprNode* t = elts[i]->kind == ExprKind::Starred ? static_cast<const Starred*>(elts[i])->value : elts[i];
        store(t, parts + "[" + std::to_string(i) + "]", ln);
      }
      return;
    }
    default:
      unsupported(target->loc, "this assignment target");
  }
}

// --- jumps through finally blocks ---

void Emitter::jump(Jump kind, std::size_t depth) {
  for (std::size_t i = depth; i-- > 0;) {
    Unwind& u = fn_->unwind[i];
    if (u.kind == Unwind::Loop) {
      if (kind == Jump::Break) return line(goto_label(u.break_label));
      if (kind == Jump::Continue) return line(goto_label(u.continue_label));
      continue;
    }
    std::size_t code = 0;
    while (code < u.exits.size() && u.exits[code] != kind) ++code;
    if (code == u.exits.size()) u.exits.push_back(kind);
    line("why" + std::to_string(u.id) + " = " + std::to_string(code + 2) + ";");
    return line(goto_label("fin" + std::to_string(u.id)));
  }
  if (kind == Jump::Return) line(return_ref("std::move(retval_)"));
}

namespace {

bool crosses_finally(const FunctionCtx& f) {
  for (const Unwind& u : f.unwind)
    if (u.kind == Unwind::Finally) return true;
  return false;
}

// A for loop over the builtin range(): a counter, no iterator object.
bool is_builtin_range(Emitter& em, const ExprNode* iter) {
  if (iter->kind != ExprKind::Call) return false;
  const auto* c = static_cast<const Call*>(iter);
  if (c->func->kind != ExprKind::Name || static_cast<const Name*>(c->func)->id != "range") return false;
  if (!c->keywords.empty() || c->args.empty() || c->args.size > 3) return false;
  for (const ExprNode* a : c->args)
    if (a->kind == ExprKind::Starred) return false;
  return em.resolve_var("range", em.scope()).kind == Var::Builtin;
}

}  // namespace

// --- statements ---

void Emitter::statement(const StmtNode* s) {
  const int ln = line_of(s->loc);
  if (options_.line_directives) line("#line " + std::to_string(ln) + " " + c_string(options_.traceback_file));
  switch (s->kind) {
    case StmtKind::Expr: {
      const ExprNode* e = static_cast<const Expr*>(s)->value;
      if (e->kind == ExprKind::Constant) return;  // a docstring or a bare constant: no effect
      open_block();
      value(e);
      close_block();
      return;
    }
    case StmtKind::Assign: {
      const auto* a = static_cast<const Assign*>(s);
      open_block();
      if (a->targets.size == 1 && typed_assign(a->targets[0], a->value)) {
        close_block();
        return;
      }
      const std::string v = value(a->value);
      for (const ExprNode* t : a->targets) store(t, v, ln, t == a->targets[a->targets.size - 1]);
      close_block();
      return;
    }
    case StmtKind::AugAssign: {
      const auto* a = static_cast<const AugAssign*>(s);
      open_block();
      const std::string op = binop_enum(a->op);
      if (typed_aug_assign(a)) {
      } else if (a->target->kind == ExprKind::Name) {
        const std::string cur = value(a->target);
        const std::string rhs = value(a->value);
        const std::string r = temp("gen::inplace(" + cur + ", " + rhs + ", " + op + ")", ln);
        store_name(static_cast<const Name*>(a->target)->id, r, ln, true);
      } else if (a->target->kind == ExprKind::Attribute) {
        const auto* at = static_cast<const Attribute*>(a->target);
        const std::string o = value(at->value);
        const std::string name = str_constant(at->attr);
        const std::string cache = attr_cache();  // one for the read and the write: the same entry
        const std::string cur = temp("gen::getattr_cached(" + o + ", " + name + ", " + cache + ")", ln);
        const std::string rhs = value(a->value);
        const std::string r = temp("gen::inplace(" + cur + ", " + rhs + ", " + op + ")", ln);
        fail_unless("gen::setattr_cached(" + o + ", " + name + ", " + r + ", " + cache + ")", ln);
      } else if (a->target->kind == ExprKind::Subscript) {
        const auto* sub = static_cast<const Subscript*>(a->target);
        const std::string o = value(sub->value);
        const std::string k = value(sub->slice);
        const std::string cur = temp("gen::getitem(" + o + ", " + k + ")", ln);
        const std::string rhs = value(a->value);
        const std::string r = temp("gen::inplace(" + cur + ", " + rhs + ", " + op + ")", ln);
        fail_unless("gen::setitem(" + o + ", " + k + ", " + r + ")", ln);
      } else {
        unsupported(a->target->loc, "this augmented assignment target");
      }
      close_block();
      return;
    }
    case StmtKind::AnnAssign: {
      const auto* a = static_cast<const AnnAssign*>(s);
      open_block();
      if (a->value) {
        const std::string v = value(a->value);
        store(a->target, v, ln);
      }
      // Module and class level: CPython evaluates the annotation.
      if (a->simple && scope_->kind != ScopeKind::Function && scope_->kind != ScopeKind::Lambda) value(a->annotation);
      close_block();
      return;
    }
    case StmtKind::Delete: {
      open_block();
      for (const ExprNode* t : static_cast<const Delete*>(s)->targets) delete_target(t, ln);
      close_block();
      return;
    }
    case StmtKind::Pass:
      return;
    case StmtKind::Return: {
      const auto* r = static_cast<const Return*>(s);
      open_block();
      if (fn_->f64_return && r->value && !crosses_finally(*fn_)) {
        const std::string x = as_double(typed(r->value), ln);
        line("return gen::F64{" + x + ", true};");
        close_block();
        return;
      }
      const std::string v = r->value ? owned(r->value) : "gen::new_ref(gen::None())";
      if (crosses_finally(*fn_)) {
        line("retval_ = " + v + ";");
        jump(Jump::Return, fn_->unwind.size());
      } else {
        line(return_ref(v));
      }
      close_block();
      return;
    }
    case StmtKind::Break:
      return jump(Jump::Break, fn_->unwind.size());
    case StmtKind::Continue:
      return jump(Jump::Continue, fn_->unwind.size());
    case StmtKind::If: {
      const auto* i = static_cast<const If*>(s);
      open_block();
      const std::string c = fresh("c");
      line("bool " + c + ";");
      open_block();
      line(c + " = " + condition(i->test) + ";");
      close_block();
      open_block("if (" + c + ") {");
      statements(i->body);
      if (!i->orelse.empty()) {
        close_block("} else {");
        ++fn_->indent;
        statements(i->orelse);
      }
      close_block();
      close_block();
      return;
    }
    case StmtKind::While: {
      const auto* w = static_cast<const While*>(s);
      const int id = ++next_id_;
      const std::string brk = "break" + std::to_string(id), cont = "continue" + std::to_string(id),
                        done = "else" + std::to_string(id);
      open_block("for (;;) {");
      open_block();
      const std::string c = condition(w->test);
      line("if (!" + c + ") " + goto_label(done));
      close_block();
      fn_->unwind.push_back({Unwind::Loop, brk, cont, 0, {}});
      statements(w->body);
      fn_->unwind.pop_back();
      place_label(cont);
      close_block();
      place_label(done);
      statements(w->orelse);
      place_label(brk);
      return;
    }
    case StmtKind::For:
      return for_loop(static_cast<const For*>(s));
    case StmtKind::Try:
      return try_statement(static_cast<const Try*>(s));
    case StmtKind::Raise: {
      const auto* r = static_cast<const Raise*>(s);
      open_block();
      if (!r->exc) {
        line("gen::reraise();");
        fail_no_traceback();
      } else {
        const std::string e = value(r->exc);
        if (r->cause) {
          const std::string c = value(r->cause);
          line("gen::raise_with_cause(" + e + ", " + c + ");");
        } else {
          line("gen::raise(" + e + ");");
        }
        fail(ln);
      }
      close_block();
      return;
    }
    case StmtKind::Assert: {
      const auto* a = static_cast<const Assert*>(s);
      open_block();
      const std::string c = condition(a->test);
      open_block("if (!" + c + ") {");
      const std::string m = a->msg ? value(a->msg) : "gen::Obj()";
      line("gen::raise_assertion(" + m + ");");
      fail(ln);
      close_block();
      close_block();
      return;
    }
    case StmtKind::FunctionDef: {
      const auto* f = static_cast<const FunctionDef*>(s);
      const Scope* child = scopes_.scope_of(s);
      open_block();
      std::vector<std::string> decorators;
      for (const ExprNode* d : f->decorator_list) decorators.push_back(value(d));
      std::string fobj = make_function(child, f->args, nullptr, &f->body, ln);
      for (std::size_t i = decorators.size(); i-- > 0;) fobj = temp("gen::call1(" + decorators[i] + ", " + fobj + ")", ln);
      store_name(f->name, fobj, ln);
      close_block();
      return;
    }
    case StmtKind::ClassDef:
      return class_def(static_cast<const ClassDef*>(s));
    case StmtKind::Global:
    case StmtKind::Nonlocal:
      return;
    case StmtKind::AsyncFunctionDef:
      return unsupported(s->loc, "async def");
    case StmtKind::AsyncFor:
      return unsupported(s->loc, "async for");
    case StmtKind::AsyncWith:
      return unsupported(s->loc, "async with");
    case StmtKind::With:
      return with_statement(static_cast<const With*>(s), 0);
    case StmtKind::Match:
      return unsupported(s->loc, "match statements");
    case StmtKind::TryStar:
      return unsupported(s->loc, "except*");
    case StmtKind::Import:
      return import_statement(static_cast<const Import*>(s));
    case StmtKind::ImportFrom:
      return import_from(static_cast<const ImportFrom*>(s));
  }
}

// import m [as n], ...: gen's own modules, or ModuleNotFoundError at run
// time for a module CPython would not find either (modules.h).
void Emitter::import_statement(const Import* s) {
  const int ln = line_of(s->loc);
  for (const Alias* a : s->names) {
    const std::string_view top = a->name.substr(0, a->name.find('.'));
    if (module_status(a->name, options_.program_dir) == ModuleStatus::Unsupported) {
      unsupported(a->loc, "module '" + std::string(a->name) + "'");
      continue;
    }
    open_block();
    const std::string m = temp("gen::import_module(" + str_constant(top) + ")", ln);
    store_name(a->asname.data() ? a->asname : top, m, ln);
    close_block();
  }
}

// from m import x [as y], ...
void Emitter::import_from(const ImportFrom* s) {
  const int ln = line_of(s->loc);
  if (s->level > 0) return unsupported(s->loc, "relative import");
  if (s->module == "__future__") {  // compile-time switches; the names bound are not used by programs
    for (const Alias* a : s->names) store_name(a->asname.data() ? a->asname : a->name, "gen::new_ref(gen::None())", ln);
    return;
  }
  const ModuleStatus status = module_status(s->module, options_.program_dir);
  if (status == ModuleStatus::Unsupported) return unsupported(s->loc, "module '" + std::string(s->module) + "'");
  for (const Alias* a : s->names) {
    if (a->name == "*") return unsupported(a->loc, "from " + std::string(s->module) + " import *");
    if (status == ModuleStatus::Provided && attribute_unsupported(s->module, a->name))
      unsupported(a->loc, std::string(s->module) + "." + std::string(a->name));
  }
  open_block();
  const std::string m = temp("gen::import_module(" + str_constant(s->module) + ")", ln);
  for (const Alias* a : s->names) {
    const std::string v = temp("gen::import_from(" + m + ", " + str_constant(a->name) + ")", ln);
    store_name(a->asname.data() ? a->asname : a->name, v, ln);
  }
  close_block();
}

void Emitter::delete_target(const ExprNode* t, int ln) {
  switch (t->kind) {
    case ExprKind::Name: {
      const std::string_view name = static_cast<const Name*>(t)->id;
      const Var var = resolve_var(name, scope_);
      const std::string text = c_string(name);
      if (var.kind == Var::Slot) {
        fail_if("!" + var.cpp, ln, std::string(var.global ? "gen::raise_name_error(" : "gen::raise_unbound_local(") + text + ");");
        line(var.cpp + ".reset();");
      } else if (var.kind == Var::Cell) {
        fail_if("!gen::cell_value(" + var.cpp + ")", ln, "gen::raise_unbound_local(" + text + ");");
        line("gen::cell_set(" + var.cpp + ", gen::Ref());");
      } else if (var.kind == Var::ClassNs) {
        const std::string r = fresh("c");
        line("const int " + r + " = gen::dict_del(" + var.cpp + ", " + str_constant(name) + ");");
        fail_if(r + " <= 0", ln, "if (" + r + " == 0) gen::raise_name_error(" + text + ");");
      } else {
        line("gen::raise_name_error(" + text + ");");
        fail(ln);
      }
      return;
    }
    case ExprKind::Attribute: {
      const auto* a = static_cast<const Attribute*>(t);
      const std::string o = value(a->value);
      return fail_unless("gen::delattr(" + o + ", " + str_constant(a->attr) + ")", ln);
    }
    case ExprKind::Subscript: {
      const auto* s = static_cast<const Subscript*>(t);
      const std::string o = value(s->value);
      const std::string k = value(s->slice);
      return fail_unless("gen::delitem(" + o + ", " + k + ")", ln);
    }
    case ExprKind::Tuple:
      for (const ExprNode* e : static_cast<const Tuple*>(t)->elts) delete_target(e, ln);
      return;
    case ExprKind::List:
      for (const ExprNode* e : static_cast<const List*>(t)->elts) delete_target(e, ln);
      return;
    default:
      unsupported(t->loc, "this del target");
  }
}

// for target in iterable: body [else: orelse]
void Emitter::for_loop(const For* f) {
  const int ln = line_of(f->loc);
  const int id = ++next_id_;
  const std::string brk = "break" + std::to_string(id), cont = "continue" + std::to_string(id),
                    done = "else" + std::to_string(id);
  const std::string it = declare("gen::Ref", "it");
  const bool range = is_builtin_range(*this, f->iter);
  // A list proven exact is walked by index, as its iterator does: the
  // length is read at every step, so changes made by the body are seen.
  const bool list = !range && types_.expr(f->iter) == TypeKind::List;
  const std::string index = range || list ? declare("std::int64_t", "i") : "";
  open_block();
  if (list) {
    const std::string v = value(f->iter);
    line(it + " = gen::Ref::borrow(" + v + ");");
    line(index + " = 0;");
  } else if (range) {
    // The range object validates the arguments as range() does.
    const std::string r = value(f->iter);
    line(it + " = gen::Ref::borrow(" + r + ");");
    line(index + " = 0;");
  } else {
    const std::string v = value(f->iter);
    line(it + " = gen::iter(" + v + ");");
    fail_if("!" + it, line_of(f->iter));
  }
  close_block();
  open_block("for (;;) {");
  open_block();
  const std::string item = fresh("t");
  if (list) {
    const std::string items = it + ".get().as<gen::ListObj>()->items";
    line("if (static_cast<std::size_t>(" + index + ") >= " + items + ".size()) " + goto_label(done));
    line("gen::Ref " + item + " = " + items + "[static_cast<std::size_t>(" + index + "++)];");
  } else if (range) {
    const std::string rg = it + ".get().as<gen::RangeObj>()";
    line("if (" + index + " >= " + rg + "->length) " + goto_label(done));
    // In unsigned arithmetic: a range may span more than int64_t holds,
    // but every item it yields fits (two's complement wraps back).
    line("gen::Ref " + item + " = gen::int_from(static_cast<std::int64_t>(static_cast<std::uint64_t>(" + rg +
         "->start) + static_cast<std::uint64_t>(" + index + "++) * static_cast<std::uint64_t>(" + rg + "->step)));");
  } else {
    line("gen::Ref " + item + " = gen::next(" + it + ");");
    line("if (!" + item + ") {");
    ++fn_->indent;
    fail_if("gen::error_pending()", line_of(f->iter));
    line(goto_label(done));
    --fn_->indent;
    line("}");
  }
  store(f->target, item, ln, true);
  close_block();
  fn_->unwind.push_back({Unwind::Loop, brk, cont, 0, {}});
  statements(f->body);
  fn_->unwind.pop_back();
  place_label(cont);
  close_block();
  place_label(done);
  line(it + ".reset();");
  statements(f->orelse);
  if (fn_->used_labels.count(brk)) {
    line(brk + ":;");
    line(it + ".reset();");
  }
}

// A region every exit of which runs the caller's tail first: exceptions
// (why 1, the exception in saved<id>), break/continue/return (why 2 + k),
// falling off the end (why 0). The caller emits the tail after this
// returns, then protected_exits().
int Emitter::protected_region(const std::function<void()>& body, Unwind& out) {
  const int id = ++next_id_;
  const std::string why = "why" + std::to_string(id), saved = "saved" + std::to_string(id),
                    fin = "fin" + std::to_string(id), fin_exc = "finexc" + std::to_string(id);
  fn_->decls.push_back("int " + why + " = 0;");
  fn_->decls.push_back("gen::Ref " + saved + ";");
  const ErrorTarget outer = fn_->error;
  fn_->error = {fin_exc, fn_->frames.size() - 1};
  fn_->unwind.push_back({Unwind::Finally, "", "", id, {}});
  open_block();
  body();
  close_block();
  out = fn_->unwind.back();
  fn_->unwind.pop_back();
  fn_->error = outer;
  line(why + " = 0;");
  line(goto_label(fin));
  if (fn_->used_labels.count(fin_exc)) {
    line(fin_exc + ":");
    line(why + " = 1;");
    line(saved + " = gen::fetch_error();");
  }
  place_label(fin);
  return id;
}

// After the tail: an exception still in saved<id> goes on unwinding (no new
// traceback entry: it passed here already); jumps continue to their targets.
void Emitter::protected_exits(int id, const Unwind& u) {
  const std::string why = "why" + std::to_string(id);
  open_block("if (" + why + " == 1) {");
  line("gen::restore_error(std::move(saved" + std::to_string(id) + "));");
  fail_no_traceback();
  close_block();
  for (std::size_t k = 0; k < u.exits.size(); ++k) {
    open_block("if (" + why + " == " + std::to_string(k + 2) + ") {");
    jump(u.exits[k], fn_->unwind.size());
    close_block();
  }
}

// try: body / except ...: handlers / else: orelse / finally: finalbody
void Emitter::try_statement(const Try* t) {
  if (t->finalbody.empty()) return try_except(t);
  Unwind u;
  const int id = protected_region([&] { t->handlers.empty() ? statements(t->body) : try_except(t); }, u);
  open_block();
  // An exception raised in the finally block has the pending one as context.
  line("std::optional<gen::HandlingScope> handling;");
  line("if (why" + std::to_string(id) + " == 1) handling.emplace(saved" + std::to_string(id) + ");");
  statements(t->finalbody);
  close_block();
  protected_exits(id, u);
}

// with a as x, b as y: body — one manager at a time, each a protected
// region whose tail calls its __exit__ (which may suppress the exception).
void Emitter::with_statement(const With* w, std::uint32_t item) {
  if (item == w->items.size) return statements(w->body);
  const int ln = line_of(w->loc);
  const Withitem* it = w->items[item];
  const std::string exit = declare("gen::Ref", "exit");
  const std::string entered = declare("gen::Ref", "entered");
  open_block();
  const std::string manager = value(it->context_expr);
  line(entered + " = gen::with_enter(" + manager + ", " + exit + ");");
  fail_if("!" + entered, ln);
  if (!it->optional_vars) line(entered + ".reset();");  // nothing keeps __enter__'s result
  close_block();
  Unwind u;
  // `as` binds inside the region: a failing unpack reaches __exit__ (CPython).
  const int id = protected_region(
      [&] {
        if (it->optional_vars) {
          open_block();
          store(it->optional_vars, entered, ln);
          line(entered + ".reset();");
          close_block();
        }
        with_statement(w, item + 1);
      },
      u);
  const std::string why = "why" + std::to_string(id), saved = "saved" + std::to_string(id);
  open_block("if (" + why + " == 1) {");
  line("gen::HandlingScope handling(" + saved + ");");
  line("const int suppress = gen::with_exit(" + exit + ", " + saved + ");");
  fail_if("suppress < 0", ln);
  line("if (suppress) {");
  line("  " + why + " = 0;");
  line("  " + saved + ".reset();");
  line("}");
  close_block("} else {");
  ++fn_->indent;
  fail_if("gen::with_exit(" + exit + ", gen::Obj()) < 0", ln);
  close_block();
  line(exit + ".reset();");
  protected_exits(id, u);
}

void Emitter::try_except(const Try* t) {
  const int id = ++next_id_;
  const std::string handler = "except" + std::to_string(id), end = "tryend" + std::to_string(id);
  const ErrorTarget outer = fn_->error;
  fn_->error = {handler, fn_->frames.size() - 1};
  open_block();
  statements(t->body);
  close_block();
  fn_->error = outer;
  statements(t->orelse);
  if (!fn_->used_labels.count(handler)) return;  // nothing in the body can raise
  line(goto_label(end));
  line(handler + ":");
  open_block();
  line("gen::Ref caught = gen::fetch_error();");
  line("gen::HandlingScope handling(caught);");
  for (const ExcepthandlerNode* h : t->handlers) {
    const auto* eh = static_cast<const ExceptHandler*>(h);
    const int hl = line_of(eh->loc);
    open_block();
    std::string matched = "true";
    if (eh->type) {
      const std::string type = value(eh->type);
      matched = fresh("c");
      line("const int " + matched + " = gen::exception_matches(caught, " + type + ");");
      fail_if(matched + " < 0", hl);
    }
    open_block("if (" + matched + ") {");
    if (eh->name.data()) store_name(eh->name, "caught", hl);
    statements(eh->body);
    if (eh->name.data()) {
      // CPython unbinds the name when the handler ends.
      const Var var = resolve_var(eh->name, scope_);
      if (var.kind == Var::Slot) line(var.cpp + ".reset();");
      if (var.kind == Var::Cell) line("gen::cell_set(" + var.cpp + ", gen::Ref());");
      if (var.kind == Var::ClassNs) line("(void)gen::dict_del(" + var.cpp + ", " + str_constant(eh->name) + ");");
    }
    line(goto_label(end));
    close_block();
    close_block();
  }
  line("gen::restore_error(std::move(caught));");
  fail_no_traceback();
  close_block();
  place_label(end);
}

// class Name(Base): body — the body runs inline with the namespace dict as
// its variables, in a traceback frame of its own.
void Emitter::class_def(const ClassDef* c) {
  const int ln = line_of(c->loc);
  Scope* cls = scopes_.scope_of(c);
  if (c->bases.size > 1) unsupported(c->bases[1]->loc, "multiple inheritance");
  // The object model subclasses object and the exceptions only (class.cpp);
  // a builtin container or number as a base is refused here, not at run time.
  if (c->bases.size == 1 && c->bases[0]->kind == ExprKind::Name) {
    const std::string_view b = static_cast<const Name*>(c->bases[0])->id;
    static constexpr std::string_view kUnsupportedBases[] = {"int", "float", "str", "bytes", "list", "tuple",
                                                             "dict", "set", "frozenset", "bool", "range", "type"};
    if (resolve_var(b, scope_).kind == Var::Builtin)
      for (std::string_view u : kUnsupportedBases)
        if (b == u) unsupported(c->bases[0]->loc, "subclassing the builtin '" + std::string(b) + "'");
  }
  for (const Keyword* k : c->keywords) unsupported(k->loc, "class keyword arguments (metaclass=...)");
  // Hooks the object model does not call: compiling them would silently
  // change what the program does, so the build stops.
  static constexpr std::string_view kUnsupportedHooks[] = {"__setattr__", "__delattr__", "__getattribute__",
                                                           "__get__", "__set__", "__delete__", "__set_name__",
                                                           "__slots__", "__init_subclass__", "__class_getitem__"};
  for (const StmtNode* st : c->body) {
    std::vector<std::pair<std::string_view, Location>> bound;
    if (st->kind == StmtKind::FunctionDef) bound.push_back({static_cast<const FunctionDef*>(st)->name, st->loc});
    if (st->kind == StmtKind::Assign)
      for (const ExprNode* t : static_cast<const Assign*>(st)->targets)
        if (t->kind == ExprKind::Name) bound.push_back({static_cast<const Name*>(t)->id, t->loc});
    if (st->kind == StmtKind::AnnAssign && static_cast<const AnnAssign*>(st)->target->kind == ExprKind::Name)
      bound.push_back({static_cast<const Name*>(static_cast<const AnnAssign*>(st)->target)->id, st->loc});
    for (const auto& [name, loc] : bound)
      for (std::string_view hook : kUnsupportedHooks)
        if (name == hook) unsupported(loc, "the class hook '" + std::string(name) + "'");
  }
  open_block();
  std::vector<std::string> decorators;
  for (const ExprNode* d : c->decorator_list) decorators.push_back(value(d));
  const std::string base = c->bases.empty() ? "gen::Obj()" : value(c->bases[0]);
  const std::string ns = "ns" + std::to_string(cls->id);
  fn_->decls.push_back("gen::Ref " + ns + ";");
  const std::string cell = "cls_cell" + std::to_string(cls->id);
  if (cls->class_cell) {
    fn_->decls.push_back("gen::Ref " + cell + ";");
    line(cell + " = gen::make_cell();");
  }
  line(ns + " = gen::make_dict();");
  line("if (!gen::dict_set(" + ns + ", " + str_constant("__module__") + ", " + str_constant("__main__") +
       ") || !gen::dict_set(" + ns + ", " + str_constant("__qualname__") + ", " + str_constant(cls->qualname) + ")) {");
  ++fn_->indent;
  fail(ln);
  --fn_->indent;
  line("}");
  Scope* saved = scope_;
  scope_ = cls;
  fn_->frames.push_back({frame_info(cls->name), ln});
  statements(c->body);
  fn_->frames.pop_back();
  scope_ = saved;
  std::string klass = temp("gen::make_class(" + c_string(cls->name) + ", " + c_string(cls->qualname) + ", " + base +
                           ", " + ns + ")", ln);
  line(ns + ".reset();");
  if (cls->class_cell) line("gen::cell_set(" + cell + ", gen::Ref::borrow(" + klass + "));");
  for (std::size_t i = decorators.size(); i-- > 0;) klass = temp("gen::call1(" + decorators[i] + ", " + klass + ")", ln);
  store_name(c->name, klass, ln);
  close_block();
}

}  // namespace gen::compiler
