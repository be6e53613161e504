// The module type, the registry of provided modules, and import.
#include "gen/support/module.h"

#include <cstring>

#include "gen/support/internal.h"

namespace gen {

namespace {

struct ProvidedModule {
  const char* name;
  Ref (*make)();
};
constexpr ProvidedModule kProvided[] = {{"math", make_math_module}, {"sys", make_sys_module}};

// sys.modules for the provided ones: made on first import, kept for the
// program's life (modules are never freed, as CPython's until shutdown).
Ref& module_slot(std::size_t index) {
  static auto* slots = new Ref[sizeof kProvided / sizeof kProvided[0]];  // never destroyed, as the intern table
  return slots[index];
}

int provided_index(std::string_view name) {
  for (std::size_t i = 0; i < sizeof kProvided / sizeof kProvided[0]; ++i)
    if (name == kProvided[i].name) return static_cast<int>(i);
  return -1;
}

Obj module_by_index(int index) {
  Ref& slot = module_slot(static_cast<std::size_t>(index));
  if (!slot) {
    slot = kProvided[index].make();
    slot.get().header()->refcnt = kImmortal;
  }
  return slot;
}

Ref module_repr(Obj o) {
  return str_from("<module '" + std::string(str_view(o.as<ModuleObj>()->name)) + "' (built-in)>");
}

Ref module_getattr(Obj self, Obj name) {
  auto* m = self.as<ModuleObj>();
  if (Obj v = dict_get_str(m->dict, name)) return Ref::borrow(v);
  const std::string_view n = str_view(name);
  if (n == "__dict__") return Ref::borrow(m->dict);
  const std::string_view module = str_view(m->name);
  return raise_format(&exc_AttributeError, "module '%.*s' has no attribute '%.*s'", static_cast<int>(module.size()),
                      module.data(), static_cast<int>(n.size()), n.data());
}

bool module_setattr(Obj self, Obj name, Obj value) {
  auto* m = self.as<ModuleObj>();
  if (value) return dict_set(m->dict, name, value);
  if (dict_del(m->dict, name) > 0) return true;
  if (!error_pending()) {
    const std::string_view n = str_view(name);
    const std::string_view module = str_view(m->name);
    raise_format(&exc_AttributeError, "module '%.*s' has no attribute '%.*s'", static_cast<int>(module.size()),
                 module.data(), static_cast<int>(n.size()), n.data());
  }
  return false;
}

}  // namespace

TypeObj module_type = {.head = GEN_TYPE_HEAD, .name = "module", .base = &object_type,
    .destroy = [](Obj o) { o.as<ModuleObj>()->~ModuleObj(); }, .repr = module_repr, .hash = object_hash,
    .getattr = module_getattr, .setattr = module_setattr};

Ref make_module(const char* name) {
  Ref module = Ref::steal(Obj::of(make<ModuleObj>(&module_type, str_intern(name), make_dict())));
  module_set(module, "__name__", module.get().as<ModuleObj>()->name);
  return module;
}

void module_set(Obj module, const char* name, Obj value) {
  Ref key = str_intern(name);
  dict_set(module.as<ModuleObj>()->dict, key, value);
}

void module_add_functions(Obj module, const ModuleFunction* functions, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    Ref f = make_builtin(functions[i].name, functions[i].fn);
    module_set(module, functions[i].name, f);
  }
}

Ref import_module(Obj name) {
  const std::string_view n = str_view(name);
  const int index = provided_index(n);
  if (index < 0) {
    Ref message = str_from("No module named '" + std::string(n) + "'");
    Obj arg = message;
    Ref exc = make_exception(&exc_ModuleNotFoundError, &arg, 1);
    static Ref name_attr = str_intern("name");
    if (!setattr(exc, name_attr, name)) return Ref();
    return raise(exc);
  }
  return Ref::borrow(module_by_index(index));
}

Ref import_from(Obj module, Obj name) {
  auto* m = module.as<ModuleObj>();
  if (Obj v = dict_get_str(m->dict, name)) return Ref::borrow(v);
  const std::string_view n = str_view(name);
  const std::string_view module_name = str_view(m->name);
  Ref message = str_from("cannot import name '" + std::string(n) + "' from '" + std::string(module_name) +
                         "' (unknown location)");
  Obj arg = message;
  Ref exc = make_exception(&exc_ImportError, &arg, 1);
  static Ref name_attr = str_intern("name");
  if (!setattr(exc, name_attr, m->name)) return Ref();
  return raise(exc);
}

bool module_provided(std::string_view module) { return provided_index(module) >= 0; }

bool module_defines(std::string_view module, std::string_view attribute) {
  const int index = provided_index(module);
  if (index < 0) return false;
  Ref key = str_from(std::string(attribute));
  return static_cast<bool>(dict_get_str(module_by_index(index).as<ModuleObj>()->dict, key));
}

}  // namespace gen
