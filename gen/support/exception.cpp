// The exception slot, the builtin exception classes, raising, and the
// traceback CPython prints for an uncaught exception (error.h's protocol).
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

#include "gen/support/file.h"
#include "gen/support/io.h"
#include "gen/support/ops.h"

namespace gen {

namespace {

thread_local Ref pending;          // step 1: the exception raised and not yet handled
thread_local Ref being_handled;    // the innermost except clause's exception

void exception_destroy(Obj o) { o.as<ExceptionObj>()->~ExceptionObj(); }

// str(exc): '' for no arguments, str(arg) for one, str(args) for more.
Ref exception_str(Obj o) {
  Obj args = o.as<ExceptionObj>()->args;
  const auto& items = tuple_items(args);
  if (items.empty()) return str_intern("");
  if (items.size() == 1) return str(items[0]);
  return str(args);
}

// KeyError quotes its key: str(KeyError('k')) is "'k'".
Ref key_error_str(Obj o) {
  Obj args = o.as<ExceptionObj>()->args;
  const auto& items = tuple_items(args);
  if (items.size() == 1) return repr(items[0]);
  return exception_str(o);
}

Ref exception_repr(Obj o) {
  Obj args = o.as<ExceptionObj>()->args;
  const auto& items = tuple_items(args);
  std::string s = o.type()->name;
  if (items.size() == 1) {
    Ref r = repr(items[0]);
    if (!r) return r;
    s += "(";
    s += str_view(r);
    s += ")";
  } else {
    Ref r = repr(args);
    if (!r) return r;
    s += str_view(r);
  }
  return str_from(s);
}

// OSError(errno, strerror[, filename]): "[Errno 2] No such file or directory: 'x'".
Ref os_error_str(Obj o) {
  auto* e = o.as<ExceptionObj>();
  const auto& items = tuple_items(e->args);
  if (items.size() >= 2) {
    Ref code = str(items[0]);
    Ref text = str(items[1]);
    if (!code || !text) return Ref();
    std::string s = "[Errno ";
    s += str_view(code);
    s += "] ";
    s += str_view(text);
    if (items.size() >= 3) {
      Ref name = repr(items[2]);
      if (!name) return name;
      s += ": ";
      s += str_view(name);
    }
    return str_from(s);
  }
  return exception_str(o);
}

Ref exception_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (kwnames && !tuple_items(kwnames).empty())
    return raise_format(&exc_TypeError, "%s() takes no keyword arguments", type.as<TypeObj>()->name);
  return make_exception(type.as<TypeObj>(), args, nargs);
}

Ref exception_getattr(Obj self, Obj name);
bool exception_setattr(Obj self, Obj name, Obj value);

}  // namespace

Ref exception_getattr_impl(Obj self, Obj name) { return exception_getattr(self, name); }

#define GEN_EXCEPTION_TYPE(var, pyname, base_ptr, str_fn)                                                       \
  TypeObj var = {.head = GEN_TYPE_HEAD, .name = pyname, .base = base_ptr,                                      \
                 .flags = kTypeBaseType | kTypeException | kTypeHasDict, .destroy = exception_destroy,          \
                 .repr = exception_repr, .str = str_fn, .getattr = exception_getattr,                          \
                 .setattr = exception_setattr, .construct = exception_construct};

GEN_EXCEPTION_TYPE(exc_BaseException, "BaseException", &object_type, exception_str)
#define GEN_EXCEPTION(name, base) \
  GEN_EXCEPTION_TYPE(exc_##name, #name, &exc_##base, exception_str)
#include "gen/support/exceptions.def"
#undef GEN_EXCEPTION
// io.UnsupportedOperation: not a builtin name. (CPython's is also a
// ValueError; single inheritance keeps it an OSError only.)
GEN_EXCEPTION_TYPE(exc_UnsupportedOperation, "UnsupportedOperation", &exc_OSError, exception_str)

struct ExceptionTypesInit {
  ExceptionTypesInit() {
    exc_KeyError.str = key_error_str;
    // The subclasses (FileNotFoundError, ...) print as OSError does.
#define GEN_EXCEPTION(name, base) \
  if (is_subtype(&exc_##name, &exc_OSError)) exc_##name.str = os_error_str;
#include "gen/support/exceptions.def"
#undef GEN_EXCEPTION
    exc_UnsupportedOperation.str = os_error_str;
  }
} exception_types_init;

Ref make_exception(TypeObj* type, const Obj* args, std::size_t nargs) {
  std::vector<Ref> items;
  for (std::size_t i = 0; i < nargs; ++i) items.push_back(Ref::borrow(args[i]));
  auto* e = make<ExceptionObj>(type, make_tuple(std::move(items)), Ref(), Ref(), Ref(), Ref(), false);
  return Ref::steal(Obj::of(e));
}

Obj exception_args(Obj exc) { return exc.as<ExceptionObj>()->args; }

namespace {

Ref exception_getattr(Obj self, Obj name) {
  auto* e = self.as<ExceptionObj>();
  const std::string_view n = str_view(name);
  if (e->dict) {
    if (Obj v = dict_get_str(e->dict, name)) return Ref::borrow(v);
  }
  if (n == "args") return Ref::borrow(e->args);
  if (n == "__cause__") return Ref::borrow(e->cause ? e->cause.get() : None());
  if (n == "__context__") return Ref::borrow(e->context ? e->context.get() : None());
  if (n == "__suppress_context__") return new_ref(Bool(e->suppress_context));
  if (n == "__traceback__") return new_ref(None());
  const auto& items = tuple_items(e->args);
  if (exception_matches_type(self, &exc_StopIteration) && n == "value")
    return Ref::borrow(items.empty() ? None() : items[0].get());
  if (exception_matches_type(self, &exc_SystemExit) && n == "code")
    return Ref::borrow(items.empty() ? None() : items.size() == 1 ? items[0].get() : e->args.get());
  if (exception_matches_type(self, &exc_OSError) && (n == "errno" || n == "strerror" || n == "filename")) {
    const std::size_t i = n == "errno" ? 0 : n == "strerror" ? 1 : 2;
    return Ref::borrow(items.size() >= 2 && i < items.size() ? items[i].get() : None());
  }
  // Methods and class attributes (user exception classes define them).
  Obj found = type_lookup(self.type(), name);
  if (found) {
    if (isinstance(found, &function_type)) return make_method(found, self);
    if (isinstance(found, &property_type)) return call1(found.as<PropertyObj>()->getter, self);
    return Ref::borrow(found);
  }
  return raise_format(&exc_AttributeError, "'%s' object has no attribute '%.*s'", type_name(self),
                      static_cast<int>(n.size()), n.data());
}

bool exception_setattr(Obj self, Obj name, Obj value) {
  auto* e = self.as<ExceptionObj>();
  const std::string_view n = str_view(name);
  if (n == "__cause__") {
    e->cause = value == None() ? Ref() : Ref::borrow(value);
    e->suppress_context = true;
    return true;
  }
  if (n == "__context__") {
    e->context = value == None() ? Ref() : Ref::borrow(value);
    return true;
  }
  if (n == "args") {
    Ref t = tuple_from_iterable(value);
    if (!t) return false;
    e->args = std::move(t);
    return true;
  }
  if (!e->dict) e->dict = make_dict();
  if (!value) {
    const int r = dict_del(e->dict, name);
    if (r == 0)
      raise_format(&exc_AttributeError, "'%s' object has no attribute '%.*s'", type_name(self),
                   static_cast<int>(n.size()), n.data());
    return r == 1;
  }
  return dict_set(e->dict, name, value);
}

}  // namespace

// --- the slot ---

bool error_pending() { return static_cast<bool>(pending); }
Ref fetch_error() { return std::move(pending); }
Obj peek_error() { return pending; }
void clear_error() { pending.reset(); }
void restore_error(Ref exc) { pending = std::move(exc); }

// Implicit chaining: a new exception raised while another is handled gets
// it as __context__ (unless that would make a cycle).
static void set_context(Obj exc) {
  Obj handled = being_handled;
  if (!handled || handled == exc) return;
  auto* e = exc.as<ExceptionObj>();
  if (e->context) return;
  for (Obj c = handled; c; c = c.as<ExceptionObj>()->context)
    if (c == exc) return;
  e->context = Ref::borrow(handled);
}

Ref raise(Obj exc) {
  Ref instance;
  if (is_type(exc) && is_subtype(exc.as<TypeObj>(), &exc_BaseException)) {
    instance = call0(exc);
    if (!instance) return Ref();
    if (!isinstance(instance, &exc_BaseException))
      return raise_format(&exc_TypeError, "calling %s should have returned an instance of BaseException, not %s",
                          exc.as<TypeObj>()->name, type_name(instance));
  } else if (isinstance(exc, &exc_BaseException)) {
    instance = Ref::borrow(exc);
  } else {
    return raise_message(&exc_TypeError, "exceptions must derive from BaseException");
  }
  set_context(instance);
  pending = std::move(instance);
  return Ref();
}

Ref raise_with_cause(Obj exc, Obj cause) {
  Ref cause_instance;
  if (cause != None()) {
    if (is_type(cause) && is_subtype(cause.as<TypeObj>(), &exc_BaseException)) {
      cause_instance = call0(cause);
      if (!cause_instance) return Ref();
    } else if (isinstance(cause, &exc_BaseException)) {
      cause_instance = Ref::borrow(cause);
    } else {
      return raise_message(&exc_TypeError, "exception causes must derive from BaseException");
    }
  }
  raise(exc);
  if (!pending || !isinstance(pending, &exc_BaseException)) return Ref();
  auto* e = pending.get().as<ExceptionObj>();
  e->cause = std::move(cause_instance);
  e->suppress_context = true;
  return Ref();
}

Ref raise_message(TypeObj* type, std::string message) {
  Ref text = str_from(message);
  Obj arg = text;
  Ref exc = make_exception(type, &arg, 1);
  set_context(exc);
  pending = std::move(exc);
  return Ref();
}

Ref raise_format(TypeObj* type, const char* fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  const int n = std::vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  std::string message;
  if (n >= 0 && static_cast<std::size_t>(n) < sizeof small) {
    message.assign(small, static_cast<std::size_t>(n));
  } else if (n >= 0) {
    message.resize(static_cast<std::size_t>(n) + 1);
    va_start(ap, fmt);
    std::vsnprintf(message.data(), message.size(), fmt, ap);
    va_end(ap);
    message.resize(static_cast<std::size_t>(n));
  }
  return raise_message(type, std::move(message));
}

Ref raise_key_error(Obj key) {
  Ref exc = make_exception(&exc_KeyError, &key, 1);
  set_context(exc);
  pending = std::move(exc);
  return Ref();
}

Ref raise_stop_iteration(Obj value) {
  Ref exc = value && value != None() ? make_exception(&exc_StopIteration, &value, 1)
                                     : make_exception(&exc_StopIteration, nullptr, 0);
  set_context(exc);
  pending = std::move(exc);
  return Ref();
}

Ref raise_type_error_not_callable(Obj callable) {
  return raise_format(&exc_TypeError, "'%s' object is not callable", type_name(callable));
}

Ref raise_os_error(int errnum, Obj filename) {
  TypeObj* type = &exc_OSError;
  switch (errnum) {
    case ENOENT: type = &exc_FileNotFoundError; break;
    case EEXIST: type = &exc_FileExistsError; break;
    case EISDIR: type = &exc_IsADirectoryError; break;
    case ENOTDIR: type = &exc_NotADirectoryError; break;
    case EACCES:
    case EPERM: type = &exc_PermissionError; break;
    default: break;
  }
  Ref code = int_from(errnum);
  Ref text = str_from(std::strerror(errnum));
  std::vector<Obj> args = {code, text};
  if (filename) args.push_back(filename);
  Ref exc = make_exception(type, args.data(), args.size());
  set_context(exc);
  pending = std::move(exc);
  return Ref();
}

void traceback_here(const FrameInfo* frame, int line) {
  if (!pending || !isinstance(pending, &exc_BaseException)) return;
  auto* e = pending.get().as<ExceptionObj>();
  static TypeObj traceback_type = {.head = GEN_TYPE_HEAD, .name = "traceback", .base = &object_type,
      .destroy = [](Obj o) { o.as<TracebackObj>()->~TracebackObj(); }};
  auto* tb = make<TracebackObj>(&traceback_type, std::move(e->traceback), frame, line);
  e->traceback = Ref::steal(Obj::of(tb));
}

int exception_matches(Obj exc, Obj type) {
  if (is_tuple(type)) {
    for (const Ref& t : tuple_items(type)) {
      const int r = exception_matches(exc, t);
      if (r != 0) return r;
    }
    return 0;
  }
  if (!is_type(type) || !is_subtype(type.as<TypeObj>(), &exc_BaseException)) {
    raise_message(&exc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
  }
  return is_subtype(exc.type(), type.as<TypeObj>());
}

bool exception_matches_type(Obj exc, TypeObj* type) { return exc && is_subtype(exc.type(), type); }

HandlingScope::HandlingScope(Obj exc) : previous_(std::move(being_handled)) { being_handled = Ref::borrow(exc); }
HandlingScope::~HandlingScope() { being_handled = std::move(previous_); }
Ref& handled_exception_slot() { return being_handled; }
Obj exception_being_handled() { return being_handled ? being_handled.get() : None(); }

Ref reraise() {
  if (!being_handled) return raise_message(&exc_RuntimeError, "No active exception to reraise");
  pending = being_handled;
  return Ref();
}

bool enter_call_slow() {
  // Over the limit: one RecursionError, with room left to handle it.
  --call_depth;
  raise_message(&exc_RecursionError, "maximum recursion depth exceeded");
  ++call_depth;
  return false;
}

// --- printing ---

namespace {

// The source lines tracebacks quote, read when first needed (as linecache).
std::string source_line(const char* file, int line) {
  static std::map<std::string, std::vector<std::string>> cache;
  auto [it, inserted] = cache.try_emplace(file);
  if (inserted) {
    if (std::FILE* in = std::fopen(file, "rb")) {
      std::string text;
      char buf[4096];
      std::size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) text.append(buf, n);
      std::fclose(in);
      std::size_t b = 0;
      while (b < text.size()) {
        std::size_t e = text.find('\n', b);
        if (e == std::string::npos) e = text.size();
        std::string l = text.substr(b, e - b);
        if (!l.empty() && l.back() == '\r') l.pop_back();
        it->second.push_back(std::move(l));
        b = e + 1;
      }
    }
  }
  const auto& lines = it->second;
  if (line < 1 || static_cast<std::size_t>(line) > lines.size()) return {};
  std::string l = lines[static_cast<std::size_t>(line) - 1];
  const std::size_t b = l.find_first_not_of(" \t\f");
  if (b == std::string::npos) return {};
  const std::size_t e = l.find_last_not_of(" \t\f\r\n");
  return l.substr(b, e - b + 1);
}

void print_traceback(std::string& out, Obj tb) {
  // Each entry is added on top of the ones nearer the raise, so the chain
  // runs outermost first: the order CPython prints.
  if (!tb) return;
  out += "Traceback (most recent call last):\n";
  char buf[64];
  for (Obj t = tb; t; t = t.as<TracebackObj>()->next) {
    const TracebackObj* e = t.as<TracebackObj>();
    out += "  File \"";
    out += e->frame->file;
    std::snprintf(buf, sizeof buf, "\", line %d, in ", e->line);
    out += buf;
    out += e->frame->function;
    out += "\n";
    const std::string text = source_line(e->frame->file, e->line);
    if (!text.empty()) {
      out += "    ";
      out += text;
      out += "\n";
    }
  }
}

void print_chain(std::string& out, Obj exc, std::vector<Obj>& seen) {
  seen.push_back(exc);
  auto* e = exc.as<ExceptionObj>();
  auto unseen = [&](Obj o) {
    for (Obj s : seen)
      if (s == o) return false;
    return true;
  };
  if (e->cause && unseen(e->cause)) {
    print_chain(out, e->cause, seen);
    out += "\nThe above exception was the direct cause of the following exception:\n\n";
  } else if (e->context && !e->suppress_context && unseen(e->context)) {
    print_chain(out, e->context, seen);
    out += "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  print_traceback(out, e->traceback);
  out += format_exception_only(exc);
  out += "\n";
}

}  // namespace

std::string format_exception_only(Obj exc) {
  std::string s = exc.type()->qualname ? std::string(str_view(exc.type()->qualname)) : exc.type()->name;
  Ref text = str(exc);
  if (!text) {
    clear_error();
    return s + ": <exception str() failed>";
  }
  if (!str_view(text).empty()) {
    s += ": ";
    s += str_view(text);
  }
  return s;
}

int report_uncaught() {
  Ref exc = fetch_error();
  flush_stdout();
  if (!exc) return 0;
  if (exception_matches_type(exc, &exc_SystemExit)) {
    // SystemExit: its code is the status; None is 0, an int is itself,
    // anything else is printed to stderr and the status is 1.
    const auto& items = tuple_items(exc.get().as<ExceptionObj>()->args);
    Obj code = items.empty() ? None() : items.size() == 1 ? items[0].get() : exc.get().as<ExceptionObj>()->args.get();
    if (code == None()) return 0;
    std::int64_t v = 0;
    if (is_int(code) && int_to_int64(code, v)) return static_cast<int>(v & 0xff);
    Ref text = str(code);
    if (text) {
      std::string line(str_view(text));
      line += "\n";
      write_stderr(line);
    }
    return 1;
  }
  std::string out;
  std::vector<Obj> seen;
  print_chain(out, exc, seen);
  write_stderr(out);
  return 1;
}

}  // namespace gen
