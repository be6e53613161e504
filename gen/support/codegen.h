// What only generated code calls: reading and writing variables of each
// kind scope analysis gives (gen/compiler/scope.h), with CPython's errors
// for unbound names, and the small steps statements lower to.
#pragma once

#include <string>
#include <string_view>

#include "gen/support/ops.h"

namespace gen {

// UnboundLocalError / NameError, as CPython 3.11 words them.
Ref raise_unbound_local(const char* name);
Ref raise_unbound_free(const char* name);
Ref raise_name_error(const char* name);

// A module variable read: its value, else the builtin of that name (no
// value when there is none), else NameError.
inline Ref load_global(const Ref& slot, Obj builtin, const char* name) {
  if (slot) return slot;
  if (builtin) return Ref::borrow(builtin);
  return raise_name_error(name);
}
// A name read in a class body: the namespace, then as a global.
inline Ref load_class_name(Obj ns, Obj name, const Ref& global, Obj builtin, const char* text) {
  if (Obj v = dict_get_str(ns, name)) return Ref::borrow(v);
  return load_global(global, builtin, text);
}

// Cells (CellObj): a variable shared with nested functions.
inline Obj cell_value(Obj cell) { return cell.as<CellObj>()->value.get(); }
inline void cell_set(Obj cell, Ref value) { cell.as<CellObj>()->value = std::move(value); }
inline const Ref* closure_cells(Obj function) { return tuple_items(function.as<FunctionObj>()->closure).data(); }

// f-string replacement fields: conversion 'r', 's', 'a' or 0, then format().
Ref format_field(Obj value, int conversion, Obj spec);
Ref ascii(Obj value);

// `**mapping` in a call or a dict display.
bool merge_mapping(Obj dict, Obj mapping);
// `*iterable` in a set display.
bool set_extend(Obj set, Obj iterable);

// `with`: the manager's bound __exit__ into `exit`, then __enter__()'s
// result (TypeError as CPython 3.11 words it when the protocol is missing).
Ref with_enter(Obj manager, Ref& exit);
// exit(type(exc), exc, None), or exit(None, None, None) when `exc` is
// empty: 1 the exception is suppressed, 0 it is not, -1 __exit__ raised.
int with_exit(Obj exit, Obj exc);

// `assert test, message`: raises AssertionError (message may be empty).
Ref raise_assertion(Obj message);

}  // namespace gen
