// Declarations shared by the support library's files and not meant for
// generated code (which includes runtime.h).
#pragma once

#include <string>

#include "gen/support/builtins.h"
#include "gen/support/ops.h"
#include "gen/support/unicode.h"

namespace gen {

// Whether `op` holds between two values whose three-way comparison is c.
inline bool order_holds(int c, CmpOp op) { return comparison_holds(op, c < 0, c == 0, c > 0); }

// Calls fn(self, *args, **kwargs) (a method without a bound-method object).
Ref call_with_self(Obj fn, Obj self, const Obj* args, std::size_t nargs, Obj kwnames);
// `value in container` by iterating it (containers without __contains__).
int contains_by_iteration(Obj container, Obj value);

// object
bool object_hash(Obj o, std::int64_t& out);  // identity
Ref object_repr_default(Obj o);
Ref self_iter_slot(Obj o);

// numbers
Ref int_binop(Obj a, Obj b, BinOp op);
Ref float_binop(Obj a, Obj b, BinOp op);
Ref int_true_divide(Obj a, Obj b);
Ref float_pow(double x, double y);
// x ** y for floats into `out`; false with the error raised.
bool float_pow_value(double x, double y, double& out);
bool float_floor_divmod(double x, double y, double& q, double& m);
std::int64_t float_hash_value(double v);
bool as_double(Obj o, double& out, bool& ok_type);  // int, bool or float

// str
std::size_t str_offset(const StrObj* s, std::size_t index);
std::string str_repr_utf8(std::string_view text);
// One byte as str and bytes reprs write it: the quote and backslash
// escaped, \t \n \r, \xhh for control characters and bytes >= 0x7f.
void append_ascii_escaped(std::string& out, unsigned char c, char quote);
Ref str_from_code_points(const std::u32string& cps);
Ref str_char_at(Obj s, std::int64_t i);

// The generic attribute lookup (instance dict, then the type's); sets
// `missing` instead of raising AttributeError.
Ref generic_getattr(Obj o, Obj name, bool& missing);

// The thread's "exception being handled" (HandlingScope's stack top);
// generators swap it around their bodies (generator.cpp).
Ref& handled_exception_slot();

// A builtin type's dunder method as a bound attribute (`[].__len__`), or
// empty with nothing raised when the type has no such slot.
Ref slot_wrapper(Obj o, Obj name);
Ref slot_wrapper_unbound(TypeObj* type, Obj name);  // int.__add__

void init_generator_type();
// Any type's dict changed: invalidates every cached type_lookup (class.cpp,
// Invariant C). Call it with the change made, before the next lookup.
void types_changed();
void init_file_types();
void init_number_methods();  // number_methods.cpp
extern TypeObj dict_keys_type, dict_values_type, dict_items_type;
bool is_dict_view(Obj o);
void init_range_methods();  // iter.cpp
void init_slice_methods();  // iter.cpp
void init_bytes_methods();  // bytes.cpp
void set_program_arguments(int argc, char** argv);  // sys_module.cpp
Ref b_open(Obj, const Obj* args, std::size_t nargs, Obj kwnames);  // file.cpp

// Native functions' arguments: positional then keywords into out[0..n);
// absent optional ones stay empty. `name` is the function's for messages.
bool parse_args(const char* name, const Obj* args, std::size_t nargs, Obj kwnames,
                std::initializer_list<const char*> names, std::size_t required, Obj* out);
bool no_keywords(const char* name, Obj kwnames);

// Method tables of builtin types, installed into the type's dict at start.
struct MethodDef {
  const char* name;
  NativeFn fn;
};
void add_methods(TypeObj* type, const MethodDef* methods, std::size_t count);
template <std::size_t N>
void add_methods(TypeObj* type, const MethodDef (&methods)[N]) {
  add_methods(type, methods, N);
}

bool dict_update(Obj self, Obj other);
bool set_update(Obj set, Obj other);
Ref int_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);

// Sequence helpers shared by list and tuple.
Ref sequence_repr(const std::vector<Ref>& items, const char* open, const char* close, bool one_comma);
int sequence_compare(const std::vector<Ref>& a, const std::vector<Ref>& b, CmpOp op);  // -1 raised

}  // namespace gen
