// Python's operations on dynamic values: what generated code calls where a
// type is not known, and what the typed paths fall back on. Each follows
// CPython's rules (reflected operands, NotImplemented, __eq__ defaulting to
// identity, messages) and the error protocol of error.h.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "gen/support/objects.h"

namespace gen {

Ref repr(Obj o);
Ref str(Obj o);
std::string repr_utf8(Obj o);  // "" with an exception pending when repr raised
bool hash(Obj o, std::int64_t& out);
int truth_slot(Obj o);  // __bool__ / __len__ (or true): 1, 0, -1 raised
// 1, 0, -1 raised. The constants and small ints inline: every `if x:` on
// a dynamic value asks.
inline int truth(Obj o) {
  if (o == True()) return 1;
  if (o == False() || o == None()) return 0;
  if (o.is_small()) return o.small_value() != 0;
  return truth_slot(o);
}

Ref compare(Obj a, Obj b, CmpOp op);
int compare_bool_generic(Obj a, Obj b, CmpOp op);
// Whether `op` holds between two values that compare as lt/eq/gt (a NaN:
// none of them, so only != holds).
inline bool comparison_holds(CmpOp op, bool lt, bool eq, bool gt) {
  switch (op) {
    case CmpOp::Lt: return lt;
    case CmpOp::Le: return lt || eq;
    case CmpOp::Eq: return eq;
    case CmpOp::Ne: return !eq;
    case CmpOp::Gt: return gt;
    case CmpOp::Ge: return gt || eq;
  }
  return false;
}
// The result's truth: 1, 0, -1 raised. Two small ints or two floats are
// compared inline (IEEE: a NaN is unordered, so only != holds).
inline int compare_bool(Obj a, Obj b, CmpOp op) {
  bool lt, eq, gt;
  if (a.is_small() && b.is_small()) {
    lt = a.small_value() < b.small_value();
    eq = a.small_value() == b.small_value();
    gt = !lt && !eq;
  } else if (!a.is_small() && !b.is_small() && a.type() == &float_type && b.type() == &float_type) {
    const double x = float_value(a), y = float_value(b);
    lt = x < y;
    eq = x == y;
    gt = x > y;
  } else {
    return compare_bool_generic(a, b, op);
  }
  return comparison_holds(op, lt, eq, gt);
}
int equals(Obj a, Obj b);                  // identity first, as containers do
Ref binary_generic(Obj a, Obj b, BinOp op);   // the slot dispatch
Ref inplace_generic(Obj a, Obj b, BinOp op);  // __iadd__ and friends, then the slot dispatch

// a op b for two small ints, when the result is a small int: true and the
// result in `out`; false for everything else (another operand, an
// overflow, a zero divisor, a negative shift, /, **), which the slots
// handle. Exactly what int's slots compute.
//
// Add, Sub and Mul work on the tagged words themselves (a small int n is
// the word 2n+1, object.h): 2x+1 + 2y+1 - 1 = 2(x+y)+1, and the int64
// overflow of that word is exactly the small range's, so one overflow
// check both computes the result and proves it small.
[[gnu::always_inline]] inline bool small_int_binop(Obj a, Obj b, BinOp op, Ref& out) {
  if (!a.is_small() || !b.is_small()) return false;
  const auto ta = static_cast<std::int64_t>(a.bits()), tb = static_cast<std::int64_t>(b.bits());
  std::int64_t word = 0;
  auto result = [&out](std::uint64_t bits) {
    out = Ref::steal(Obj::from_bits(bits));
    return true;
  };
  switch (op) {
    case BinOp::Add:
      return !__builtin_add_overflow(ta, tb - 1, &word) && result(static_cast<std::uint64_t>(word));
    case BinOp::Sub:
      return !__builtin_sub_overflow(ta, tb - 1, &word) && result(static_cast<std::uint64_t>(word));
    case BinOp::Mul:  // (2x) * y + 1: the product is even, so the +1 cannot overflow
      return !__builtin_mul_overflow(ta - 1, b.small_value(), &word) && result(static_cast<std::uint64_t>(word + 1));
    case BinOp::And: return result(a.bits() & b.bits());
    case BinOp::Or: return result(a.bits() | b.bits());
    case BinOp::Xor: return result((a.bits() ^ b.bits()) | 1u);
    default: break;
  }
  const std::int64_t x = a.small_value(), y = b.small_value();
  std::int64_t r = 0;
  switch (op) {
    case BinOp::FloorDiv:
    case BinOp::Mod: {
      if (y == 0) return false;  // ZeroDivisionError, from the slot
      // Small ints are 63-bit, so x / y cannot overflow int64_t.
      std::int64_t q = x / y, m = x % y;
      if (m != 0 && ((m < 0) != (y < 0))) {
        q -= 1;
        m += y;
      }
      r = op == BinOp::FloorDiv ? q : m;
      break;
    }
    case BinOp::RShift:
      if (y < 0) return false;  // ValueError, from the slot
      r = y >= 63 ? (x < 0 ? -1 : 0) : x >> y;
      break;
    case BinOp::LShift:
      if (y < 0 || y >= 62) return false;
      r = static_cast<std::int64_t>(static_cast<std::uint64_t>(x) << y);
      if ((r >> y) != x) return false;
      break;
    default: return false;
  }
  if (!Obj::fits_small(r)) return false;
  out = Ref::steal(Obj::small(r));
  return true;
}

// The common cases done inline: two small ints (small_int_binop) and
// floats with floats or small ints (+, -, *, / by non-zero). These are
// exactly what the slots compute; everything else goes to the dispatch.
inline bool binary_fast(Obj a, Obj b, BinOp op, Ref& out) {
  if (a.is_small() && b.is_small()) return small_int_binop(a, b, op, out);
  const bool fa = !a.is_small() && a.type() == &float_type, fb = !b.is_small() && b.type() == &float_type;
  if (!(fa || fb) || !(fa || a.is_small()) || !(fb || b.is_small())) return false;
  const double x = fa ? float_value(a) : static_cast<double>(a.small_value());
  const double y = fb ? float_value(b) : static_cast<double>(b.small_value());
  switch (op) {
    case BinOp::Add: out = float_from(x + y); return true;
    case BinOp::Sub: out = float_from(x - y); return true;
    case BinOp::Mul: out = float_from(x * y); return true;
    case BinOp::TrueDiv:
      if (y == 0.0) return false;
      out = float_from(x / y);
      return true;
    default: return false;
  }
}
inline Ref binary(Obj a, Obj b, BinOp op) {
  Ref r;
  if (binary_fast(a, b, op, r)) return r;
  return binary_generic(a, b, op);
}
inline Ref inplace(Obj a, Obj b, BinOp op) {
  Ref r;
  if (binary_fast(a, b, op, r)) return r;  // int and float have no in-place forms
  return inplace_generic(a, b, op);
}
Ref unary(Obj a, UnaryOp op);
const char* binop_symbol(BinOp op);

Ref getattr(Obj o, Obj name);  // name: an interned str

// One attribute site's cache (a static per site in generated code): where
// the attribute was found for instances of `type` (class.cpp, Invariant A).
struct AttrCache {
  struct Way {
    const TypeObj* type = nullptr;
    std::uint64_t epoch = 0;
    std::uint32_t entry = 0;  // getattr/setattr: the index in the instance dict's entries
    bool builtin = false;     // call_method: `method` is a builtin type's builtin function
    bool direct = false;      // call_method: `method` takes exactly self and the site's arguments
    std::uint64_t shadow_bit = 0;  // call_method: the name's bit in an instance dict's key_filter
    Obj method;               // call_method: the function found on the type (borrowed)
  };
  static constexpr std::uint32_t kWays = 4;  // a site seeing a base class's subclasses
  static constexpr std::size_t kDirect = 8;  // call_method: self and up to 7 arguments go directly
  Way ways[kWays];
  std::uint32_t next = 0;  // the way the next fill replaces
};
// getattr / setattr / call_method with the site's cache: the same results
// and errors, without the type and dict lookups when the cache holds.
Ref getattr_cached(Obj o, Obj name, AttrCache& cache);
bool setattr_cached(Obj o, Obj name, Obj value, AttrCache& cache);
Ref call_method_cached(Obj self, Obj name, const Obj* args, std::size_t nargs, AttrCache& cache);
Ref getattr_or_missing(Obj o, Obj name, bool& missing);  // hasattr/getattr(o, n, default)
bool setattr(Obj o, Obj name, Obj value);
bool delattr(Obj o, Obj name);
// The attribute found on the type (its MRO), or empty; no error.
Obj type_lookup(TypeObj* type, Obj name);

Ref getitem_generic(Obj o, Obj key);
bool setitem_generic(Obj o, Obj key, Obj value);
// A list or tuple indexed by a small int in range is done inline (what the
// sequence slots do); everything else, errors included, dispatches.
// The item a small-int key names in a list's or tuple's items (a negative
// key counts from the end), or null for any other key or one out of range:
// the index normalisation every inline item path shares (here, typed.h).
template <class Items>
[[gnu::always_inline]] inline auto* item_slot(Items& items, Obj key) {
  using Slot = std::remove_reference_t<decltype(items[0])>;
  if (!key.is_small()) return static_cast<Slot*>(nullptr);
  std::int64_t i = key.small_value();
  const auto n = static_cast<std::int64_t>(items.size());
  if (i < 0) i += n;
  return i >= 0 && i < n ? &items[static_cast<std::size_t>(i)] : static_cast<Slot*>(nullptr);
}
inline Ref getitem(Obj o, Obj key) {
  if (key.is_small() && !o.is_small()) {
    const TypeObj* t = o.header()->type;
    if (t == &list_type || t == &tuple_type) {
      const std::vector<Ref>& items = t == &list_type ? o.as<ListObj>()->items : o.as<TupleObj>()->items;
      if (const Ref* item = item_slot(items, key)) return Ref::borrow(*item);
    }
  }
  return getitem_generic(o, key);
}
inline bool setitem(Obj o, Obj key, Obj value) {
  if (value && !o.is_small() && o.header()->type == &list_type) {
    if (Ref* item = item_slot(o.as<ListObj>()->items, key)) {
      // The old item is dropped after the list holds the new one: its
      // release may run code that touches the list.
      Ref old = std::exchange(*item, Ref::borrow(value));
      return true;
    }
  }
  return setitem_generic(o, key, value);
}
bool delitem(Obj o, Obj key);
int contains(Obj container, Obj value);
std::int64_t len(Obj o);

Ref iter(Obj o);
Ref next(Obj it);  // empty and nothing pending: exhausted

Ref call(Obj callable, const Obj* args, std::size_t nargs, Obj kwnames = Obj());
inline Ref call0(Obj f) { return call(f, nullptr, 0); }
inline Ref call1(Obj f, Obj a) { return call(f, &a, 1); }
Ref call_method(Obj self, Obj name, const Obj* args, std::size_t nargs, Obj kwnames = Obj());
// f(*args, **kwargs) with args a tuple and kwargs a dict (or empty).
Ref call_unpacked(Obj callable, Obj args, Obj kwargs);

// Python's index protocol (sequence subscripts, range arguments): ints,
// and objects of a program's classes with __index__ (which must return
// an int). index_object is operator.index().
bool has_index(Obj o);
Ref index_object(Obj o);
bool index_value(Obj o, std::int64_t& out);
// Normalises a possibly negative index against `length`; false (IndexError
// with `what`'s message) when out of range.
bool normalize_index(std::int64_t& i, std::int64_t length, const char* what);

// Unpacking: `a, b = value` and `a, *b, c = value`.
bool unpack(Obj value, std::size_t count, Ref* out);
bool unpack_starred(Obj value, std::size_t before, std::size_t after, Ref* out);  // out: before + 1 + after

// Iterable -> a fresh list (list(x)) / tuple.
Ref list_from_iterable(Obj iterable);
Ref tuple_from_iterable(Obj iterable);
bool list_extend(Obj list, Obj iterable);

// Formatting (format.cpp): format(value, spec) and the % operator on str.
Ref format(Obj value, Obj spec);
Ref format_utf8(Obj value, std::string_view spec);
Ref str_percent(Obj format, Obj args);
Ref bytes_percent(Obj format, Obj args);
Ref str_format_method(Obj format, const Obj* args, std::size_t nargs, Obj kwnames);
Ref str_format_map(Obj format, Obj mapping);

// str of a value appended to out (print's fast path); false raised.
bool append_str(std::string& out, Obj o);

}  // namespace gen
