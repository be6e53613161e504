// Types: what every heap object's Header::type points at. A builtin type is
// a static TypeObj whose slots are C++ functions; a class a program defines
// is a TypeObj made at run time whose slots look the dunder methods up in
// its dict (gen/support/class.cpp). Type objects are objects too (of type
// `type`), so classes are values, as in Python.
//
// A TypeObj is written with designated initializers naming only the slots
// it has; every other slot defaults to null (not supported / inherited).
//
// Slot conventions (as CPython's): a slot returning Ref returns an empty
// Ref when it raised; `compare` and `binop` return NotImplemented when
// they do not handle the operands; `next` returns an empty Ref with
// nothing pending when the iterator is exhausted; int results are -1 when
// raised. A null slot means "not supported" (TypeError from the caller).
#pragma once

#include <cstdint>

#include "gen/support/object.h"

namespace gen {

enum class BinOp : std::uint8_t { Add, Sub, Mul, MatMul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, And, Xor, Or };
inline constexpr int kBinOpCount = 13;
enum class CmpOp : std::uint8_t { Lt, Le, Eq, Ne, Gt, Ge };
enum class UnaryOp : std::uint8_t { Neg, Pos, Invert };

// Calls: vectorcall. `args` holds nargs positional values, then one value
// per keyword named in `kwnames` (a tuple of str, or no value).
using CallFn = Ref (*)(Obj callable, const Obj* args, std::size_t nargs, Obj kwnames);

enum TypeFlags : std::uint32_t {
  kTypeBaseType = 1u << 0,   // a class may derive from it
  kTypeUser = 1u << 1,       // made by a class statement (heap allocated)
  kTypeException = 1u << 2,  // BaseException or derived: instances are ExceptionObj
  kTypeHasDict = 1u << 3,    // instances carry an attribute dict (InstanceObj::dict)
};

struct TypeObj {
  Header head;
  const char* name = nullptr;  // __name__ (user types: owned by `name_ref`)
  TypeObj* base = nullptr;  // the single base class; null for object
  std::uint32_t flags = 0;
  void (*destroy)(Obj self) = nullptr;  // releases what it holds; the memory is freed after
  Ref (*repr)(Obj self) = nullptr;
  Ref (*str)(Obj self) = nullptr;  // null: repr
  bool (*hash)(Obj self, std::int64_t& out) = nullptr;  // null: unhashable; false: raised
  Ref (*compare)(Obj a, Obj b, CmpOp op) = nullptr;  // null: identity for == and !=, else NotImplemented
  int (*truth)(Obj self) = nullptr;  // null: len() != 0, or true
  std::int64_t (*len)(Obj self) = nullptr;
  Ref (*iter)(Obj self) = nullptr;
  Ref (*next)(Obj self) = nullptr;
  Ref (*getitem)(Obj self, Obj key) = nullptr;
  bool (*setitem)(Obj self, Obj key, Obj value) = nullptr;  // value empty: del self[key]
  int (*contains)(Obj self, Obj value) = nullptr;  // null: iterate
  CallFn call = nullptr;
  Ref (*binop)(Obj a, Obj b, BinOp op) = nullptr;  // tried as a's then as b's (b's reflected)
  Ref (*inplace)(Obj a, Obj b, BinOp op) = nullptr;  // null or NotImplemented: binop
  Ref (*unary)(Obj self, UnaryOp op) = nullptr;
  Ref (*getattr)(Obj self, Obj name) = nullptr;  // null: the generic lookup
  bool (*setattr)(Obj self, Obj name, Obj value) = nullptr;  // null: the generic one (value empty: delete)
  CallFn construct = nullptr;  // type(...) ; args exclude the type
  Ref dict{};  // class attributes: str -> value
  Ref name_ref{};  // user types: the str behind `name`
  Ref qualname{};  // user types: __qualname__ (str)
};

extern TypeObj type_type, object_type, none_type, bool_type, float_type, str_type, bytes_type, list_type,
    tuple_type, dict_type, set_type, frozenset_type, range_type, slice_type, function_type, builtin_function_type,
    method_type, cell_type, property_type, staticmethod_type, classmethod_type, notimplemented_type, ellipsis_type,
    super_type;

bool is_subtype(const TypeObj* t, const TypeObj* base);
inline bool isinstance_exact(Obj o, const TypeObj* t) { return o.type() == t; }
inline bool isinstance(Obj o, const TypeObj* t) { return is_subtype(o.type(), t); }
inline bool is_type(Obj o) { return !o.is_small() && is_subtype(o.type(), &type_type); }

// The immortal singletons.
struct SingletonObj {
  Header head;
};
extern SingletonObj none_obj, notimplemented_obj, ellipsis_obj;
struct BoolObj {
  Header head;
};
extern BoolObj true_obj, false_obj;

inline Obj None() { return Obj::of(&none_obj); }
inline Obj NotImplemented() { return Obj::of(&notimplemented_obj); }
inline Obj Ellipsis() { return Obj::of(&ellipsis_obj); }
inline Obj True() { return Obj::of(&true_obj); }
inline Obj False() { return Obj::of(&false_obj); }
inline Obj Bool(bool b) { return b ? True() : False(); }
inline Ref new_ref(Obj o) { return Ref::borrow(o); }

// Every type's immortal header.
#define GEN_TYPE_HEAD \
  { kImmortal, &::gen::type_type }

}  // namespace gen
