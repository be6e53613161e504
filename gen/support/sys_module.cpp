// `import sys`: what programs commonly use of it. The generator stops the
// build on any other attribute of CPython's sys (compiler/modules.cpp).
#include <cstdint>
#include <string>
#include <vector>

#include "gen/support/file.h"
#include "gen/support/internal.h"
#include "gen/support/module.h"
#include "gen/support/runtime.h"

namespace gen {

namespace {

std::vector<std::string>& program_arguments() {
  static std::vector<std::string> args;
  return args;
}

// The Python version generated programs follow (their semantics are
// 3.11's; the micro release is not meaningful here).
constexpr int kMajor = 3, kMinor = 11, kMicro = 0;

// sys.version_info: a tuple with named fields (CPython's struct sequence).
const char* const kVersionFields[] = {"major", "minor", "micro", "releaselevel", "serial"};

Ref version_info_repr(Obj o) {
  const auto& items = tuple_items(o);
  std::string s = "sys.version_info(";
  for (std::size_t i = 0; i < items.size(); ++i) {
    Ref r = repr(items[i]);
    if (!r) return r;
    s += i ? ", " : "";
    s += kVersionFields[i];
    s += "=";
    s += str_view(r);
  }
  return str_from(s + ")");
}

Ref version_info_getattr(Obj self, Obj name) {
  const std::string_view n = str_view(name);
  for (std::size_t i = 0; i < 5; ++i)
    if (n == kVersionFields[i]) return Ref::borrow(tuple_items(self)[i]);
  bool missing = false;
  Ref r = generic_getattr(self, name, missing);
  if (missing)
    return raise_format(&exc_AttributeError, "'sys.version_info' object has no attribute '%.*s'",
                        static_cast<int>(n.size()), n.data());
  return r;
}

TypeObj version_info_type = {.head = GEN_TYPE_HEAD, .name = "sys.version_info", .base = &tuple_type,
    .destroy = [](Obj o) { o.as<TupleObj>()->~TupleObj(); }, .repr = version_info_repr,
    .getattr = version_info_getattr};

Ref make_version_info() {
  std::vector<Ref> items = {int_from(kMajor), int_from(kMinor), int_from(kMicro), str_intern("final"), int_from(0)};
  return Ref::steal(Obj::of(make<TupleObj>(&version_info_type, std::int64_t{-1}, std::move(items))));
}

// exit([status]): raises SystemExit(status).
Ref f_exit(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("exit", kwnames)) return Ref();
  if (nargs > 1) return raise_format(&exc_TypeError, "exit expected at most 1 argument, got %zu", nargs);
  Ref exc = make_exception(&exc_SystemExit, args, nargs);
  return raise(exc);
}

Ref f_getrecursionlimit(Obj, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("getrecursionlimit", kwnames)) return Ref();
  if (nargs != 0)
    return raise_format(&exc_TypeError, "sys.getrecursionlimit() takes no arguments (%zu given)", nargs);
  return int_from(recursion_limit);
}

Ref f_setrecursionlimit(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("setrecursionlimit", kwnames)) return Ref();
  if (nargs != 1)
    return raise_format(&exc_TypeError, "setrecursionlimit() takes exactly one argument (%zu given)", nargs);
  if (!is_int(args[0]))
    return raise_format(&exc_TypeError, "'%s' object cannot be interpreted as an integer", type_name(args[0]));
  std::int64_t limit = 0;
  if (!int_to_int64(args[0], limit) || limit > (1 << 30))
    return raise_message(&exc_OverflowError, "Python int too large to convert to C int");
  if (limit < 1) return raise_message(&exc_ValueError, "recursion limit must be greater or equal than 1");
  if (limit <= call_depth)
    return raise_format(&exc_RecursionError,
                        "cannot set the recursion limit to %lld at the recursion depth %d: the limit is too low",
                        static_cast<long long>(limit), call_depth);
  recursion_limit = static_cast<int>(limit);
  return new_ref(None());
}

// exc_info(): (type, value, traceback) of the exception being handled;
// the traceback object is not modelled (None).
Ref f_exc_info(Obj, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("exc_info", kwnames)) return Ref();
  if (nargs != 0) return raise_format(&exc_TypeError, "sys.exc_info() takes no arguments (%zu given)", nargs);
  Obj exc = exception_being_handled();
  if (exc == None()) return tuple_of({None(), None(), None()});
  return tuple_of({Obj::of(exc.type()), exc, None()});
}

Ref f_intern(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("intern", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "intern() takes exactly one argument (%zu given)", nargs);
  if (!isinstance_exact(args[0], &str_type))
    return raise_format(&exc_TypeError, "intern() argument must be str, not %s", type_name(args[0]));
  return str_intern(str_view(args[0]));
}

Ref f_get_int_max_str_digits(Obj, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("get_int_max_str_digits", kwnames)) return Ref();
  if (nargs != 0)
    return raise_format(&exc_TypeError, "sys.get_int_max_str_digits() takes no arguments (%zu given)", nargs);
  return int_from(int_max_str_digits);
}

Ref f_set_int_max_str_digits(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("set_int_max_str_digits", args, nargs, kwnames, {"maxdigits"}, 1, a)) return Ref();
  std::int64_t n = 0;
  if (!index_value(a[0], n)) return Ref();
  if (n != 0 && n < 640) return raise_message(&exc_ValueError, "maxdigits must be 0 or larger than 640");
  int_max_str_digits = n > (1 << 30) ? (1 << 30) : static_cast<int>(n);
  return new_ref(None());
}

constexpr ModuleFunction kSysFunctions[] = {
    {"get_int_max_str_digits", f_get_int_max_str_digits}, {"set_int_max_str_digits", f_set_int_max_str_digits},
    {"exit", f_exit},     {"getrecursionlimit", f_getrecursionlimit}, {"setrecursionlimit", f_setrecursionlimit},
    {"exc_info", f_exc_info}, {"intern", f_intern},
};

// The platform the program was built for: a fact of the target compiler.
const char* platform_name() {
#if defined(__EMSCRIPTEN__)
  return "emscripten";
#elif defined(__wasi__)
  return "wasi";
#elif defined(__APPLE__)
  return "darwin";
#elif defined(_WIN32)
  return "win32";
#else
  return "linux";
#endif
}

}  // namespace

void set_program_arguments(int argc, char** argv) {
  auto& args = program_arguments();
  args.assign(argv, argv + argc);
}

Ref make_sys_module() {
  Ref m = make_module("sys");
  module_add_functions(m, kSysFunctions);
  Ref argv = make_list();
  for (const std::string& a : program_arguments()) list_append(argv, str_from(a));
  if (program_arguments().empty()) list_append(argv, str_from(std::string("")));
  module_set(m, "argv", argv);
  module_set(m, "stdin", std_stream(StdStream::In));
  module_set(m, "stdout", std_stream(StdStream::Out));
  module_set(m, "stderr", std_stream(StdStream::Err));
  module_set(m, "__stdin__", std_stream(StdStream::In));
  module_set(m, "__stdout__", std_stream(StdStream::Out));
  module_set(m, "__stderr__", std_stream(StdStream::Err));
  module_set(m, "maxsize", int_from(INT64_MAX));
  module_set(m, "maxunicode", int_from(0x10FFFF));
  module_set(m, "byteorder", str_intern("little"));
  module_set(m, "platform", str_intern(platform_name()));
  module_set(m, "version_info", make_version_info());
  module_set(m, "hexversion", int_from((kMajor << 24) | (kMinor << 16) | (kMicro << 8) | 0xF0));
  module_set(m, "version", str_intern("3.11.0 (Portalis gen)"));
  return m;
}

}  // namespace gen
