// The typed paths (gen/compiler/infer.h): what generated code calls where
// inference proved an operand's type. An int is still a gen::Obj (a tagged
// small int or a BigInt: no conversion to box or unbox it), known to be an
// exact int; a float is a plain double; a bool a C++ bool. Each operation
// does the common case inline and otherwise calls exactly what the dynamic
// dispatch would reach for these types, so both paths give the same
// results and the same errors.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

#include "gen/support/codegen.h"
#include "gen/support/error.h"
#include "gen/support/objects.h"
#include "gen/support/ops.h"

namespace gen {

// A typed function's float result: `ok` false is the error result (an
// exception is pending), as an empty Ref is for the others.
struct F64 {
  double value = 0;
  bool ok = false;
};

// numbers.cpp (the int and float slots the dispatch reaches).
Ref int_binop(Obj a, Obj b, BinOp op);
Ref int_true_divide(Obj a, Obj b);
Ref float_pow(double x, double y);
// x ** y for floats into `out`; false with the error raised.
bool float_pow_value(double x, double y, double& out);
bool float_floor_divmod(double x, double y, double& q, double& m);

namespace typed {

// a op b for two ints (bools count as ints): small results inline.
inline Ref int_op(Obj a, Obj b, BinOp op) {
  Ref r;
  if (small_int_binop(a, b, op, r)) return r;
  return int_binop(a, b, op);
}

inline Ref int_neg(Obj a) {
  if (a.is_small() && a.small_value() != kSmallMin) return Ref::steal(Obj::small(-a.small_value()));
  return unary(a, UnaryOp::Neg);
}
inline Ref int_invert(Obj a) {
  if (a.is_small()) return Ref::steal(Obj::small(~a.small_value()));
  return unary(a, UnaryOp::Invert);
}
// An int's truth: a BigInt is never zero (Invariant I).
inline bool int_truth(Obj a) { return !a.is_small() || a.small_value() != 0; }
inline Obj small_of(bool b) { return Obj::small(b ? 1 : 0); }

// float(an int): OverflowError beyond the float range.
inline bool to_double(Obj a, double& out) {
  if (a.is_small()) {
    out = static_cast<double>(a.small_value());  // rounds to nearest, ties to even, as CPython
    return true;
  }
  return int_to_double(a, out);
}

// a / b for two ints: correctly rounded, as CPython's.
inline bool int_true_div(Obj a, Obj b, double& out) {
  constexpr std::int64_t kExact = std::int64_t{1} << 53;
  if (a.is_small() && b.is_small()) {
    const std::int64_t x = a.small_value(), y = b.small_value();
    if (y != 0 && x > -kExact && x < kExact && y > -kExact && y < kExact) {
      out = static_cast<double>(x) / static_cast<double>(y);
      return true;
    }
  }
  Ref r = int_true_divide(a, b);
  if (!r) return false;
  out = float_value(r);
  return true;
}

inline bool float_div(double x, double y, double& out) {
  if (y == 0) {
    raise_message(&exc_ZeroDivisionError, "float division by zero");
    return false;
  }
  out = x / y;
  return true;
}
inline bool float_floordiv(double x, double y, double& out) {
  if (y == 0) {
    raise_message(&exc_ZeroDivisionError, "float floor division by zero");
    return false;
  }
  double m;
  return float_floor_divmod(x, y, out, m);
}
inline bool float_mod(double x, double y, double& out) {
  if (y == 0) {
    raise_message(&exc_ZeroDivisionError, "float modulo");
    return false;
  }
  double q;
  return float_floor_divmod(x, y, q, out);
}
inline bool float_power(double x, double y, double& out) { return float_pow_value(x, y, out); }

// Comparing two ints cannot fail.
inline bool int_compare(Obj a, Obj b, CmpOp op) {
  if (a.is_small() && b.is_small()) {  // the tagged words order as the ints do
    const auto x = static_cast<std::int64_t>(a.bits()), y = static_cast<std::int64_t>(b.bits());
    return comparison_holds(op, x < y, x == y, x > y);
  }
  return compare_bool_generic(a, b, op) > 0;
}
// An int against a float, exactly (not by rounding the int), as CPython.
inline bool int_float_compare(Obj a, double y, CmpOp op) {
  constexpr std::int64_t kExact = std::int64_t{1} << 53;
  if (a.is_small() && a.small_value() > -kExact && a.small_value() < kExact) {
    const double x = static_cast<double>(a.small_value());
    return comparison_holds(op, x < y, x == y, x > y);
  }
  Ref f = float_from(y);
  return compare_bool_generic(a, f, op) > 0;
}

// Lists proven to be exact lists (inference's List kind): indexing and
// slicing without the type dispatch; errors and odd keys go to the slots.
inline Ref list_get(Obj list, Obj key) {
  if (const Ref* item = item_slot(list.as<ListObj>()->items, key)) return *item;
  return getitem_generic(list, key);
}
// list[key] = value.
inline bool list_set(Obj list, Obj key, Obj value) {
  if (Ref* item = item_slot(list.as<ListObj>()->items, key)) {
    // The old item goes after the list holds the new one (setitem()).
    Ref old = std::exchange(*item, Ref::borrow(value));
    return true;
  }
  return setitem_generic(list, key, value);
}
// The float list[key] of a list of floats, read without a reference.
// (always_inline here and in list_set_float: g++ -O2 otherwise calls
// them out of line, and inlined nbody runs 0.26 s -> 0.19 s.)
[[gnu::always_inline]] inline bool list_get_float(Obj list, Obj key, double& out) {
  if (const Ref* item = item_slot(list.as<ListObj>()->items, key)) {
    out = float_value(*item);
    return true;
  }
  Ref item = getitem_generic(list, key);
  if (!item) return false;
  out = float_value(item);
  return true;
}
// list[key] = v for a float v. A float only the list refers to is
// overwritten in place: nothing else can see it, so no new box is needed
// (an immortal constant's count is never 1).
[[gnu::always_inline]] inline bool list_set_float(Obj list, Obj key, double v) {
  if (Ref* item = item_slot(list.as<ListObj>()->items, key)) {
    const Obj old = *item;
    if (!old.is_small() && old.header()->refcnt == 1 && old.type() == &float_type) {
      old.as<FloatObj>()->value = v;
      return true;
    }
    Ref released = std::exchange(*item, float_from(v));
    return true;
  }
  Ref box = float_from(v);
  return setitem_generic(list, key, box);
}
// Item i of a tuple inference proved to have more than i items.
inline Ref tuple_get(Obj tuple, std::size_t i) { return tuple.as<TupleObj>()->items[i]; }

// a, b, c = v: a tuple or list of the right length inline, the rest
// (and every error) as gen::unpack.
inline bool unpack(Obj v, std::size_t count, Ref* out) {
  if (!v.is_small()) {
    const TypeObj* t = v.header()->type;
    if (t == &tuple_type || t == &list_type) {
      const std::vector<Ref>& items = t == &tuple_type ? v.as<TupleObj>()->items : v.as<ListObj>()->items;
      if (items.size() == count) {
        for (std::size_t i = 0; i < count; ++i) out[i] = items[i];
        return true;
      }
    }
  }
  return gen::unpack(v, count, out);
}

// A slice bound (an int, or empty for an omitted one) clamped to [0, n],
// as slice.indices() does for a step of 1.
inline std::size_t slice_bound(Obj b, std::size_t n, std::size_t omitted) {
  if (!b) return omitted;
  if (!b.is_small()) return b.as<BigIntObj>()->value.negative() ? 0 : n;
  std::int64_t v = b.small_value();
  const auto len = static_cast<std::int64_t>(n);
  if (v < 0) v = v + len < 0 ? 0 : v + len;
  return static_cast<std::size_t>(v > len ? len : v);
}
// list[lo:hi]
inline Ref list_slice(Obj list, Obj lo, Obj hi) {
  const std::vector<Ref>& items = list.as<ListObj>()->items;
  const std::size_t a = slice_bound(lo, items.size(), 0), b = slice_bound(hi, items.size(), items.size());
  if (a >= b) return make_list();
  return make_list(std::vector<Ref>(items.begin() + static_cast<std::ptrdiff_t>(a),
                                    items.begin() + static_cast<std::ptrdiff_t>(b)));
}
// items[a:b] = the n items at `incoming` (copies the caller owns, taken
// before anything changed: the source may be the list itself). The
// replaced items are released after the list holds the new ones: a
// release may run code (a generator's finally) that looks at the list.
inline void replace_items(std::vector<Ref>& items, std::size_t a, std::size_t b, Ref* incoming, std::size_t n) {
  if (b - a == n) {  // same length, the common case: swap in place, release on return
    for (std::size_t i = 0; i < n; ++i) std::swap(items[a + i], incoming[i]);
    return;
  }
  std::vector<Ref> removed(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(a)),
                           std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(b)));
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(a), items.begin() + static_cast<std::ptrdiff_t>(b));
  items.insert(items.begin() + static_cast<std::ptrdiff_t>(a), std::make_move_iterator(incoming),
               std::make_move_iterator(incoming + n));
}
// list[lo:hi] = other[olo:ohi], both lists (possibly the same one),
// without making the right-hand list: the items are copied to the stack
// when few, else to a vector.
inline void list_assign_slice_of(Obj list, Obj lo, Obj hi, Obj other, Obj olo, Obj ohi) {
  const std::vector<Ref>& src = other.as<ListObj>()->items;
  const std::size_t c = slice_bound(olo, src.size(), 0);
  const std::size_t d = std::max(c, slice_bound(ohi, src.size(), src.size()));
  const std::size_t n = d - c;
  std::vector<Ref>& items = list.as<ListObj>()->items;
  const std::size_t a = slice_bound(lo, items.size(), 0);
  const std::size_t b = std::max(a, slice_bound(hi, items.size(), items.size()));
  constexpr std::size_t kOnStack = 32;
  if (n <= kOnStack && b - a == n) {  // same length (a rotation, a copy): raw words, no Ref array to destroy
    Obj held[kOnStack];
    for (std::size_t i = 0; i < n; ++i) {
      held[i] = src[c + i];
      incref(held[i]);
    }
    for (std::size_t i = 0; i < n; ++i) {  // now held[] has the items replaced...
      const Obj old = items[a + i].release();
      items[a + i] = Ref::steal(held[i]);
      held[i] = old;
    }
    for (std::size_t i = 0; i < n; ++i) decref(held[i]);  // ...released once the list is whole
    return;
  }
  if (n <= kOnStack) {
    Ref copy[kOnStack];
    for (std::size_t i = 0; i < n; ++i) copy[i] = src[c + i];
    return replace_items(items, a, b, copy, n);
  }
  std::vector<Ref> copy(src.begin() + static_cast<std::ptrdiff_t>(c), src.begin() + static_cast<std::ptrdiff_t>(d));
  replace_items(items, a, b, copy.data(), n);
}
// list[lo:hi] = other, `other` a list (possibly `list` itself).
inline void list_assign_slice(Obj list, Obj lo, Obj hi, Obj other) {
  list_assign_slice_of(list, lo, hi, other, Obj(), Obj());
}

inline F64 f64_of(const Ref& r) {
  if (!r) return {};
  return {float_value(r), true};
}

// The generic entry of a typed function checks what it is given (every
// call the generator sees is direct, so these only guard Invariant T).
enum class Kind : std::uint8_t { Int, Float, Bool, None, List, Tuple };
inline bool is_kind(Obj o, Kind k) {
  switch (k) {
    case Kind::Int: return o.is_small() || o.type() == &int_type;
    case Kind::Float: return !o.is_small() && o.type() == &float_type;
    case Kind::Bool: return o == True() || o == False();
    case Kind::None: return o == None();
    case Kind::List: return !o.is_small() && o.type() == &list_type;
    case Kind::Tuple: return !o.is_small() && o.type() == &tuple_type;
  }
  return false;
}
inline Ref bad_argument(const char* function) {
  return raise_format(&exc_SystemError, "%s() called with an argument of a type its typed entry does not take",
                      function);
}
inline F64 unreachable_end(const char* function) {
  raise_format(&exc_SystemError, "%s() ended without returning its float", function);
  return {};
}

}  // namespace typed
}  // namespace gen
