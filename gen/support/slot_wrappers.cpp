// The dunder methods of builtin types as attributes: `[].__len__()`,
// `(3).__add__(4)`, `"a".__eq__`, `key=str.__len__`... CPython exposes its
// type slots this way ("slot wrappers"); here each dunder name maps to the
// slot it calls, and a type offers the dunder only when it has that slot.
// A program's classes have their dunder methods in their dicts instead.
#include <cstring>

#include "gen/support/internal.h"

namespace gen {

namespace {

template <class Slot>
Slot slot_of(TypeObj* t, Slot TypeObj::*member) {
  for (; t; t = t->base)
    if (t->*member) return t->*member;
  return nullptr;
}

bool arity(const char* name, std::size_t nargs, std::size_t expected, Obj kwnames) {
  if (!no_keywords(name, kwnames)) return false;
  if (nargs == expected) return true;
  if (expected == 0)
    raise_format(&exc_TypeError, "expected 0 arguments, got %zu", nargs);
  else
    raise_format(&exc_TypeError, "expected %zu argument%s, got %zu", expected, expected == 1 ? "" : "s", nargs);
  return false;
}

#define GEN_NULLARY(fn_name, py, body)                                       \
  Ref fn_name(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {       \
    if (!arity(py, nargs, 0, kwnames)) return Ref();                         \
    body                                                                     \
  }
#define GEN_UNARY(fn_name, py, body)                                         \
  Ref fn_name(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {  \
    if (!arity(py, nargs, 1, kwnames)) return Ref();                         \
    body                                                                     \
  }

GEN_NULLARY(w_len, "__len__", {
  const std::int64_t n = len(self);
  return n < 0 && error_pending() ? Ref() : int_from(n);
})
GEN_NULLARY(w_repr, "__repr__", { return repr(self); })
GEN_NULLARY(w_str, "__str__", { return str(self); })
GEN_NULLARY(w_hash, "__hash__", {
  std::int64_t h;
  return hash(self, h) ? int_from(h) : Ref();
})
GEN_NULLARY(w_bool, "__bool__", {
  const int t = truth(self);
  return t < 0 ? Ref() : new_ref(Bool(t));
})
GEN_NULLARY(w_iter, "__iter__", { return iter(self); })
GEN_NULLARY(w_next, "__next__", {
  Ref v = next(self);
  return v || error_pending() ? v : raise_stop_iteration(Obj());
})
GEN_NULLARY(w_neg, "__neg__", { return unary(self, UnaryOp::Neg); })
GEN_NULLARY(w_pos, "__pos__", { return unary(self, UnaryOp::Pos); })
GEN_NULLARY(w_invert, "__invert__", { return unary(self, UnaryOp::Invert); })
GEN_UNARY(w_getitem, "__getitem__", { return getitem(self, args[0]); })
GEN_UNARY(w_delitem, "__delitem__", { return delitem(self, args[0]) ? new_ref(None()) : Ref(); })
GEN_UNARY(w_contains, "__contains__", {
  const int c = contains(self, args[0]);
  return c < 0 ? Ref() : new_ref(Bool(c));
})
Ref w_setitem(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!arity("__setitem__", nargs, 2, kwnames)) return Ref();
  return setitem(self, args[0], args[1]) ? new_ref(None()) : Ref();
}

// Rich comparisons: the type's own slot only, so NotImplemented comes back
// as CPython's wrappers return it.
template <CmpOp op>
Ref w_compare(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!arity("comparison", nargs, 1, kwnames)) return Ref();
  auto f = slot_of(self.type(), &TypeObj::compare);
  if (!f) {
    if (op == CmpOp::Eq) return new_ref(self == args[0] ? True() : NotImplemented());
    if (op == CmpOp::Ne) return new_ref(self == args[0] ? False() : NotImplemented());
    return new_ref(NotImplemented());
  }
  return f(self, args[0], op);
}

// Arithmetic: __add__ is the type's slot with self first; __radd__ with
// self second (the slot handles either side).
template <BinOp op, bool reflected>
Ref w_binop(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!arity("operator", nargs, 1, kwnames)) return Ref();
  auto f = slot_of(self.type(), &TypeObj::binop);
  if (!f) return new_ref(NotImplemented());
  return reflected ? f(args[0], self, op) : f(self, args[0], op);
}

struct Wrapper {
  const char* name;
  NativeFn fn;
  bool (*offered)(TypeObj* t);
};

template <auto member>
bool has(TypeObj* t) {
  return slot_of(t, member) != nullptr;
}
bool always(TypeObj*) { return true; }

#define GEN_ARITH(py, op)                                            \
  {"__" py "__", w_binop<BinOp::op, false>, has<&TypeObj::binop>}, \
  {"__r" py "__", w_binop<BinOp::op, true>, has<&TypeObj::binop>}

const Wrapper kWrappers[] = {
    {"__len__", w_len, has<&TypeObj::len>},
    {"__repr__", w_repr, always},
    {"__str__", w_str, always},
    {"__hash__", w_hash, has<&TypeObj::hash>},
    {"__bool__", w_bool, has<&TypeObj::truth>},
    {"__iter__", w_iter, has<&TypeObj::iter>},
    {"__next__", w_next, has<&TypeObj::next>},
    {"__getitem__", w_getitem, has<&TypeObj::getitem>},
    {"__setitem__", w_setitem, has<&TypeObj::setitem>},
    {"__delitem__", w_delitem, has<&TypeObj::setitem>},
    {"__contains__", w_contains, has<&TypeObj::contains>},
    {"__neg__", w_neg, has<&TypeObj::unary>},
    {"__pos__", w_pos, has<&TypeObj::unary>},
    {"__invert__", w_invert, has<&TypeObj::unary>},
    {"__eq__", w_compare<CmpOp::Eq>, always},
    {"__ne__", w_compare<CmpOp::Ne>, always},
    {"__lt__", w_compare<CmpOp::Lt>, always},
    {"__le__", w_compare<CmpOp::Le>, always},
    {"__gt__", w_compare<CmpOp::Gt>, always},
    {"__ge__", w_compare<CmpOp::Ge>, always},
    GEN_ARITH("add", Add),
    GEN_ARITH("sub", Sub),
    GEN_ARITH("mul", Mul),
    GEN_ARITH("truediv", TrueDiv),
    GEN_ARITH("floordiv", FloorDiv),
    GEN_ARITH("mod", Mod),
    GEN_ARITH("pow", Pow),
    GEN_ARITH("lshift", LShift),
    GEN_ARITH("rshift", RShift),
    GEN_ARITH("and", And),
    GEN_ARITH("xor", Xor),
    GEN_ARITH("or", Or),
};

}  // namespace

namespace {

const Wrapper* find_wrapper(TypeObj* t, Obj name) {
  const std::string_view n = str_view(name);
  if (n.size() < 5 || n[0] != '_' || n[1] != '_' || (t->flags & kTypeUser)) return nullptr;
  for (const Wrapper& w : kWrappers)
    if (n == w.name && w.offered(t)) return &w;
  return nullptr;
}

}  // namespace

Ref slot_wrapper(Obj o, Obj name) {
  const Wrapper* w = find_wrapper(o.type(), name);
  return w ? make_builtin(w->name, w->fn, o) : Ref();
}

Ref slot_wrapper_unbound(TypeObj* type, Obj name) {
  const Wrapper* w = find_wrapper(type, name);
  if (!w) return Ref();
  Ref f = make_builtin(w->name, w->fn);
  f.get().as<BuiltinFunctionObj>()->owner = type;  // int.__add__(3, 4): the receiver is the first argument
  return f;
}

}  // namespace gen
