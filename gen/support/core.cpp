// Memory, the singletons, `object` and `type`, and the generic operations
// of ops.h that dispatch on type slots.
#include <cstdlib>
#include <cstring>

#include "gen/support/internal.h"

namespace gen {

Header* allocate(TypeObj* type, std::size_t size) {
  auto* h = static_cast<Header*>(std::malloc(size));
  if (!h) {
    std::fputs("fatal: out of memory\n", stderr);
    std::abort();
  }
  h->refcnt = 1;
  h->type = type;
  return h;
}

// Out of line: inlined into a decref of a static immortal, g++ would warn
// about freeing it on a path that cannot run (Invariant: immortal counts
// never reach zero).
[[gnu::noinline]] void dealloc(Obj o) {
  Header* h = o.header();
  TypeObj* t = h->type;
  // Keeps the object alive while its destructor drops what it holds (a
  // cycle back to it must not free it twice).
  h->refcnt = kImmortal;
  if (t == &float_type && float_free_list.count < FloatFreeList::kFloatFreeMax) {
    FloatFreeList& list = float_free_list;
    h->type = reinterpret_cast<TypeObj*>(list.head);
    list.head = reinterpret_cast<FloatObj*>(h);
    ++list.count;
    return;
  }
  if (t->destroy) t->destroy(o);
  std::free(h);
}

thread_local FloatFreeList float_free_list;

bool is_subtype(const TypeObj* t, const TypeObj* base) {
  for (; t; t = t->base)
    if (t == base) return true;
  return false;
}

// --- None, NotImplemented, Ellipsis, bool ---

namespace {

Ref none_repr(Obj) { return str_intern("None"); }
Ref notimplemented_repr(Obj) { return str_intern("NotImplemented"); }
Ref ellipsis_repr(Obj) { return str_intern("Ellipsis"); }
int none_truth(Obj) { return 0; }
bool identity_hash(Obj o, std::int64_t& out) {
  // CPython rotates the address by 4 bits so aligned pointers spread.
  const std::uint64_t p = o.bits();
  out = static_cast<std::int64_t>((p >> 4) | (p << 60));
  if (out == -1) out = -2;
  return true;
}

Ref object_repr(Obj o) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " object at %#llx>", static_cast<unsigned long long>(o.bits()));
  std::string s = "<";
  TypeObj* t = o.type();
  if (t->flags & kTypeUser) s += "__main__.";
  s += t->name;
  s += buf;
  return str_from(s);
}

Ref type_repr(Obj o) {
  auto* t = o.as<TypeObj>();
  std::string s = (t->flags & kTypeUser) ? "<class '__main__." : "<class '";
  s += t->qualname ? std::string(str_view(t->qualname)) : std::string(t->name);
  s += "'>";
  return str_from(s);
}

}  // namespace

bool object_hash(Obj o, std::int64_t& out) { return identity_hash(o, out); }
Ref object_repr_default(Obj o) { return object_repr(o); }

TypeObj object_type = {.head = GEN_TYPE_HEAD, .name = "object", .flags = kTypeBaseType, .repr = object_repr,
    .hash = identity_hash};

Ref type_call(Obj callable, const Obj* args, std::size_t nargs, Obj kwnames);  // class.cpp
Ref type_getattr(Obj self, Obj name);                                           // class.cpp
bool type_setattr(Obj self, Obj name, Obj value);                              // class.cpp

TypeObj type_type = {.head = GEN_TYPE_HEAD, .name = "type", .base = &object_type, .repr = type_repr,
    .hash = identity_hash, .call = type_call, .getattr = type_getattr, .setattr = type_setattr};

#define GEN_SIMPLE_TYPE(var, pyname, repr_fn, truth_fn)                                                 \
  TypeObj var = {.head = GEN_TYPE_HEAD, .name = pyname, .base = &object_type, .repr = repr_fn, \
                 .hash = identity_hash, .truth = truth_fn};
GEN_SIMPLE_TYPE(none_type, "NoneType", none_repr, none_truth)
GEN_SIMPLE_TYPE(notimplemented_type, "NotImplementedType", notimplemented_repr, nullptr)
GEN_SIMPLE_TYPE(ellipsis_type, "ellipsis", ellipsis_repr, nullptr)
#undef GEN_SIMPLE_TYPE

SingletonObj none_obj = {{kImmortal, &none_type}};
SingletonObj notimplemented_obj = {{kImmortal, &notimplemented_type}};
SingletonObj ellipsis_obj = {{kImmortal, &ellipsis_type}};
BoolObj true_obj = {{kImmortal, &bool_type}};
BoolObj false_obj = {{kImmortal, &bool_type}};

// --- repr, str, hash, truth ---

Ref repr(Obj o) {
  TypeObj* t = o.type();
  for (TypeObj* s = t; s; s = s->base)
    if (s->repr) return s->repr(o);
  return object_repr(o);
}

Ref str(Obj o) {
  for (TypeObj* s = o.type(); s; s = s->base) {
    if (s->str) return s->str(o);
    if (s->repr) return s->repr(o);
  }
  return object_repr(o);
}

std::string repr_utf8(Obj o) {
  Ref r = repr(o);
  return r ? std::string(str_view(r)) : std::string();
}

bool hash(Obj o, std::int64_t& out) {
  if (o.is_small()) {
    // CPython: hash(n) = n mod (2**61 - 1), with the sign; -1 becomes -2.
    const std::int64_t v = o.small_value();
    constexpr std::int64_t kModulus = (std::int64_t{1} << 61) - 1;
    std::int64_t h = (v < 0 ? -v : v) % kModulus;
    if (v < 0) h = -h;
    out = h == -1 ? -2 : h;
    return true;
  }
  TypeObj* t = o.type();
  if (!t->hash) {
    raise_format(&exc_TypeError, "unhashable type: '%s'", t->name);
    return false;
  }
  return t->hash(o, out);
}

int truth_slot(Obj o) {
  TypeObj* t = o.type();
  if (t->truth) return t->truth(o);
  if (t->len) {
    const std::int64_t n = t->len(o);
    return n < 0 ? -1 : n != 0;
  }
  return 1;
}

// --- comparison ---

namespace {

CmpOp swapped(CmpOp op) {
  switch (op) {
    case CmpOp::Lt: return CmpOp::Gt;
    case CmpOp::Le: return CmpOp::Ge;
    case CmpOp::Gt: return CmpOp::Lt;
    case CmpOp::Ge: return CmpOp::Le;
    default: return op;
  }
}

const char* cmp_symbol(CmpOp op) {
  static const char* const kSymbols[] = {"<", "<=", "==", "!=", ">", ">="};
  return kSymbols[static_cast<int>(op)];
}

using CompareFn = Ref (*)(Obj, Obj, CmpOp);
CompareFn compare_slot(TypeObj* t) {
  for (; t; t = t->base)
    if (t->compare) return t->compare;
  return nullptr;
}

}  // namespace

Ref compare(Obj a, Obj b, CmpOp op) {
  if (a.is_small() && b.is_small()) {
    const std::int64_t x = a.small_value(), y = b.small_value();
    switch (op) {
      case CmpOp::Lt: return new_ref(Bool(x < y));
      case CmpOp::Le: return new_ref(Bool(x <= y));
      case CmpOp::Eq: return new_ref(Bool(x == y));
      case CmpOp::Ne: return new_ref(Bool(x != y));
      case CmpOp::Gt: return new_ref(Bool(x > y));
      case CmpOp::Ge: return new_ref(Bool(x >= y));
    }
  }
  TypeObj* ta = a.type();
  TypeObj* tb = b.type();
  CompareFn fa = compare_slot(ta);
  CompareFn fb = compare_slot(tb);
  bool tried_reflected = false;
  if (ta != tb && is_subtype(tb, ta) && fb) {
    tried_reflected = true;
    Ref r = fb(b, a, swapped(op));
    if (!r || r.get() != NotImplemented()) return r;
  }
  if (fa) {
    Ref r = fa(a, b, op);
    if (!r || r.get() != NotImplemented()) return r;
  }
  if (!tried_reflected && fb) {
    Ref r = fb(b, a, swapped(op));
    if (!r || r.get() != NotImplemented()) return r;
  }
  if (op == CmpOp::Eq) return new_ref(Bool(a == b));
  if (op == CmpOp::Ne) return new_ref(Bool(a != b));
  return raise_format(&exc_TypeError, "'%s' not supported between instances of '%s' and '%s'", cmp_symbol(op),
                      ta->name, tb->name);
}

int compare_bool_generic(Obj a, Obj b, CmpOp op) {
  Ref r = compare(a, b, op);
  if (!r) return -1;
  return truth(r);
}

int equals(Obj a, Obj b) {
  if (a == b) return 1;
  return compare_bool(a, b, CmpOp::Eq);
}

// --- arithmetic ---

const char* binop_symbol(BinOp op) {
  static const char* const kSymbols[] = {"+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "^", "|"};
  return kSymbols[static_cast<int>(op)];
}

namespace {

using BinopFn = Ref (*)(Obj, Obj, BinOp);
BinopFn binop_slot(TypeObj* t) {
  for (; t; t = t->base)
    if (t->binop) return t->binop;
  return nullptr;
}

bool is_sequence_type(TypeObj* t) {
  return is_subtype(t, &str_type) || is_subtype(t, &list_type) || is_subtype(t, &tuple_type) ||
         is_subtype(t, &bytes_type);
}

Ref binary_failed(Obj a, Obj b, BinOp op, bool inplace_op) {
  TypeObj* ta = a.type();
  TypeObj* tb = b.type();
  if (op == BinOp::Add && is_sequence_type(ta) && !is_subtype(tb, ta))
    return raise_format(&exc_TypeError, "can only concatenate %s (not \"%s\") to %s", ta->name, tb->name, ta->name);
  if (op == BinOp::Mul && (is_sequence_type(ta) || is_sequence_type(tb)))
    return raise_format(&exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                        is_sequence_type(ta) ? tb->name : ta->name);
  std::string sym = binop_symbol(op);
  if (inplace_op) sym += "=";
  if (op == BinOp::Pow && !inplace_op) sym = "** or pow()";
  return raise_format(&exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", sym.c_str(), ta->name,
                      tb->name);
}

Ref binary_dispatch(Obj a, Obj b, BinOp op) {
  TypeObj* ta = a.type();
  TypeObj* tb = b.type();
  BinopFn fa = binop_slot(ta);
  BinopFn fb = ta == tb ? nullptr : binop_slot(tb);
  if (fb == fa) fb = nullptr;
  if (fb && is_subtype(tb, ta)) {
    Ref r = fb(a, b, op);
    if (!r || r.get() != NotImplemented()) return r;
    fb = nullptr;
  }
  if (fa) {
    Ref r = fa(a, b, op);
    if (!r || r.get() != NotImplemented()) return r;
  }
  if (fb) {
    Ref r = fb(a, b, op);
    if (!r || r.get() != NotImplemented()) return r;
  }
  return new_ref(NotImplemented());
}

}  // namespace

Ref binary_generic(Obj a, Obj b, BinOp op) {
  Ref r = binary_dispatch(a, b, op);
  if (r && r.get() == NotImplemented()) return binary_failed(a, b, op, false);
  return r;
}

Ref inplace_generic(Obj a, Obj b, BinOp op) {
  for (TypeObj* t = a.type(); t; t = t->base) {
    if (!t->inplace) continue;
    Ref r = t->inplace(a, b, op);
    if (!r || r.get() != NotImplemented()) return r;
    break;
  }
  Ref r = binary_dispatch(a, b, op);
  if (r && r.get() == NotImplemented()) return binary_failed(a, b, op, true);
  return r;
}

Ref unary(Obj a, UnaryOp op) {
  for (TypeObj* t = a.type(); t; t = t->base) {
    if (!t->unary) continue;
    Ref r = t->unary(a, op);
    if (!r || r.get() != NotImplemented()) return r;
    break;
  }
  static const char* const kNames[] = {"unary -", "unary +", "unary ~"};
  return raise_format(&exc_TypeError, "bad operand type for %s: '%s'", kNames[static_cast<int>(op)], type_name(a));
}

const char* type_name(Obj o) { return o.type()->name; }

// --- items, length, membership ---

namespace {
template <class Slot>
Slot find_slot(TypeObj* t, Slot TypeObj::*member) {
  for (; t; t = t->base)
    if (t->*member) return t->*member;
  return nullptr;
}
}  // namespace

Ref getitem_generic(Obj o, Obj key) {
  if (auto f = find_slot(o.type(), &TypeObj::getitem)) return f(o, key);
  if (is_type(o)) {
    // list[int] and friends: generic aliases are only annotations here.
    return raise_format(&exc_TypeError, "type '%s' is not subscriptable", o.as<TypeObj>()->name);
  }
  return raise_format(&exc_TypeError, "'%s' object is not subscriptable", type_name(o));
}

bool setitem_generic(Obj o, Obj key, Obj value) {
  if (auto f = find_slot(o.type(), &TypeObj::setitem)) return f(o, key, value);
  raise_format(&exc_TypeError, "'%s' object does not support item assignment", type_name(o));
  return false;
}

bool delitem(Obj o, Obj key) {
  if (auto f = find_slot(o.type(), &TypeObj::setitem)) return f(o, key, Obj());
  raise_format(&exc_TypeError, "'%s' object doesn't support item deletion", type_name(o));
  return false;
}

std::int64_t len(Obj o) {
  if (auto f = find_slot(o.type(), &TypeObj::len)) return f(o);
  raise_format(&exc_TypeError, "object of type '%s' has no len()", type_name(o));
  return -1;
}

int contains(Obj container, Obj value) {
  if (auto f = find_slot(container.type(), &TypeObj::contains)) return f(container, value);
  return contains_by_iteration(container, value);
}

int contains_by_iteration(Obj container, Obj value) {
  Ref it = iter(container);
  if (!it) {
    if (exception_matches_type(peek_error(), &exc_TypeError)) {
      clear_error();
      raise_format(&exc_TypeError, "argument of type '%s' is not iterable", type_name(container));
    }
    return -1;
  }
  for (;;) {
    Ref item = next(it);
    if (!item) return error_pending() ? -1 : 0;
    const int eq = equals(item, value);
    if (eq != 0) return eq;
  }
}

// --- iteration ---

Ref iter(Obj o) {
  if (auto f = find_slot(o.type(), &TypeObj::iter)) return f(o);
  return raise_format(&exc_TypeError, "'%s' object is not iterable", type_name(o));
}

Ref next(Obj it) {
  if (auto f = find_slot(it.type(), &TypeObj::next)) return f(it);
  return raise_format(&exc_TypeError, "'%s' object is not an iterator", type_name(it));
}

// --- calls ---

Ref call(Obj callable, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (auto f = find_slot(callable.type(), &TypeObj::call)) return f(callable, args, nargs, kwnames);
  return raise_type_error_not_callable(callable);
}

Ref call_unpacked(Obj callable, Obj args, Obj kwargs) {
  std::vector<Obj> flat;
  const auto& positional = tuple_items(args);
  for (const Ref& a : positional) flat.push_back(a);
  Ref names;
  if (kwargs && dict_size(kwargs) > 0) {
    std::vector<Ref> keys;
    for (const DictEntry& e : kwargs.as<DictObj>()->entries) {
      if (!e.key) continue;
      if (!is_str(e.key)) return raise_message(&exc_TypeError, "keywords must be strings");
      keys.push_back(e.key);
      flat.push_back(e.value);
    }
    names = make_tuple(std::move(keys));
  }
  return call(callable, flat.data(), positional.size(), names);
}

// --- indexes and unpacking ---

bool index_value(Obj o, std::int64_t& out) {
  if (o.is_small()) {
    out = o.small_value();
    return true;
  }
  if (o == True() || o == False()) {
    out = o == True();
    return true;
  }
  if (isinstance(o, &int_type)) {
    if (int_to_int64(o, out)) return true;
    raise_format(&exc_IndexError, "cannot fit 'int' into an index-sized integer");
    return false;
  }
  Ref i = index_object(o);
  return i && index_value(i, out);
}

bool normalize_index(std::int64_t& i, std::int64_t length, const char* what) {
  if (i < 0) i += length;
  if (i < 0 || i >= length) {
    raise_format(&exc_IndexError, "%s index out of range", what);
    return false;
  }
  return true;
}

bool unpack(Obj value, std::size_t count, Ref* out) {
  if (is_tuple(value) || is_list(value)) {
    const std::vector<Ref>& items = is_tuple(value) ? tuple_items(value) : list_items(value);
    if (items.size() != count) {
      if (items.size() > count)
        raise_format(&exc_ValueError, "too many values to unpack (expected %zu)", count);
      else
        raise_format(&exc_ValueError, "not enough values to unpack (expected %zu, got %zu)", count, items.size());
      return false;
    }
    for (std::size_t i = 0; i < count; ++i) out[i] = items[i];
    return true;
  }
  Ref it = iter(value);
  if (!it) {
    if (exception_matches_type(peek_error(), &exc_TypeError)) {
      clear_error();
      raise_format(&exc_TypeError, "cannot unpack non-iterable %s object", type_name(value));
    }
    return false;
  }
  for (std::size_t i = 0; i < count; ++i) {
    out[i] = next(it);
    if (!out[i]) {
      if (!error_pending())
        raise_format(&exc_ValueError, "not enough values to unpack (expected %zu, got %zu)", count, i);
      return false;
    }
  }
  Ref extra = next(it);
  if (extra) {
    raise_format(&exc_ValueError, "too many values to unpack (expected %zu)", count);
    return false;
  }
  return !error_pending();
}

bool unpack_starred(Obj value, std::size_t before, std::size_t after, Ref* out) {
  Ref all = list_from_iterable(value);
  if (!all) {
    if (exception_matches_type(peek_error(), &exc_TypeError) && !is_list(value)) {
      clear_error();
      raise_format(&exc_TypeError, "cannot unpack non-iterable %s object", type_name(value));
    }
    return false;
  }
  std::vector<Ref>& items = list_items(all);
  if (items.size() < before + after) {
    raise_format(&exc_ValueError, "not enough values to unpack (expected at least %zu, got %zu)", before + after,
                 items.size());
    return false;
  }
  for (std::size_t i = 0; i < before; ++i) out[i] = items[i];
  const std::size_t rest_end = items.size() - after;
  for (std::size_t i = 0; i < after; ++i) out[before + 1 + i] = items[rest_end + i];
  std::vector<Ref> rest(items.begin() + static_cast<std::ptrdiff_t>(before),
                        items.begin() + static_cast<std::ptrdiff_t>(rest_end));
  out[before] = make_list(std::move(rest));
  return true;
}

}  // namespace gen
