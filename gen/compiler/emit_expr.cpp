// Expressions: each lowers to statements in the current block that leave
// its value in a C++ expression (a temporary Ref, a variable, an immortal
// constant). Operands are evaluated left to right, as CPython does.
#include <cstdio>

#include "gen/compiler/emit_internal.h"
#include "gen/compiler/modules.h"

namespace gen::compiler {

bool is_temp(const std::string& s) {
  if (s.size() < 2 || s[0] != 't') return false;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

namespace {

const char* binop_name(Operator op) {
  switch (op) {
    case Operator::Add: return "Add";
    case Operator::Sub: return "Sub";
    case Operator::Mult: return "Mul";
    case Operator::MatMult: return "MatMul";
    case Operator::Div: return "TrueDiv";
    case Operator::Mod: return "Mod";
    case Operator::Pow: return "Pow";
    case Operator::LShift: return "LShift";
    case Operator::RShift: return "RShift";
    case Operator::BitOr: return "Or";
    case Operator::BitXor: return "Xor";
    case Operator::BitAnd: return "And";
    case Operator::FloorDiv: return "FloorDiv";
  }
  return "Add";
}

const char* cmp_name(CmpOperator op) {
  switch (op) {
    case CmpOperator::Eq: return "Eq";
    case CmpOperator::NotEq: return "Ne";
    case CmpOperator::Lt: return "Lt";
    case CmpOperator::LtE: return "Le";
    case CmpOperator::Gt: return "Gt";
    case CmpOperator::GtE: return "Ge";
    default: return nullptr;
  }
}

// Every name in CPython 3.11's builtins module: reading one gen does not
// provide is a build error ("unsupported"), not a NameError at run time.
bool is_python_builtin(std::string_view name) {
  static constexpr std::string_view kNames[] = {
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup", "BlockingIOError",
    "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError",
    "ConnectionError", "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError",
    "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception", "ExceptionGroup", "False", "FileExistsError",
    "FileNotFoundError", "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError",
    "ImportWarning", "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError", "KeyError",
    "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError", "NameError", "None",
    "NotADirectoryError", "NotImplemented", "NotImplementedError", "OSError", "OverflowError",
    "PendingDeprecationWarning", "PermissionError", "ProcessLookupError", "RecursionError", "ReferenceError",
    "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError",
    "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError", "True", "TypeError",
    "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
    "UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError", "abs", "aiter", "all", "anext",
    "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile",
    "complex", "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit",
    "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input",
    "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview",
    "min", "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed",
    "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars",
    "zip"
  };
  for (std::string_view n : kNames)
    if (n == name) return true;
  return false;
}

}  // namespace

std::string binop_enum(Operator op) { return std::string("gen::BinOp::") + binop_name(op); }

std::string cmpop_enum(CmpOperator op) {
  const char* name = cmp_name(op);
  return name ? std::string("gen::CmpOp::") + name : "";
}

// --- names ---

static Var resolve(const Emitter& em, std::string_view name, const Scope* s);

static Var resolve_global(const Emitter& em, std::string_view name) {
  Var v;
  if (em.scopes_.is_module_global(name)) {
    v.kind = Var::Slot;
    v.cpp = "g_" + Emitter::identifier(name);
    v.global = true;
  } else {
    v.kind = Var::Builtin;
  }
  return v;
}

// A free variable: the nearest enclosing function scope's local or cell,
// or the closure of the def the lookup passes through; class bodies are
// skipped (they are not visible to nested scopes), except for __class__.
static Var resolve_free(const Emitter& em, std::string_view name, const Scope* s) {
  for (;;) {
    if (s->is_function()) {
      const int index = s->free_index(name);
      if (index >= 0) return {Var::Cell, "closure_[" + std::to_string(index) + "]", false, true};
    }
    s = s->parent;
    if (!s || s->kind == ScopeKind::Module) return resolve_global(em, name);
    if (s->kind == ScopeKind::Class) {
      if (name == "__class__") return {Var::Cell, "cls_cell" + std::to_string(s->id), false, true};
      continue;
    }
    const Symbol* sym = s->find(name);
    if (sym && (sym->binding == Binding::Local || sym->binding == Binding::Cell)) return resolve(em, name, s);
  }
}

static Var resolve(const Emitter& em, std::string_view name, const Scope* s) {
  const Symbol* sym = s->find(name);
  if (s->kind == ScopeKind::Module || !sym || sym->binding == Binding::Global) return resolve_global(em, name);
  switch (sym->binding) {
    case Binding::Local: {
      Var v{Var::Slot, em.var_name(name, s), false, true};
      v.checked = !(sym->flags & kParam) || (sym->flags & kDeleted);
      v.type = em.types_.var(s, name);
      return v;
    }
    case Binding::Cell:
      return {Var::Cell, em.var_name(name, s), false, true};
    case Binding::Free:
      return resolve_free(em, name, s);
    case Binding::ClassLocal:
      return {Var::ClassNs, "ns" + std::to_string(s->id), false, true};
    case Binding::Global:
      break;
  }
  return resolve_global(em, name);
}

Var Emitter::resolve_var(std::string_view name, const Scope* s) const { return resolve(*this, name, s); }

// Read from an inlined comprehension or class body, the enclosing def's
// variable is a free variable to CPython: NameError, not UnboundLocalError.
std::string Emitter::unbound_error(std::string_view name, const Scope* s) const {
  const Symbol* sym = s->find(name);
  const bool free = sym && sym->binding == Binding::Free;
  return std::string(free ? "gen::raise_unbound_free(" : "gen::raise_unbound_local(") + c_string(name) + ");";
}

std::string Emitter::load_name(std::string_view name, const Scope* s, int line_no, const Name* node) {
  const Var v = resolve(*this, name, s);
  const bool check = may_be_unbound(v, node);
  const std::string unbound = unbound_error(name, s);
  const std::string text = c_string(name);
  switch (v.kind) {
    case Var::Slot:
      if (v.global) {
        std::string builtin = builtin_constant(name);
        return temp("gen::load_global(" + v.cpp + ", " + (builtin.empty() ? "gen::Obj()" : builtin) + ", " + text + ")",
                    line_no);
      }
      if (v.type == TypeKind::Float) {
        if (check) fail_if("!" + float_flag(v.cpp), line_no, unbound);
        return temp("gen::float_from(" + v.cpp + ")", line_no);
      }
      if (check) fail_if("!" + v.cpp, line_no, unbound);
      // A := later in the same expression could rebind it: hold a reference.
      if (fn_->scope->has_walrus || scope_->has_walrus) return temp("gen::Ref::borrow(" + v.cpp + ")", line_no);
      return v.cpp;
    case Var::Cell: {
      const Symbol* sym = s->find(name);
      const bool free = !sym || sym->binding == Binding::Free;
      const std::string t = fresh("t");
      line("gen::Ref " + t + " = gen::Ref::borrow(gen::cell_value(" + v.cpp + "));");
      fail_if("!" + t, line_no, std::string(free ? "gen::raise_unbound_free(" : "gen::raise_unbound_local(") + text + ");");
      return t;
    }
    case Var::ClassNs: {
      const Var g = resolve_global(*this, name);
      std::string builtin = builtin_constant(name);
      return temp("gen::load_class_name(" + v.cpp + ", " + str_constant(name) + ", " +
                      (g.kind == Var::Slot ? g.cpp : "gen::Ref()") + ", " +
                      (builtin.empty() ? "gen::Obj()" : builtin) + ", " + text + ")",
                  line_no);
    }
    case Var::Builtin: {
      std::string builtin = builtin_constant(name);
      if (!builtin.empty()) return builtin;
      if (is_python_builtin(name)) {
        unsupported_.push_back({pending_loc_, "builtin '" + std::string(name) + "'"});
        return "gen::None()";
      }
      line("gen::raise_name_error(" + text + ");");
      fail(line_no);
      return "gen::None()";
    }
  }
  return "gen::None()";
}

// --- values ---

std::string Emitter::owned(const ExprNode* e) {
  const std::string v = value(e);
  return is_temp(v) ? "std::move(" + v + ")" : "gen::Ref::borrow(" + v + ")";
}

std::string Emitter::value(const ExprNode* e) {
  if (typed_route(e)) return box(typed(e));
  return value_dynamic(e);
}

std::string Emitter::value_dynamic(const ExprNode* e) {
  const int ln = line_of(e);
  switch (e->kind) {
    case ExprKind::Constant: {
      const auto* c = static_cast<const Constant*>(e);
      if (c->value.kind == ConstantValue::Kind::Complex) {
        unsupported(e->loc, "complex numbers");
        return "gen::None()";
      }
      return constant(c->value);
    }
    case ExprKind::Name:
      pending_loc_ = e->loc.begin;
      return load_name(static_cast<const Name*>(e)->id, scope_, ln, static_cast<const Name*>(e));
    case ExprKind::Attribute: {
      const auto* a = static_cast<const Attribute*>(e);
      check_module_attribute(a);
      const std::string o = value(a->value);
      return temp("gen::getattr_cached(" + o + ", " + str_constant(a->attr) + ", " + attr_cache() + ")", ln);
    }
    case ExprKind::Subscript: {
      const auto* s = static_cast<const Subscript*>(e);
      if (types_.expr(s->value) == TypeKind::Tuple) {
        // Invariant T: a tuple of exactly arity() items, so a constant
        // index in range needs no check.
        const int n = types_.arity(s->value);
        const int i = n > 0 ? constant_index(s->slice, static_cast<std::size_t>(n)) : -1;
        if (i >= 0) {
          const std::string o = value(s->value);
          return temp("gen::typed::tuple_get(" + o + ", " + std::to_string(i) + ")", ln);
        }
      }
      if (types_.expr(s->value) == TypeKind::List || types_.expr(s->value) == TypeKind::Record) {
        const std::string o = value(s->value);
        std::string lo, hi;
        if (typed_slice_bounds(s->slice, lo, hi)) return temp("gen::typed::list_slice(" + o + ", " + lo + ", " + hi + ")", ln);
        const std::string k = value(s->slice);
        return temp("gen::typed::list_get(" + o + ", " + k + ")", ln);
      }
      const std::string o = value(s->value);
      const std::string k = value(s->slice);
      return temp("gen::getitem(" + o + ", " + k + ")", ln);
    }
    case ExprKind::Slice: {
      const auto* s = static_cast<const Slice*>(e);
      const std::string lo = s->lower ? value(s->lower) : "gen::None()";
      const std::string hi = s->upper ? value(s->upper) : "gen::None()";
      const std::string st = s->step ? value(s->step) : "gen::None()";
      return temp("gen::make_slice(" + lo + ", " + hi + ", " + st + ")", ln);
    }
    case ExprKind::BinOp: {
      const auto* b = static_cast<const BinOp*>(e);
      const std::string l = value(b->left);
      const std::string r = value(b->right);
      return temp("gen::binary(" + l + ", " + r + ", " + binop_enum(b->op) + ")", ln);
    }
    case ExprKind::UnaryOp: {
      const auto* u = static_cast<const UnaryOp*>(e);
      if (u->op == UnaryOperator::Not) return "gen::Bool(!(" + condition(u->operand) + "))";
      const std::string v = value(u->operand);
      const char* op = u->op == UnaryOperator::USub ? "Neg" : u->op == UnaryOperator::UAdd ? "Pos" : "Invert";
      return temp("gen::unary(" + v + ", gen::UnaryOp::" + op + ")", ln);
    }
    case ExprKind::BoolOp:
      return bool_op(static_cast<const BoolOp*>(e));
    case ExprKind::Compare:
      return compare(static_cast<const Compare*>(e));
    case ExprKind::IfExp: {
      const auto* i = static_cast<const IfExp*>(e);
      const std::string r = fresh("t");
      line("gen::Ref " + r + ";");
      open_block();
      const std::string c = condition(i->test);
      open_block("if (" + c + ") {");
      line(r + " = " + owned(i->body) + ";");
      close_block("} else {");
      ++fn_->indent;
      line(r + " = " + owned(i->orelse) + ";");
      close_block();
      close_block();
      return r;
    }
    case ExprKind::NamedExpr: {
      const auto* n = static_cast<const NamedExpr*>(e);
      const std::string v = value(n->value);
      const std::string t = is_temp(v) ? v : temp("gen::Ref::borrow(" + v + ")", ln);
      store_name(static_cast<const Name*>(n->target)->id, t, ln);
      return t;
    }
    case ExprKind::Call:
      return call(static_cast<const Call*>(e));
    case ExprKind::List:
    case ExprKind::Tuple:
    case ExprKind::Set:
    case ExprKind::Dict:
      return display(e);
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::DictComp:
      return comprehension(e);
    case ExprKind::JoinedStr:
      return joined_str(static_cast<const JoinedStr*>(e));
    case ExprKind::FormattedValue: {  // only inside a JoinedStr; handled there
      unsupported(e->loc, "formatted value outside an f-string");
      return "gen::None()";
    }
    case ExprKind::Lambda: {
      const auto* l = static_cast<const Lambda*>(e);
      const Scope* child = scopes_.scope_of(e);
      return make_function(child, l->args, l->body, nullptr, ln);
    }
    case ExprKind::GeneratorExp:
      return generator_expression(static_cast<const GeneratorExp*>(e));
    case ExprKind::Await:
      unsupported(e->loc, "await");
      return "gen::None()";
    case ExprKind::Yield: {  // evaluates to what the generator is sent
      const auto* y = static_cast<const Yield*>(e);
      const std::string v = y->value ? owned(y->value) : "gen::new_ref(gen::None())";
      return temp("co_yield " + v, ln);
    }
    case ExprKind::YieldFrom:
      return yield_from(static_cast<const YieldFrom*>(e));
    case ExprKind::Starred:
      unsupported(e->loc, "starred expression here");
      return "gen::None()";
  }
  return "gen::None()";
}

// `a and b or c`: the value of the operand that decides, as Python's.
std::string Emitter::bool_op(const BoolOp* b) {
  const std::string r = fresh("t");
  line("gen::Ref " + r + ";");
  int depth = 0;
  for (std::uint32_t i = 0; i < b->values.size; ++i) {
    open_block();
    ++depth;
    line(r + " = " + owned(b->values[i]) + ";");
    if (i + 1 == b->values.size) break;
    const std::string t = fresh("c");
    line("const int " + t + " = gen::truth(" + r + ");");
    fail_if(t + " < 0", line_of(b->values[i]));
    open_block(std::string("if (") + (b->op == BoolOperator::And ? "" : "!") + t + ") {");
    ++depth;
  }
  while (depth-- > 0) close_block();
  return r;
}

// A comparison chain `a < b < c`: each operand evaluated once, stopping at
// the first false link, whose result is the value.
std::string Emitter::compare(const Compare* c) {
  const int ln = line_of(c);
  const std::string r = fresh("t");
  line("gen::Ref " + r + ";");
  int depth = 0;
  open_block();
  ++depth;
  std::string left = value(c->left);
  for (std::uint32_t i = 0; i < c->ops.size; ++i) {
    const std::string right = value(c->comparators[i]);
    const CmpOperator op = c->ops[i];
    if (const char* name = cmp_name(op)) {
      line(r + " = gen::compare(" + left + ", " + right + ", gen::CmpOp::" + name + ");");
      fail_if("!" + r, ln);
    } else if (op == CmpOperator::Is || op == CmpOperator::IsNot) {
      line(r + " = gen::new_ref(gen::Bool((gen::Obj(" + left + ") == gen::Obj(" + right + ")) == " +
           (op == CmpOperator::Is ? "true" : "false") + "));");
    } else {
      const std::string t = fresh("c");
      line("const int " + t + " = gen::contains(" + right + ", " + left + ");");
      fail_if(t + " < 0", ln);
      line(r + " = gen::new_ref(gen::Bool(" + t + (op == CmpOperator::In ? " != 0" : " == 0") + "));");
    }
    if (i + 1 == c->ops.size) break;
    const std::string t = fresh("c");
    line("const int " + t + " = gen::truth(" + r + ");");
    fail_if(t + " < 0", ln);
    open_block("if (" + t + ") {");
    ++depth;
    left = right;
  }
  while (depth-- > 0) close_block();
  return r;
}

std::string Emitter::condition(const ExprNode* e) {
  const int ln = line_of(e);
  if (e->kind == ExprKind::UnaryOp && static_cast<const UnaryOp*>(e)->op == UnaryOperator::Not)
    return "!(" + condition(static_cast<const UnaryOp*>(e)->operand) + ")";
  if (e->kind == ExprKind::Constant) {
    const auto k = static_cast<const Constant*>(e)->value.kind;
    if (k == ConstantValue::Kind::True) return "true";
    if (k == ConstantValue::Kind::False || k == ConstantValue::Kind::None) return "false";
  }
  if (e->kind == ExprKind::BoolOp) {
    // Short-circuit in C++: no intermediate values.
    const auto* b = static_cast<const BoolOp*>(e);
    const bool is_and = b->op == BoolOperator::And;
    const std::string r = fresh("c");
    line(std::string("bool ") + r + " = " + (is_and ? "true" : "false") + ";");
    int depth = 0;
    for (std::uint32_t i = 0; i < b->values.size; ++i) {
      open_block();
      ++depth;
      const std::string c = condition(b->values[i]);
      open_block(std::string("if (") + (is_and ? "!" : "") + "(" + c + ")) {");
      line(r + " = " + (is_and ? "false" : "true") + ";");
      close_block(i + 1 == b->values.size ? "}" : "} else {");
      if (i + 1 < b->values.size) ++fn_->indent, ++depth;
    }
    while (depth-- > 0) close_block();
    return r;
  }
  if (typed_route(e)) {
    const Typed t = typed(e);
    if (t.kind == TypeKind::Bool) return t.code;
    if (t.kind == TypeKind::Float) return "(" + t.code + " != 0.0)";
    return "gen::typed::int_truth(" + t.code + ")";
  }
  if (e->kind == ExprKind::Compare && static_cast<const Compare*>(e)->ops.size == 1) {
    const auto* c = static_cast<const Compare*>(e);
    const std::string l = value(c->left);
    const std::string r = value(c->comparators[0]);
    const CmpOperator op = c->ops[0];
    if (op == CmpOperator::Is) return "(gen::Obj(" + l + ") == gen::Obj(" + r + "))";
    if (op == CmpOperator::IsNot) return "!(gen::Obj(" + l + ") == gen::Obj(" + r + "))";
    const std::string t = fresh("c");
    if (const char* name = cmp_name(op))
      line("const int " + t + " = gen::compare_bool(" + l + ", " + r + ", gen::CmpOp::" + name + ");");
    else
      line("const int " + t + " = gen::contains(" + r + ", " + l + ");");
    fail_if(t + " < 0", ln);
    return op == CmpOperator::NotIn ? "(" + t + " == 0)" : "(" + t + " != 0)";
  }
  const std::string v = value(e);
  const std::string t = fresh("c");
  line("const int " + t + " = gen::truth(" + v + ");");
  fail_if(t + " < 0", ln);
  return "(" + t + " != 0)";
}

// --- calls ---

std::string Emitter::call(const Call* c) {
  const int ln = line_of(c);
  if (const ClosedFunction* f = types_.direct_call(c)) {
    Typed result;
    const std::string r = direct_call(c, f, &result);
    return r.empty() ? box(result) : r;
  }
  bool star = false;
  for (const ExprNode* a : c->args) star |= a->kind == ExprKind::Starred;
  for (const Keyword* k : c->keywords) star |= !k->arg.data();

  // super() in a method: the class cell and the first parameter.
  if (c->func->kind == ExprKind::Name && static_cast<const Name*>(c->func)->id == "super" && c->args.empty() &&
      c->keywords.empty() && resolve_var("super", scope_).kind == Var::Builtin && scope_->is_function()) {
    const auto* def = static_cast<const StmtNode*>(scope_->node);
    const Arguments* args = def->kind == StmtKind::FunctionDef ? static_cast<const FunctionDef*>(def)->args : nullptr;
    const Arg* first = !args ? nullptr : !args->posonlyargs.empty() ? args->posonlyargs[0]
                                       : !args->args.empty()        ? args->args[0]
                                                                    : nullptr;
    if (!first || scope_->free_index("__class__") < 0) {
      line("gen::raise_message(&gen::exc_RuntimeError, \"super(): no arguments\");");
      fail(ln);
      return "gen::None()";
    }
    const std::string klass = load_name("__class__", scope_, ln);
    const std::string self = load_name(first->arg, scope_, ln);
    return temp("gen::make_super(" + klass + ", " + self + ")", ln);
  }

  std::string callee, self, method;
  if (c->func->kind == ExprKind::Attribute && !star) {
    const auto* a = static_cast<const Attribute*>(c->func);
    check_module_attribute(a);
    self = value(a->value);
    method = str_constant(a->attr);
  } else {
    callee = value(c->func);
  }

  if (star) {
    // f(*a, x, **k): a tuple of the positional arguments, a dict of the keywords.
    const std::string positional = temp("gen::make_list()", ln);
    for (const ExprNode* a : c->args) {
      if (a->kind == ExprKind::Starred) {
        const std::string v = value(static_cast<const Starred*>(a)->value);
        fail_unless("gen::list_extend(" + positional + ", " + v + ")", ln);
      } else {
        const std::string v = value(a);
        fail_unless("gen::list_append(" + positional + ", " + v + ")", ln);
      }
    }
    const std::string tuple = temp("gen::tuple_from_iterable(" + positional + ")", ln);
    std::string kwargs = "gen::Obj()";
    if (!c->keywords.empty()) {
      kwargs = temp("gen::make_dict()", ln);
      for (const Keyword* k : c->keywords) {
        const std::string v = value(k->value);
        if (k->arg.data())
          fail_unless("gen::dict_set(" + kwargs + ", " + str_constant(k->arg) + ", " + v + ")", ln);
        else
          fail_unless("gen::merge_mapping(" + kwargs + ", " + v + ")", ln);
      }
    }
    return temp("gen::call_unpacked(" + callee + ", " + tuple + ", " + kwargs + ")", ln);
  }

  std::vector<std::string> argv;
  for (const ExprNode* a : c->args) argv.push_back(value(a));
  std::vector<std::string_view> names;
  for (const Keyword* k : c->keywords) {
    argv.push_back(value(k->value));
    names.push_back(k->arg);
  }
  std::string array = "nullptr";
  if (!argv.empty()) {
    array = fresh("a");
    std::string items;
    for (const std::string& v : argv) items += (items.empty() ? "" : ", ") + v;
    line("const gen::Obj " + array + "[] = {" + items + "};");
  }
  const std::string nargs = std::to_string(c->args.size);
  const std::string kw = names.empty() ? "" : ", " + kwnames_constant(names);
  if (!method.empty() && kw.empty())
    return temp("gen::call_method_cached(" + self + ", " + method + ", " + array + ", " + nargs + ", " + attr_cache() +
                    ")",
                ln);
  if (!method.empty())
    return temp("gen::call_method(" + self + ", " + method + ", " + array + ", " + nargs + kw + ")", ln);
  return temp("gen::call(" + callee + ", " + array + ", " + nargs + kw + ")", ln);
}

// --- displays ---

std::string Emitter::display(const ExprNode* e) {
  const int ln = line_of(e);
  if (e->kind == ExprKind::Dict) {
    const auto* d = static_cast<const Dict*>(e);
    const std::string r = temp("gen::make_dict()", ln);
    for (std::uint32_t i = 0; i < d->keys.size; ++i) {
      if (!d->keys[i]) {
        const std::string m = value(d->values[i]);
        fail_unless("gen::merge_mapping(" + r + ", " + m + ")", ln);
        continue;
      }
      const std::string k = value(d->keys[i]);
      const std::string v = value(d->values[i]);
      fail_unless("gen::dict_set(" + r + ", " + k + ", " + v + ")", ln);
    }
    return r;
  }
  const Seq<ExprNode*>& elts = e->kind == ExprKind::List    ? static_cast<const List*>(e)->elts
                               : e->kind == ExprKind::Tuple ? static_cast<const Tuple*>(e)->elts
                                                            : static_cast<const Set*>(e)->elts;
  bool star = false;
  for (const ExprNode* x : elts) star |= x->kind == ExprKind::Starred;
  if (e->kind == ExprKind::Set && !star && elts.size > 2) {
    // CPython folds a display of three or more constants into a frozenset
    // constant and merges it into a new set: its order, not the order of
    // adding the elements one by one.
    bool all_constant = true;
    for (const ExprNode* x : elts) all_constant &= is_folded_constant(x);
    if (all_constant) {
      std::string items;
      for (const ExprNode* x : elts) items += (items.empty() ? "" : ", ") + folded_constant(x);
      const std::string frozen = "k" + std::to_string(++next_static_);
      statics_ += "static gen::Obj " + frozen + ";\n";
      // CPython's compiler makes frozenset(items), then (merging constants)
      // a frozenset of that one's elements in its order: two constructions.
      init_ += "  {\n    gen::Ref items = gen::tuple_of({" + items + "});\n    const gen::Obj type = gen::Obj::of(&gen::frozenset_type);\n" +
               "    const gen::Obj first[] = {items};\n    gen::Ref once = gen::call(type, first, 1);\n" +
               "    gen::Ref order = gen::tuple_from_iterable(once);\n    const gen::Obj second[] = {order};\n    " + frozen +
               " = gen::call(type, second, 1).release();\n  }\n";
      const std::string r = temp("gen::make_set()", ln);
      fail_unless("gen::set_extend(" + r + ", " + frozen + ")", ln);
      return r;
    }
  }
  if (e->kind == ExprKind::Set) {
    const std::string r = temp("gen::make_set()", ln);
    for (const ExprNode* x : elts) {
      if (x->kind == ExprKind::Starred) {
        const std::string v = value(static_cast<const Starred*>(x)->value);
        fail_unless("gen::set_extend(" + r + ", " + v + ")", ln);
      } else {
        const std::string v = value(x);
        fail_unless("gen::set_add(" + r + ", " + v + ")", ln);
      }
    }
    return r;
  }
  if (!star) {
    std::vector<std::string> items;
    for (const ExprNode* x : elts) items.push_back(value(x));
    std::string list;
    for (const std::string& v : items) list += (list.empty() ? "" : ", ") + v;
    if (e->kind == ExprKind::Tuple)
      return items.empty() ? "gen::empty_tuple()" : temp("gen::tuple_of({" + list + "})", ln);
    std::string refs;
    for (const std::string& v : items) refs += (refs.empty() ? "" : ", ") + ("gen::Ref::borrow(" + v + ")");
    return temp("gen::make_list({" + refs + "})", ln);
  }
  const std::string r = temp("gen::make_list()", ln);
  for (const ExprNode* x : elts) {
    if (x->kind == ExprKind::Starred) {
      const std::string v = value(static_cast<const Starred*>(x)->value);
      fail_unless("gen::list_extend(" + r + ", " + v + ")", ln);
    } else {
      const std::string v = value(x);
      fail_unless("gen::list_append(" + r + ", " + v + ")", ln);
    }
  }
  if (e->kind == ExprKind::Tuple) return temp("gen::tuple_from_iterable(" + r + ")", ln);
  return r;
}

// What CPython's AST optimiser folds to a constant: literals, a sign or
// ~ on a number, tuples of those.
bool Emitter::is_folded_constant(const ExprNode* e) const {
  if (e->kind == ExprKind::Constant)
    return static_cast<const Constant*>(e)->value.kind != ConstantValue::Kind::Complex;
  if (e->kind == ExprKind::UnaryOp) {
    const auto* u = static_cast<const UnaryOp*>(e);
    if (u->op == UnaryOperator::Not || u->operand->kind != ExprKind::Constant) return false;
    const auto k = static_cast<const Constant*>(u->operand)->value.kind;
    return k == ConstantValue::Kind::Int || (k == ConstantValue::Kind::Float && u->op != UnaryOperator::Invert);
  }
  if (e->kind == ExprKind::Tuple) {
    for (const ExprNode* x : static_cast<const Tuple*>(e)->elts)
      if (!is_folded_constant(x)) return false;
    return true;
  }
  return false;
}

// A folded constant's value, made once by init_constants().
std::string Emitter::folded_constant(const ExprNode* e) {
  if (e->kind == ExprKind::Constant) return constant(static_cast<const Constant*>(e)->value);
  const std::string name = "k" + std::to_string(++next_static_);
  statics_ += "static gen::Obj " + name + ";\n";
  if (e->kind == ExprKind::UnaryOp) {
    const auto* u = static_cast<const UnaryOp*>(e);
    const std::string operand = constant(static_cast<const Constant*>(u->operand)->value);
    const char* op = u->op == UnaryOperator::USub ? "Neg" : u->op == UnaryOperator::UAdd ? "Pos" : "Invert";
    init_ += "  " + name + " = gen::unary(" + operand + ", gen::UnaryOp::" + op + ").release();\n";
    return name;
  }
  std::string items;
  for (const ExprNode* x : static_cast<const Tuple*>(e)->elts) items += (items.empty() ? "" : ", ") + folded_constant(x);
  init_ += "  " + name + " = gen::tuple_of({" + items + "}).release();\n";
  return name;
}

// f"...": the literal parts and each field's format() joined.
std::string Emitter::joined_str(const JoinedStr* j) {
  const int ln = line_of(j);
  const std::string buf = fresh("s");
  line("std::string " + buf + ";");
  for (const ExprNode* part : j->values) {
    if (part->kind == ExprKind::Constant) {
      const std::string_view text = static_cast<const Constant*>(part)->value.text;
      line(buf + ".append(" + c_string(text) + ", " + std::to_string(text.size()) + ");");
      continue;
    }
    const auto* f = static_cast<const FormattedValue*>(part);
    const std::string v = value(f->value);
    const std::string spec = f->format_spec ? value(f->format_spec) : "gen::Obj()";
    const std::string conv = f->conversion > 0 ? std::to_string(f->conversion) : "0";
    const std::string t = temp("gen::format_field(" + v + ", " + conv + ", " + spec + ")", ln);
    line(buf + ".append(gen::str_view(" + t + "));");
  }
  return temp("gen::str_from(" + buf + ")", ln);
}

// [elt for x in it if c ...]: inlined loops in the comprehension's own
// scope and traceback frame; the first iterable is evaluated outside.
std::string Emitter::comprehension(const ExprNode* e) {
  const int ln = line_of(e);
  Scope* comp = scopes_.scope_of(e);
  const Seq<Comprehension*>& gens = e->kind == ExprKind::ListComp  ? static_cast<const ListComp*>(e)->generators
                                    : e->kind == ExprKind::SetComp ? static_cast<const SetComp*>(e)->generators
                                                                   : static_cast<const DictComp*>(e)->generators;
  for (const Comprehension* g : gens)
    if (g->is_async) unsupported(e->loc, "asynchronous comprehensions");
  const char* make = e->kind == ExprKind::ListComp ? "gen::make_list()"
                     : e->kind == ExprKind::SetComp ? "gen::make_set()"
                                                    : "gen::make_dict()";
  const std::string first = value(gens[0]->iter);
  const std::string it0 = temp("gen::iter(" + first + ")", ln);
  const std::string result = temp(make, ln);

  Scope* saved = scope_;
  scope_ = comp;
  fn_->frames.push_back({frame_info(comp->name), ln});
  for (std::string_view n : comp->order) {
    const Symbol& sym = comp->symbols.at(n);
    if (sym.binding == Binding::Local || sym.binding == Binding::Cell) fn_->decls.push_back("gen::Ref " + var_name(n, comp) + ";");
    if (sym.binding == Binding::Cell) line(var_name(n, comp) + " = gen::make_cell();");
  }
  comprehension_loops(gens, it0, [&] {
    if (e->kind == ExprKind::DictComp) {
      const auto* d = static_cast<const DictComp*>(e);
      const std::string k = value(d->key);
      const std::string v = value(d->value);
      fail_unless("gen::dict_set(" + result + ", " + k + ", " + v + ")", line_of(d->key));
    } else {
      const ExprNode* elt = e->kind == ExprKind::ListComp ? static_cast<const ListComp*>(e)->elt
                                                          : static_cast<const SetComp*>(e)->elt;
      const std::string v = value(elt);
      fail_unless(std::string(e->kind == ExprKind::ListComp ? "gen::list_append(" : "gen::set_add(") + result + ", " +
                      v + ")",
                  line_of(elt));
    }
  });
  for (std::string_view n : comp->order) {
    const Symbol& sym = comp->symbols.at(n);
    if (sym.binding == Binding::Local || sym.binding == Binding::Cell) line(var_name(n, comp) + ".reset();");
  }
  fn_->frames.pop_back();
  scope_ = saved;
  return result;
}

// The loops of a comprehension, innermost() in the innermost; the first
// iterator is already made (outside the comprehension's scope).
void Emitter::comprehension_loops(const Seq<Comprehension*>& gens, const std::string& first_iterator,
                                  const std::function<void()>& innermost) {
  for (std::uint32_t i = 0; i < gens.size; ++i) {
    const Comprehension* g = gens[i];
    std::string it = first_iterator;
    if (i > 0) {
      const std::string v = value(g->iter);
      it = temp("gen::iter(" + v + ")", line_of(g->iter));
    }
    open_block("for (;;) {");
    const std::string item = fresh("t");
    line("gen::Ref " + item + " = gen::next(" + it + ");");
    fail_if("!" + item, line_of(g->iter), "if (!gen::error_pending()) break;");
    store(g->target, item, line_of(g->target));
    for (const ExprNode* cond : g->ifs) {
      const std::string c = condition(cond);
      line("if (!" + c + ") continue;");
    }
  }
  innermost();
  for (std::uint32_t i = 0; i < gens.size; ++i) close_block();
}

// (elt for x in it ...): a generator function of its own (CPython's
// <genexpr>), called with the first iterator, made here, as its `.0`.
std::string Emitter::generator_expression(const GeneratorExp* g) {
  const int ln = line_of(g);
  Scope* comp = scopes_.scope_of(g);
  for (const Comprehension* c : g->generators)
    if (c->is_async) unsupported(g->loc, "asynchronous comprehensions");
  const std::string first = value(g->generators[0]->iter);
  const std::string it0 = temp("gen::iter(" + first + ")", ln);
  const std::string closure = closure_tuple(comp, ln);

  const int id = ++next_id_;
  const std::string cpp = "fn" + std::to_string(id) + "_genexpr";
  const std::string frame = frame_info(comp->name);
  const std::string code = "code" + std::to_string(id);
  forward_ += "static gen::Ref " + cpp + "(gen::Obj self_fn, gen::Obj* params);\n";
  statics_ += "static const char* const " + code + "_params[] = {\".0\", nullptr};\n";
  statics_ += "static const gen::CodeInfo " + code + " = {\"<genexpr>\", " + c_string(comp->qualname) + ", &" + frame +
              ", 1, 0, 0, false, false, " + code + "_params, " + cpp + "};\n";

  FunctionCtx ctx;
  ctx.scope = comp;
  ctx.cpp_name = cpp;
  ctx.generator = true;
  ctx.frames.push_back({frame, 0});
  ctx.error = {"error_", 0};
  Scope* saved_scope = scope_;
  FunctionCtx* saved_fn = fn_;
  scope_ = comp;
  fn_ = &ctx;
  ctx.decls.push_back("gen::Ref iterator_ = gen::Ref::borrow(params[0]);");
  for (std::string_view n : comp->order) {
    const Symbol& sym = comp->symbols.at(n);
    if (sym.binding == Binding::Local) ctx.decls.push_back("gen::Ref " + var_name(n, comp) + ";");
    if (sym.binding == Binding::Cell) ctx.decls.push_back("gen::Ref " + var_name(n, comp) + " = gen::make_cell();");
  }
  comprehension_loops(g->generators, "iterator_", [&] {
    const std::string v = owned(g->elt);
    temp("co_yield " + v, line_of(g->elt));
  });
  line("co_return gen::new_ref(gen::None());");
  functions_ += function_text(ctx);
  scope_ = saved_scope;
  fn_ = saved_fn;

  const std::string fobj = temp("gen::make_function(&" + code + ", gen::Obj(), gen::Obj(), " + closure + ")", ln);
  return temp("gen::call1(" + fobj + ", " + it0 + ")", ln);
}

// `yield from x`: steps the subiterator, passing on what this generator is
// sent or thrown, until it returns; its return value is the expression's.
std::string Emitter::yield_from(const YieldFrom* y) {
  const int ln = line_of(y);
  const std::string v = value(y->value);
  const std::string sub = temp("gen::yield_from_iter(" + v + ")", ln);
  const std::string result = fresh("t");
  const std::string sent = fresh("t");
  const std::string done = fresh("t");
  line("gen::Ref " + result + ";");
  line("gen::Ref " + sent + " = gen::new_ref(gen::None());");
  line("bool " + done + " = false;");
  open_block("for (;;) {");
  line(result + " = gen::yield_from_step(" + sub + ", std::move(" + sent + "), " + done + ");");
  fail_if("!" + result, ln);
  line("if (" + done + ") break;");
  line(sent + " = co_yield std::move(" + result + ");");
  close_block();
  return result;
}

// m.name where m is bound by `import m` somewhere: a name CPython's module
// has and gen's lacks stops the build (the name may be rebound, so this
// can refuse a program that would run; it never lets one miscompile).
void Emitter::check_module_attribute(const Attribute* a) {
  if (a->value->kind != ExprKind::Name) return;
  const std::string_view name = static_cast<const Name*>(a->value)->id;
  for (const auto& [bound, module] : scopes_.module_aliases)
    if (bound == name && attribute_unsupported(module, a->attr)) {
      unsupported(a->loc, std::string(module) + "." + std::string(a->attr));
      return;
    }
}

}  // namespace gen::compiler
