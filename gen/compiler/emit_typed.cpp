// The typed paths (infer.h): expressions whose kind inference proved are
// computed on plain C++ values (gen/support/typed.h) and boxed only where a
// dynamic value is needed. Every typed value is materialised in a const
// temporary when made, so operands are evaluated left to right exactly as
// on the dynamic path, and every operation that can raise is checked with
// the same traceback entries (fail()).
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "gen/compiler/emit_internal.h"

namespace gen::compiler {
namespace {

bool numeric(TypeKind k) { return k == TypeKind::Int || k == TypeKind::Float || k == TypeKind::Bool; }
bool int_like(TypeKind k) { return k == TypeKind::Int || k == TypeKind::Bool; }

// An exact C++ literal for a double (hexadecimal: no rounding on the way).
std::string double_literal(double d) {
  if (std::isinf(d)) return d > 0 ? "__builtin_inf()" : "(-__builtin_inf())";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", d);
  return buf;
}

const char* cpp_comparison(CmpOperator op) {
  switch (op) {
    case CmpOperator::Eq: return "==";
    case CmpOperator::NotEq: return "!=";
    case CmpOperator::Lt: return "<";
    case CmpOperator::LtE: return "<=";
    case CmpOperator::Gt: return ">";
    case CmpOperator::GtE: return ">=";
    default: return nullptr;
  }
}

// a op b  <=>  b swapped(op) a
CmpOperator swapped(CmpOperator op) {
  switch (op) {
    case CmpOperator::Lt: return CmpOperator::Gt;
    case CmpOperator::LtE: return CmpOperator::GtE;
    case CmpOperator::Gt: return CmpOperator::Lt;
    case CmpOperator::GtE: return CmpOperator::LtE;
    default: return op;
  }
}

const char* typed_kind_enum(TypeKind k) {
  switch (k) {
    case TypeKind::Int: return "gen::typed::Kind::Int";
    case TypeKind::Float: return "gen::typed::Kind::Float";
    case TypeKind::Bool: return "gen::typed::Kind::Bool";
    case TypeKind::None: return "gen::typed::Kind::None";
    case TypeKind::List:
    case TypeKind::Record: return "gen::typed::Kind::List";
    case TypeKind::Tuple: return "gen::typed::Kind::Tuple";
    default: return nullptr;
  }
}

bool is_builtin_call(Emitter& em, const Call* c, std::string_view name, std::size_t nargs) {
  if (c->func->kind != ExprKind::Name || static_cast<const Name*>(c->func)->id != name) return false;
  if (!c->keywords.empty() || c->args.size != nargs) return false;
  for (const ExprNode* a : c->args)
    if (a->kind == ExprKind::Starred) return false;
  return em.resolve_var(name, em.scope()).kind == Var::Builtin;
}

bool all_float_args(Emitter& em, const Call* c) {
  for (const ExprNode* a : c->args)
    if (em.types_.expr(a) != TypeKind::Float) return false;
  return true;
}

}  // namespace

std::string typed_prototype(const ClosedFunction* f) {
  std::string params;
  for (std::size_t i = 0; i < f->params.size(); ++i) {
    if (i) params += ", ";
    params += (TypeTable::kind(f->params[i]) == TypeKind::Float ? "double p" : "gen::Obj p") + std::to_string(i);
  }
  const bool f64 = TypeTable::kind(f->ret) == TypeKind::Float;
  return std::string("static ") + (f64 ? "gen::F64 " : "gen::Ref ") + f->cpp + "(" + params + ")";
}

std::string Emitter::float_flag(const std::string& var_cpp) const { return "b" + var_cpp.substr(1); }

std::string Emitter::return_ref(const std::string& ref) const {
  if (fn_->f64_return) return "return gen::typed::f64_of(" + ref + ");";
  return ret() + ref + ";";
}

// --- representations ---

Typed Emitter::unbox(const std::string& obj, TypeKind kind) {
  switch (kind) {
    case TypeKind::Float: {
      const std::string f = fresh("f");
      line("const double " + f + " = gen::float_value(" + obj + ");");
      return {kind, f};
    }
    case TypeKind::Bool: {
      const std::string b = fresh("c");
      line("const bool " + b + " = gen::Obj(" + obj + ") == gen::True();");
      return {kind, b};
    }
    default:
      return {kind, obj};
  }
}

std::string Emitter::box(const Typed& t) {
  switch (t.kind) {
    case TypeKind::Float: {
      const std::string r = fresh("t");
      line("gen::Ref " + r + " = gen::float_from(" + t.code + ");");
      return r;
    }
    case TypeKind::Bool: return "gen::Bool(" + t.code + ")";
    default: return t.code;
  }
}

std::string Emitter::as_double(const Typed& t, int ln) {
  if (t.kind == TypeKind::Float) return t.code;
  if (t.kind == TypeKind::Bool) return "(" + t.code + " ? 1.0 : 0.0)";
  const std::string f = fresh("f");
  line("double " + f + ";");
  fail_unless("gen::typed::to_double(" + t.code + ", " + f + ")", ln);
  return f;
}

std::string Emitter::as_int(const Typed& t) {
  if (t.kind == TypeKind::Bool) return "gen::typed::small_of(" + t.code + ")";
  return t.code;
}

// --- expressions ---

bool Emitter::typed_route(const ExprNode* e) {
  const TypeKind k = types_.expr(e);
  if (!numeric(k)) return false;
  switch (e->kind) {
    case ExprKind::BinOp:
    case ExprKind::UnaryOp:
      return true;
    case ExprKind::Compare: {
      const auto* c = static_cast<const Compare*>(e);
      if (!numeric(types_.expr(c->left))) return false;
      for (std::uint32_t i = 0; i < c->ops.size; ++i)
        if (!cpp_comparison(c->ops[i]) || !numeric(types_.expr(c->comparators[i]))) return false;
      return true;
    }
    case ExprKind::Name: {
      const Var v = resolve_var(static_cast<const Name*>(e)->id, scope_);
      return v.kind == Var::Slot && !v.global && v.type == TypeKind::Float;
    }
    case ExprKind::Call: {
      const auto* c = static_cast<const Call*>(e);
      if (const ClosedFunction* f = types_.direct_call(c)) return TypeTable::kind(f->ret) == TypeKind::Float;
      if (is_builtin_call(*this, c, "len", 1)) return true;
      if (k != TypeKind::Float) return false;
      if (is_builtin_call(*this, c, "float", 1)) return numeric(types_.expr(c->args[0]));
      if (is_builtin_call(*this, c, "abs", 1)) return true;
      if (c->args.size >= 2 && (is_builtin_call(*this, c, "min", c->args.size) ||
                                is_builtin_call(*this, c, "max", c->args.size)))
        return all_float_args(*this, c);
      return false;
    }
    default:
      return false;
  }
}

Typed Emitter::typed(const ExprNode* e) {
  const TypeKind k = types_.expr(e);
  const int ln = line_of(e);
  switch (e->kind) {
    case ExprKind::Constant: {
      const ConstantValue& v = static_cast<const Constant*>(e)->value;
      if (v.kind == ConstantValue::Kind::Float) return {TypeKind::Float, double_literal(v.number)};
      if (v.kind == ConstantValue::Kind::True) return {TypeKind::Bool, "true"};
      if (v.kind == ConstantValue::Kind::False) return {TypeKind::Bool, "false"};
      break;
    }
    case ExprKind::Name: {
      const auto* n = static_cast<const Name*>(e);
      const Var v = resolve_var(n->id, scope_);
      if (v.kind == Var::Slot && !v.global && v.type == TypeKind::Float) {
        if (may_be_unbound(v, n)) fail_if("!" + float_flag(v.cpp), ln, unbound_error(n->id, scope_));
        return {TypeKind::Float, v.cpp};
      }
      break;
    }
    case ExprKind::Subscript: {
      // A float item of a typed list or record, read without taking a
      // reference to its box (Invariant T: the item is an exact float).
      const auto* s = static_cast<const Subscript*>(e);
      if (k != TypeKind::Float || !typed_list_index(s->value, s->slice)) break;
      const std::string o = value(s->value);
      const std::string key = as_int(typed(s->slice));
      const std::string f = fresh("f");
      line("double " + f + ";");
      fail_unless("gen::typed::list_get_float(" + o + ", " + key + ", " + f + ")", ln);
      return {TypeKind::Float, f};
    }
    case ExprKind::BinOp: {
      const auto* b = static_cast<const BinOp*>(e);
      if (!numeric(types_.expr(b->left)) || !numeric(types_.expr(b->right))) break;
      const Typed l = typed(b->left);
      const Typed r = typed(b->right);
      return typed_binop(b->op, l, r, k, ln);
    }
    case ExprKind::UnaryOp: {
      const auto* u = static_cast<const UnaryOp*>(e);
      if (u->op == UnaryOperator::Not) {
        const std::string c = fresh("c");
        const std::string test = condition(u->operand);
        line("const bool " + c + " = !(" + test + ");");
        return {TypeKind::Bool, c};
      }
      const TypeKind ok = types_.expr(u->operand);
      if (!numeric(ok)) break;
      if (u->op == UnaryOperator::USub && u->operand->kind == ExprKind::Constant) {
        // -2: a small int literal (every int of up to 18 digits is small).
        const ConstantValue& v = static_cast<const Constant*>(u->operand)->value;
        if (v.kind == ConstantValue::Kind::Int && !v.text.empty() && v.text.size() <= 18)
          return {TypeKind::Int, "gen::Obj::small(-INT64_C(" + std::string(v.text) + "))"};
      }
      const Typed o = typed(u->operand);
      if (o.kind == TypeKind::Float) {
        if (u->op == UnaryOperator::UAdd) return o;
        const std::string f = fresh("f");
        line("const double " + f + " = -" + o.code + ";");
        return {TypeKind::Float, f};
      }
      if (o.kind == TypeKind::Bool) {
        const char* sign = u->op == UnaryOperator::USub ? "-" : u->op == UnaryOperator::Invert ? "~" : "+";
        return {TypeKind::Int, "gen::Obj::small(" + std::string(sign) + "static_cast<std::int64_t>(" + o.code + "))"};
      }
      if (u->op == UnaryOperator::UAdd) return o;
      return {TypeKind::Int, temp(std::string(u->op == UnaryOperator::USub ? "gen::typed::int_neg("
                                                                            : "gen::typed::int_invert(") +
                                      o.code + ")",
                                  ln)};
    }
    case ExprKind::Compare:
      if (typed_route(e)) return typed_compare(static_cast<const Compare*>(e));
      break;
    case ExprKind::Call:
      return typed_call(static_cast<const Call*>(e), k);
    default:
      break;
  }
  return unbox(value_dynamic(e), k);
}

Typed Emitter::typed_binop(Operator op, const Typed& l, const Typed& r, TypeKind result, int ln) {
  if (result == TypeKind::Float) {
    const std::string f = fresh("f");
    if (op == Operator::Div && int_like(l.kind) && int_like(r.kind)) {
      line("double " + f + ";");
      fail_unless("gen::typed::int_true_div(" + as_int(l) + ", " + as_int(r) + ", " + f + ")", ln);
      return {TypeKind::Float, f};
    }
    const std::string x = as_double(l, ln), y = as_double(r, ln);
    const char* checked = nullptr;
    switch (op) {
      case Operator::Add: line("const double " + f + " = " + x + " + " + y + ";"); break;
      case Operator::Sub: line("const double " + f + " = " + x + " - " + y + ";"); break;
      case Operator::Mult: line("const double " + f + " = " + x + " * " + y + ";"); break;
      case Operator::Div: checked = "gen::typed::float_div"; break;
      case Operator::FloorDiv: checked = "gen::typed::float_floordiv"; break;
      case Operator::Mod: checked = "gen::typed::float_mod"; break;
      case Operator::Pow: checked = "gen::typed::float_power"; break;
      default: break;  // inference types no other operator as float
    }
    if (checked) {
      line("double " + f + ";");
      fail_unless(std::string(checked) + "(" + x + ", " + y + ", " + f + ")", ln);
    }
    return {TypeKind::Float, f};
  }
  if (result == TypeKind::Bool) {  // & | ^ of two bools
    const std::string c = fresh("c");
    const char* sym = op == Operator::BitAnd ? " && " : op == Operator::BitOr ? " || " : " != ";
    line("const bool " + c + " = (" + l.code + ")" + sym + "(" + r.code + ");");
    return {TypeKind::Bool, c};
  }
  return {TypeKind::Int, temp("gen::typed::int_op(" + as_int(l) + ", " + as_int(r) + ", " + binop_enum(op) + ")", ln)};
}

// a < b < c on numbers: each operand evaluated once, stopping at the first
// false link (compare() is the dynamic form).
Typed Emitter::typed_compare(const Compare* c) {
  const std::string r = fresh("c");
  line("bool " + r + " = false;");
  open_block();
  int depth = 1;
  Typed left = typed(c->left);
  for (std::uint32_t i = 0; i < c->ops.size; ++i) {
    const Typed right = typed(c->comparators[i]);
    CmpOperator op = c->ops[i];
    std::string test;
    if (int_like(left.kind) && int_like(right.kind)) {
      test = "gen::typed::int_compare(" + as_int(left) + ", " + as_int(right) + ", " + cmpop_enum(op) + ")";
    } else if (left.kind == TypeKind::Int && right.kind == TypeKind::Float) {
      test = "gen::typed::int_float_compare(" + left.code + ", " + right.code + ", " + cmpop_enum(op) + ")";
    } else if (left.kind == TypeKind::Float && right.kind == TypeKind::Int) {
      test = "gen::typed::int_float_compare(" + right.code + ", " + left.code + ", " + cmpop_enum(swapped(op)) + ")";
    } else {  // floats, or a float and a bool (exactly 0.0 or 1.0)
      test = "(" + as_double(left, 0) + " " + cpp_comparison(op) + " " + as_double(right, 0) + ")";
    }
    if (i + 1 == c->ops.size) {
      line(r + " = " + test + ";");
      break;
    }
    const std::string t = fresh("c");
    line("const bool " + t + " = " + test + ";");
    open_block("if (" + t + ") {");
    ++depth;
    left = right;
  }
  while (depth-- > 0) close_block();
  return {TypeKind::Bool, r};
}

Typed Emitter::typed_call(const Call* c, TypeKind k) {
  const int ln = line_of(c);
  if (const ClosedFunction* f = types_.direct_call(c)) {
    Typed result;
    const std::string r = direct_call(c, f, &result);
    return r.empty() ? result : unbox(r, k);
  }
  if (is_builtin_call(*this, c, "len", 1)) {
    const std::string o = value(c->args[0]);
    const std::string n = fresh("n");
    line("const std::int64_t " + n + " = gen::len(" + o + ");");
    fail_if(n + " < 0", ln);
    return {TypeKind::Int, "gen::Obj::small(" + n + ")"};
  }
  if (k == TypeKind::Float && is_builtin_call(*this, c, "float", 1) && numeric(types_.expr(c->args[0]))) {
    const Typed a = typed(c->args[0]);
    return {TypeKind::Float, as_double(a, ln)};
  }
  if (k == TypeKind::Float && is_builtin_call(*this, c, "abs", 1)) {
    const Typed a = typed(c->args[0]);
    const std::string f = fresh("f");
    line("const double " + f + " = __builtin_fabs(" + a.code + ");");
    return {TypeKind::Float, f};
  }
  if (k == TypeKind::Float && c->args.size >= 2 && all_float_args(*this, c)) {
    const bool is_min = is_builtin_call(*this, c, "min", c->args.size);
    if (is_min || is_builtin_call(*this, c, "max", c->args.size)) {
      // CPython keeps the first of equal items: a later one replaces it
      // only when strictly smaller (min) or larger (max).
      const std::string f = fresh("f");
      line("double " + f + ";");
      for (std::uint32_t i = 0; i < c->args.size; ++i) {
        const Typed a = typed(c->args[i]);
        if (i == 0)
          line(f + " = " + a.code + ";");
        else
          line("if (" + a.code + (is_min ? " < " : " > ") + f + ") " + f + " = " + a.code + ";");
      }
      return {TypeKind::Float, f};
    }
  }
  return unbox(value_dynamic(c), k);
}

// A call of a closed function: its typed entry, the arguments in its
// representation. Returns the Ref temporary, or "" with *float_result set
// for a function returning a float.
std::string Emitter::direct_call(const Call* c, const ClosedFunction* f, Typed* float_result) {
  const int ln = line_of(c);
  const std::string_view name = static_cast<const Name*>(c->func)->id;
  std::string args;
  for (std::uint32_t i = 0; i < c->args.size; ++i) {
    const bool as_float = TypeTable::kind(f->params[i]) == TypeKind::Float;
    const std::string a = as_float ? as_double(typed(c->args[i]), ln) : value(c->args[i]);
    args += (i ? ", " : "") + a;
  }
  // CPython reads the name when the call runs: NameError before the def.
  fail_if("!g_" + identifier(name), ln, "gen::raise_name_error(" + c_string(name) + ");");
  if (TypeTable::kind(f->ret) == TypeKind::Float) {
    const std::string r = fresh("r");
    line("const gen::F64 " + r + " = " + f->cpp + "(" + args + ");");
    fail_if("!" + r + ".ok", ln);
    *float_result = {TypeKind::Float, r + ".value"};
    return "";
  }
  return temp(f->cpp + "(" + args + ")", ln);
}

bool Emitter::typed_slice_bounds(const ExprNode* slice, std::string& lo, std::string& hi) {
  if (slice->kind != ExprKind::Slice) return false;
  const auto* s = static_cast<const Slice*>(slice);
  auto int_or_absent = [&](const ExprNode* b) { return !b || int_like(types_.expr(b)); };
  if (s->step || !int_or_absent(s->lower) || !int_or_absent(s->upper)) return false;
  lo = s->lower ? as_int(typed(s->lower)) : "gen::Obj()";
  hi = s->upper ? as_int(typed(s->upper)) : "gen::Obj()";
  return true;
}

// --- statements ---

bool Emitter::typed_list_index(const ExprNode* container, const ExprNode* key) {
  const TypeKind k = types_.expr(container);
  if (key->kind == ExprKind::Slice) return false;
  if (k == TypeKind::Record) return constant_index(key, static_cast<std::size_t>(types_.arity(container))) >= 0;
  return k == TypeKind::List && int_like(types_.expr(key));
}

namespace {

// An expression whose evaluation changes nothing a list could show: a
// name, a constant, arithmetic on those. (It may still raise.)
bool no_side_effects(const ExprNode* e) {
  switch (e->kind) {
    case ExprKind::Name:
    case ExprKind::Constant:
      return true;
    case ExprKind::UnaryOp:
      return no_side_effects(static_cast<const UnaryOp*>(e)->operand);
    case ExprKind::BinOp:
      return no_side_effects(static_cast<const BinOp*>(e)->left) && no_side_effects(static_cast<const BinOp*>(e)->right);
    default:
      return false;
  }
}

}  // namespace

bool Emitter::typed_assign(const ExprNode* target, const ExprNode* value) {
  if (target->kind == ExprKind::Subscript && value->kind == ExprKind::Subscript &&
      static_cast<const Subscript*>(target)->slice->kind == ExprKind::Slice) {
    // a[lo:hi] = b[c:d] on typed lists: no intermediate list. CPython makes
    // b[c:d] before it evaluates a, lo and hi; here they are evaluated
    // first, so they must not be able to change b.
    const auto* s = static_cast<const Subscript*>(target);
    const auto* v = static_cast<const Subscript*>(value);
    const auto* ts = static_cast<const Slice*>(s->slice);
    auto int_bounds = [&](const ExprNode* slice) {
      if (slice->kind != ExprKind::Slice) return false;
      const auto* b = static_cast<const Slice*>(slice);
      return !b->step && (!b->lower || int_like(types_.expr(b->lower))) &&
             (!b->upper || int_like(types_.expr(b->upper)));
    };
    if (types_.expr(s->value) == TypeKind::List && types_.expr(v->value) == TypeKind::List &&
        int_bounds(s->slice) && int_bounds(v->slice) && no_side_effects(s->value) &&
        (!ts->lower || no_side_effects(ts->lower)) && (!ts->upper || no_side_effects(ts->upper))) {
      const std::string other = this->value(v->value);
      std::string olo, ohi, lo, hi;
      typed_slice_bounds(v->slice, olo, ohi);
      const std::string o = this->value(s->value);
      typed_slice_bounds(s->slice, lo, hi);
      line("gen::typed::list_assign_slice_of(" + o + ", " + lo + ", " + hi + ", " + other + ", " + olo + ", " + ohi +
           ");");
      return true;
    }
  }
  if (target->kind == ExprKind::Subscript) {
    // lst[i] = x, x a float: stored without a new box where possible.
    const auto* s = static_cast<const Subscript*>(target);
    if (types_.expr(value) != TypeKind::Float || !typed_list_index(s->value, s->slice)) return false;
    const int ln = line_of(target);
    const Typed t = typed(value);  // CPython evaluates the value first
    const std::string o = this->value(s->value);
    const std::string key = as_int(typed(s->slice));
    fail_unless("gen::typed::list_set_float(" + o + ", " + key + ", " + t.code + ")", ln);
    return true;
  }
  if (target->kind != ExprKind::Name) return false;
  const Var v = resolve_var(static_cast<const Name*>(target)->id, scope_);
  if (v.kind != Var::Slot || v.global || v.type != TypeKind::Float || types_.expr(value) != TypeKind::Float)
    return false;
  const Typed t = typed(value);
  line(v.cpp + " = " + t.code + ";");
  line(float_flag(v.cpp) + " = true;");
  return true;
}

bool Emitter::typed_aug_assign(const AugAssign* a) {
  const TypeKind k = types_.aug(a);
  if (!numeric(k)) return false;
  const int ln = line_of(a->loc);
  if (a->target->kind == ExprKind::Name) {
    const auto* target = static_cast<const Name*>(a->target);
    const std::string_view name = target->id;
    const Var v = resolve_var(name, scope_);
    if (v.kind != Var::Slot || v.global || v.type != k) return false;
    Typed cur;
    if (v.type == TypeKind::Float) {
      if (may_be_unbound(v, target)) fail_if("!" + float_flag(v.cpp), ln, "gen::raise_unbound_local(" + c_string(name) + ");");
      cur = {TypeKind::Float, v.cpp};
    } else {
      cur = unbox(load_name(name, scope_, ln, target), v.type);
    }
    if (!numeric(types_.expr(a->value))) return false;
    const Typed rhs = typed(a->value);
    const Typed r = typed_binop(a->op, cur, rhs, k, ln);
    if (v.type == TypeKind::Float) {
      line(v.cpp + " = " + r.code + ";");
    } else {
      store_name(name, box(r), ln, true);
    }
    return true;
  }
  if (a->target->kind == ExprKind::Subscript) {
    const auto* s = static_cast<const Subscript*>(a->target);
    // Inference gives the target the item's kind (a list's element, a record's item).
    const TypeKind item = types_.expr(a->target);
    if (item != k || !typed_list_index(s->value, s->slice) || !numeric(types_.expr(a->value))) return false;
    const std::string o = value(s->value);
    const std::string key = as_int(typed(s->slice));
    Typed cur;
    if (item == TypeKind::Float) {
      const std::string f = fresh("f");
      line("double " + f + ";");
      fail_unless("gen::typed::list_get_float(" + o + ", " + key + ", " + f + ")", ln);
      cur = {TypeKind::Float, f};
    } else {
      cur = unbox(temp("gen::typed::list_get(" + o + ", " + key + ")", ln), item);
    }
    const Typed rhs = typed(a->value);
    const Typed r = typed_binop(a->op, cur, rhs, k, ln);
    if (k == TypeKind::Float)
      fail_unless("gen::typed::list_set_float(" + o + ", " + key + ", " + r.code + ")", ln);
    else
      fail_unless("gen::typed::list_set(" + o + ", " + key + ", " + box(r) + ")", ln);
    return true;
  }
  return false;
}

// --- functions ---

// The generic entry of a closed function (its CodeInfo's, `generic`):
// checks and unboxes the arguments, calls the typed body, boxes the result.
void Emitter::typed_function(const ClosedFunction* f, const std::string& frame, const std::string& generic) {
  (void)frame;
  std::string text = "static gen::Ref " + generic + "(gen::Obj self_fn, gen::Obj* params) {\n  (void)self_fn;\n";
  std::string args;
  for (std::size_t i = 0; i < f->params.size(); ++i) {
    const TypeKind pk = TypeTable::kind(f->params[i]);
    const std::string p = "params[" + std::to_string(i) + "]";
    if (const char* kind = typed_kind_enum(pk))
      text += "  if (!gen::typed::is_kind(" + p + ", " + kind + ")) return gen::typed::bad_argument(" +
              c_string(f->scope->name) + ");\n";
    args += (i ? ", " : "") + (pk == TypeKind::Float ? "gen::float_value(" + p + ")" : p);
  }
  if (TypeTable::kind(f->ret) == TypeKind::Float) {
    text += "  const gen::F64 r = " + f->cpp + "(" + args + ");\n";
    text += "  if (!r.ok) return gen::Ref();\n  return gen::float_from(r.value);\n}\n\n";
  } else {
    text += "  return " + f->cpp + "(" + args + ");\n}\n\n";
  }
  functions_ += text;
}

}  // namespace gen::compiler
