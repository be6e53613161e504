// Modules: the standard-library modules gen provides natively (math, sys),
// each made on its first import and then shared, as CPython's sys.modules.
//
// A module is a namespace (its dict, in definition order) with a name.
// Generated code imports with import_module (`import m`) and import_from
// (`from m import x`); the generator asks module_defines at compile time so
// that using a name gen lacks stops the build instead of failing later.
#pragma once

#include <cstddef>
#include <string_view>

#include "gen/support/object.h"
#include "gen/support/objects.h"
#include "gen/support/type.h"

namespace gen {

struct ModuleObj {
  Header head;
  Ref name = {};  // str
  Ref dict = {};  // str -> value; holds __name__ too
};
extern TypeObj module_type;

// `import name`: the module, made on first use; ModuleNotFoundError("No
// module named 'name'") for one gen does not provide.
Ref import_module(Obj name);
// `from module import name`: ImportError("cannot import name ...") when
// the module has no such attribute.
Ref import_from(Obj module, Obj name);

// Compile time: whether gen provides the module, and whether it defines
// the attribute.
bool module_provided(std::string_view module);
bool module_defines(std::string_view module, std::string_view attribute);

// For module definitions (math_module.cpp, sys_module.cpp).
struct ModuleFunction {
  const char* name;
  NativeFn fn;
};
Ref make_module(const char* name);
void module_set(Obj module, const char* name, Obj value);
void module_add_functions(Obj module, const ModuleFunction* functions, std::size_t count);
template <std::size_t N>
void module_add_functions(Obj module, const ModuleFunction (&functions)[N]) {
  module_add_functions(module, functions, N);
}

// Each provided module's constructor (called once, by import_module).
Ref make_math_module();
Ref make_sys_module();

}  // namespace gen
