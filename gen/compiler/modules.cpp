#include "gen/compiler/modules.h"

#include <sys/stat.h>

#include "gen/support/module.h"

namespace gen::compiler {

namespace {

#include "gen/compiler/module_names.inc"

template <std::size_t N>
bool listed(const std::string_view (&names)[N], std::string_view name) {
  for (std::string_view n : names)
    if (n == name) return true;
  return false;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

ModuleStatus module_status(std::string_view dotted, const std::string& program_dir) {
  const std::string_view top = dotted.substr(0, dotted.find('.'));
  const std::string local = (program_dir.empty() ? std::string(".") : program_dir) + "/" + std::string(top);
  if (exists(local + ".py") || exists(local + "/__init__.py") || exists(local)) return ModuleStatus::Unsupported;
  if (gen::module_provided(top)) return top == dotted ? ModuleStatus::Provided : ModuleStatus::Unsupported;
  if (listed(kStdlibModules, top)) return ModuleStatus::Unsupported;
  return ModuleStatus::Missing;
}

bool attribute_unsupported(std::string_view module, std::string_view attribute) {
  if (gen::module_defines(module, attribute)) return false;
  if (module == "math") return listed(kMathNames, attribute);
  if (module == "sys") return listed(kSysNames, attribute);
  return false;
}

}  // namespace gen::compiler
