// The builtins generated code calls directly (when a name is known to be
// the builtin) and as values (builtin_object: print passed to map, ...).
#pragma once

#include <string_view>

#include "gen/support/ops.h"

namespace gen {

// The builtin (type, function or constant) called `name`, or no value.
Obj builtin_object(std::string_view name);
NativeFn builtin_function(std::string_view name);

Ref builtin_abs(Obj x);
Ref builtin_add(Obj a, Obj b);  // a + b with the small-int fast path
Ref builtin_divmod(Obj a, Obj b);
Ref builtin_pow(Obj base, Obj exp, Obj mod);  // mod: no value for pow(a, b)
Ref builtin_round(Obj number, Obj ndigits);   // ndigits: no value for round(x)
int builtin_isinstance(Obj o, Obj classes);   // -1 raised

Ref int_from_string(Obj text, int base);  // int(text, base): base 0 or 2..36
bool parse_float(std::string_view text, double& out);

// Classes and super() (class.cpp).
Ref make_class(const char* name, const char* qualname, Obj base, Obj namespace_dict);
Ref make_super(Obj klass, Obj self);

}  // namespace gen
