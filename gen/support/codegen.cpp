// Helpers only generated code calls (codegen.h).
#include "gen/support/codegen.h"

#include <cstdio>

#include "gen/support/internal.h"
#include "gen/support/unicode.h"

namespace gen {

Ref raise_unbound_local(const char* name) {
  return raise_format(&exc_UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value",
                      name);
}

Ref raise_unbound_free(const char* name) {
  return raise_format(&exc_NameError,
                      "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                      name);
}

Ref raise_name_error(const char* name) { return raise_format(&exc_NameError, "name '%s' is not defined", name); }

Ref ascii(Obj value) {
  Ref text = repr(value);
  if (!text) return text;
  const std::string_view s = str_view(text);
  if (text.get().as<StrObj>()->ascii) return text;
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = utf8_next(s, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
      continue;
    }
    char buf[16];
    if (cp < 0x100)
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
    else if (cp < 0x10000)
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
    else
      std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(cp));
    out += buf;
  }
  return str_from_ascii(out);
}

Ref format_field(Obj value, int conversion, Obj spec) {
  Ref converted;
  if (conversion == 'r')
    converted = repr(value);
  else if (conversion == 's')
    converted = str(value);
  else if (conversion == 'a')
    converted = ascii(value);
  else
    converted = Ref::borrow(value);
  if (!converted) return converted;
  // The common case: a str with no spec is itself.
  if (!spec && isinstance_exact(converted, &str_type)) return converted;
  return spec ? format(converted, spec) : format_utf8(converted, "");
}

bool merge_mapping(Obj dict, Obj mapping) {
  static const Ref keys = str_intern("keys");
  if (!is_dict(mapping) && !type_lookup(mapping.type(), keys)) {
    raise_format(&exc_TypeError, "'%s' object is not a mapping", type_name(mapping));
    return false;
  }
  return dict_update(dict, mapping);
}

bool set_extend(Obj set, Obj iterable) { return set_update(set, iterable); }

Ref with_enter(Obj manager, Ref& exit) {
  static const Ref enter_name = str_intern("__enter__");
  static const Ref exit_name = str_intern("__exit__");
  const bool has_enter = static_cast<bool>(type_lookup(manager.type(), enter_name));
  const bool has_exit = static_cast<bool>(type_lookup(manager.type(), exit_name));
  if (!has_enter)
    return raise_format(&exc_TypeError, "'%s' object does not support the context manager protocol",
                        type_name(manager));
  if (!has_exit)
    return raise_format(&exc_TypeError,
                        "'%s' object does not support the context manager protocol (missed __exit__ method)",
                        type_name(manager));
  exit = getattr(manager, exit_name);
  if (!exit) return Ref();
  return call_method(manager, enter_name, nullptr, 0);
}

int with_exit(Obj exit, Obj exc) {
  const Obj args[3] = {exc ? Obj::of(exc.type()) : None(), exc ? exc : None(), None()};
  Ref r = call(exit, args, 3);
  if (!r) return -1;
  return exc ? truth(r) : 0;
}

Ref raise_assertion(Obj message) {
  if (!message) return raise(Obj::of(&exc_AssertionError));
  Ref exc = make_exception(&exc_AssertionError, &message, 1);
  if (!exc) return exc;
  return raise(exc);
}

}  // namespace gen
