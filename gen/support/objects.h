// The layouts of the builtin types' objects and the constructors generated
// code and the support library use. Each struct starts with a Header and is
// built in place by make<T>(type, ...); its type's `destroy` slot runs ~T()
// when the count reaches zero.
#pragma once

#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gen/support/bigint.h"
#include "gen/support/error.h"
#include "gen/support/object.h"
#include "gen/support/type.h"

namespace gen {

template <class T, class... A>
T* make(TypeObj* type, A&&... fields) {
  void* memory = allocate(type, sizeof(T));
  Header head = *static_cast<Header*>(memory);
  return new (memory) T{head, std::forward<A>(fields)...};
}

// --- int, float ---
struct BigIntObj {  // an int outside the small range (Invariant I)
  Header head;
  BigInt value;
};
struct FloatObj {
  Header head;
  double value;
};
Ref int_from_beyond_small(std::int64_t v);  // a BigIntObj: v outside the small range
// Inline: range loops and len() make one per step.
inline Ref int_from(std::int64_t v) {
  if (Obj::fits_small(v)) return Ref::steal(Obj::small(v));
  return int_from_beyond_small(v);
}
Ref int_from_big(BigInt v);  // small when it fits (Invariant I)
// Floats are made and dropped at every arithmetic step: freed ones are
// kept for reuse (dealloc pushes, float_from pops), as CPython's float
// free list. Per thread, so no lock is needed; at most kFloatFreeMax kept.
struct FloatFreeList {
  static constexpr int kFloatFreeMax = 256;
  FloatObj* head = nullptr;  // linked through the (dead) objects' type field
  int count = 0;
};
extern thread_local FloatFreeList float_free_list;
inline Ref float_from(double v) {
  FloatFreeList& list = float_free_list;
  if (FloatObj* f = list.head) {
    list.head = reinterpret_cast<FloatObj*>(f->head.type);
    --list.count;
    f->head.refcnt = 1;
    f->head.type = &float_type;
    f->value = v;
    return Ref::steal(Obj::of(f));
  }
  return Ref::steal(Obj::of(make<FloatObj>(&float_type, v)));
}
inline bool is_int(Obj o) { return o.is_small() || isinstance(o, &int_type); }  // bool included
inline bool is_float(Obj o) { return !o.is_small() && o.header()->type == &float_type; }
// g++ 12 inlines this into paths where `o` is a static singleton (None) and
// warns that a FloatObj would not fit, though a type test guards every such
// read: the warning is silenced here, for this read only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif
inline double float_value(Obj o) { return o.as<FloatObj>()->value; }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
BigInt int_to_big(Obj o);  // o is an int (or bool)
// CPython 3.11's limit on decimal (non-power-of-two base) int <-> str
// conversions (sys.set_int_max_str_digits; 0: none). int_decimal is the
// checked conversion: empty with ValueError past the limit.
inline int int_max_str_digits = 4300;
Ref int_decimal(const BigInt& v);
bool int_digits_allowed(std::size_t digits);  // false: ValueError raised
// An int or bool that fits int64: true and the value; false when it is big.
bool int_to_int64(Obj o, std::int64_t& out);
// Python's float(x) of an int; false (OverflowError raised) when too large.
bool int_to_double(Obj o, double& out);

// --- str ---
// UTF-8 text (surrogates as WTF-8), its length in code points and whether
// it is ASCII (then byte i is code point i). `hash` is -1 until computed.
struct StrObj {
  Header head;
  std::int64_t hash;
  std::size_t length;  // code points
  std::size_t size;    // bytes
  bool ascii;
  char data[1];  // size bytes, then a NUL
  std::string_view view() const { return {data, size}; }
};
Ref str_from(std::string_view utf8);
Ref str_from_ascii(std::string_view ascii);  // known ASCII: no scan
Ref str_intern(std::string_view utf8);       // immortal and unique: names, constants
inline bool is_str(Obj o) { return !o.is_small() && isinstance(o, &str_type); }
inline std::string_view str_view(Obj o) { return o.as<StrObj>()->view(); }
bool str_equal(Obj a, Obj b);
std::int64_t str_hash(Obj s);

struct BytesObj {
  Header head;
  std::int64_t hash;
  std::string data;
};
Ref bytes_from(std::string_view data);

// --- containers ---
struct ListObj {
  Header head;
  std::vector<Ref> items;
};
struct TupleObj {
  Header head;
  std::int64_t hash;  // unused (tuples hash on demand); keeps layout plain
  std::vector<Ref> items;
};
Ref make_list(std::vector<Ref> items = {});
Ref make_tuple(std::vector<Ref> items);
Ref tuple_of(std::initializer_list<Obj> items);
Obj empty_tuple();
inline bool is_list(Obj o) { return !o.is_small() && isinstance(o, &list_type); }
inline bool is_tuple(Obj o) { return !o.is_small() && isinstance(o, &tuple_type); }
inline std::vector<Ref>& list_items(Obj o) { return o.as<ListObj>()->items; }
inline const std::vector<Ref>& tuple_items(Obj o) { return o.as<TupleObj>()->items; }
bool list_append(Obj list, Obj value);

// dict: insertion ordered. `entries` in insertion order (deleted ones keep
// their place with an empty key until the next resize); `index` maps hash
// slots to entry numbers (kEmptySlot, kDeletedSlot), open addressing with
// CPython's perturbation probe.
struct DictEntry {
  std::int64_t hash;
  Ref key;
  Ref value;
};
struct DictObj {
  Header head;
  std::vector<DictEntry> entries;
  std::vector<std::int32_t> index;  // a power of two in size, or empty
  std::size_t used;                 // live entries
  // Bit (hash & 63) is set for every key inserted since the dict was last
  // cleared (deletions leave it): a clear bit proves a key absent without
  // probing (attribute sites' method check, class.cpp).
  std::uint64_t key_filter = 0;
};
inline std::uint64_t dict_filter_bit(std::int64_t hash) { return std::uint64_t{1} << (static_cast<std::uint64_t>(hash) & 63); }
Ref make_dict();
inline bool is_dict(Obj o) { return !o.is_small() && isinstance(o, &dict_type); }
// Lookups: an empty Ref with nothing pending when absent; -1/false raised.
Ref dict_get(Obj dict, Obj key);
Obj dict_get_str(Obj dict, Obj key);  // borrowed; key a str; no errors possible
bool dict_set(Obj dict, Obj key, Obj value);
int dict_del(Obj dict, Obj key);  // 1 deleted, 0 absent, -1 raised
std::size_t dict_size(Obj dict);

// set / frozenset: CPython's table layout and probe sequence, so iteration
// order (which programs print) is CPython's.
struct SetEntry {
  std::int64_t hash;
  Ref key;  // empty: unused (hash 0) or deleted (hash -1)
};
struct SetObj {
  Header head;
  std::vector<SetEntry> table;  // a power of two in size (8 to start)
  std::size_t fill;             // used + deleted
  std::size_t used;
  std::int64_t hash;  // frozenset: -1 until computed
  std::size_t finger;  // where pop() looks next
};
Ref make_set(TypeObj* type = &set_type);
bool set_add(Obj set, Obj key);
int set_contains(Obj set, Obj key);
int set_discard(Obj set, Obj key);
inline bool is_anyset(Obj o) { return !o.is_small() && (isinstance(o, &set_type) || isinstance(o, &frozenset_type)); }

struct RangeObj {
  Header head;
  std::int64_t start, stop, step, length;
};
Ref make_range(std::int64_t start, std::int64_t stop, std::int64_t step);
struct SliceObj {
  Header head;
  Ref start, stop, step;
};
Ref make_slice(Obj start, Obj stop, Obj step);
// Resolves a slice against a length (Python's slice.indices): false raised.
bool slice_indices(Obj slice, std::int64_t length, std::int64_t& start, std::int64_t& stop, std::int64_t& step,
                   std::int64_t& count);

// --- functions ---
struct CellObj {
  Header head;
  Ref value;  // empty: unbound
};
Ref make_cell(Obj value = Obj());

// A function a program defines. `entry` takes the parameters bound to the
// signature's slots (positional, *args tuple, keyword-only, **kwargs dict).
struct CodeInfo {
  const char* name;
  const char* qualname;
  const FrameInfo* frame;
  std::uint16_t positional;  // including positional-only
  std::uint16_t positional_only;
  std::uint16_t keyword_only;
  bool varargs;
  bool varkw;
  const char* const* param_names;  // positional, then keyword-only, then *args, **kwargs
  Ref (*entry)(Obj function, Obj* params);
};
struct FunctionObj {
  Header head;
  const CodeInfo* code;
  Ref defaults;    // tuple of the last positional parameters' defaults, or empty
  Ref kwdefaults;  // dict, or empty
  Ref closure;     // tuple of cells, or empty
  Ref dict;        // attributes set on the function
  Ref name;        // __name__ (str)
};
Ref make_function(const CodeInfo* code, Obj defaults, Obj kwdefaults, Obj closure);
// Binds a call's arguments to a function's slots (CPython's messages for
// missing, unexpected and repeated ones). `out` has room for every slot.
bool bind_arguments(const FunctionObj* f, const Obj* args, std::size_t nargs, Obj kwnames, Ref* out);

using NativeFn = Ref (*)(Obj self, const Obj* args, std::size_t nargs, Obj kwnames);
struct BuiltinFunctionObj {
  Header head;
  const char* name;
  NativeFn fn;
  Ref self;  // bound receiver (a method of a builtin type), or empty
  const TypeObj* owner = nullptr;  // a method in a builtin type's dict: called unbound, args[0] is self
};
Ref make_builtin(const char* name, NativeFn fn, Obj self = Obj());
struct MethodObj {  // a function bound to an instance
  Header head;
  Ref function;
  Ref self;
};
Ref make_method(Obj function, Obj self);

struct PropertyObj {
  Header head;
  Ref getter, setter, deleter;
};
struct WrapperObj {  // staticmethod, classmethod
  Header head;
  Ref function;
};

// --- instances of classes a program defines ---
struct InstanceObj {
  Header head;
  Ref dict;
};

}  // namespace gen
