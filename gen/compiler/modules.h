// What an import may name: a module gen provides (gen/support/module.h), a
// standard-library or local module it does not (the build stops), or a
// module that does not exist (ModuleNotFoundError at run time, as CPython).
#pragma once

#include <string>
#include <string_view>

namespace gen::compiler {

enum class ModuleStatus { Provided, Unsupported, Missing };

// `dotted`: the name as imported ("math", "os.path"). `program_dir`: where
// the program is (a module file beside it would be imported by CPython).
ModuleStatus module_status(std::string_view dotted, const std::string& program_dir);

// A name CPython's `module` defines and gen's does not.
bool attribute_unsupported(std::string_view module, std::string_view attribute);

}  // namespace gen::compiler
