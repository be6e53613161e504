// Python's operations on dynamic values: what generated code calls where a
// type is not known, and what the typed paths fall back on. Each follows
// CPython's rules (reflected operands, NotImplemented, __eq__ defaulting to
// identity, messages) and the error protocol of error.h.
#pragma once

#include <cstdint>
#include <string>

#include "gen/support/objects.h"

namespace gen {

Ref repr(Obj o);
Ref str(Obj o);
std::string repr_utf8(Obj o);  // "" with an exception pending when repr raised
bool hash(Obj o, std::int64_t& out);
int truth(Obj o);  // 1, 0, -1 raised

Ref compare(Obj a, Obj b, CmpOp op);
int compare_bool(Obj a, Obj b, CmpOp op);  // the result's truth: 1, 0, -1
int equals(Obj a, Obj b);                  // identity first, as containers do
Ref binary(Obj a, Obj b, BinOp op);
Ref inplace(Obj a, Obj b, BinOp op);
Ref unary(Obj a, UnaryOp op);
const char* binop_symbol(BinOp op);

Ref getattr(Obj o, Obj name);  // name: an interned str
Ref getattr_or_missing(Obj o, Obj name, bool& missing);  // hasattr/getattr(o, n, default)
bool setattr(Obj o, Obj name, Obj value);
bool delattr(Obj o, Obj name);
// The attribute found on the type (its MRO), or empty; no error.
Obj type_lookup(TypeObj* type, Obj name);

Ref getitem(Obj o, Obj key);
bool setitem(Obj o, Obj key, Obj value);
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
