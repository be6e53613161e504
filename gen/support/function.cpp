// Functions as values: a program's functions (bound to their parameters by
// bind_arguments, with CPython's messages), builtin functions and methods,
// bound methods, cells.
#include <cstring>

#include "gen/support/internal.h"

namespace gen {

namespace {

void function_destroy(Obj o) { o.as<FunctionObj>()->~FunctionObj(); }

Ref function_repr(Obj o) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " at %#llx>", static_cast<unsigned long long>(o.bits()));
  return str_from(std::string("<function ") + o.as<FunctionObj>()->code->qualname + buf);
}

Ref function_call(Obj callable, const Obj* args, std::size_t nargs, Obj kwnames) {
  auto* f = callable.as<FunctionObj>();
  const CodeInfo* code = f->code;
  const std::size_t slots = code->positional + code->keyword_only + code->varargs + code->varkw;
  // Exactly the positional parameters, positionally: nothing to bind. The
  // entry only reads its parameters (a generator copies them first).
  if (!kwnames && nargs == slots && !code->varargs && !code->varkw && !code->keyword_only)
    return code->entry(callable, const_cast<Obj*>(args));
  Ref small[8];
  std::vector<Ref> big;
  Ref* bound = small;
  if (slots > 8) {
    big.resize(slots);
    bound = big.data();
  }
  if (!bind_arguments(f, args, nargs, kwnames, bound)) return Ref();
  Obj params[64];
  if (slots > 64) return raise_message(&exc_SystemError, "too many parameters");
  for (std::size_t i = 0; i < slots; ++i) params[i] = bound[i];
  return code->entry(callable, params);
}

Ref function_getattr(Obj self, Obj name) {
  auto* f = self.as<FunctionObj>();
  const std::string_view n = str_view(name);
  if (n == "__name__") return f->name ? f->name : str_from(f->code->name);
  if (n == "__qualname__") return str_from(f->code->qualname);
  if (n == "__defaults__") return Ref::borrow(f->defaults ? f->defaults.get() : None());
  if (n == "__kwdefaults__") return Ref::borrow(f->kwdefaults ? f->kwdefaults.get() : None());
  if (n == "__module__") return str_intern("__main__");
  if (n == "__dict__") {
    if (!f->dict) f->dict = make_dict();
    return Ref::borrow(f->dict);
  }
  if (f->dict)
    if (Obj v = dict_get_str(f->dict, name)) return Ref::borrow(v);
  return raise_format(&exc_AttributeError, "'function' object has no attribute '%.*s'", static_cast<int>(n.size()),
                      n.data());
}

bool function_setattr(Obj self, Obj name, Obj value) {
  auto* f = self.as<FunctionObj>();
  if (str_view(name) == "__name__") {
    f->name = Ref::borrow(value);
    return true;
  }
  if (!f->dict) f->dict = make_dict();
  if (!value) return dict_del(f->dict, name) >= 0;
  return dict_set(f->dict, name, value);
}

}  // namespace

TypeObj function_type = {.head = GEN_TYPE_HEAD, .name = "function", .base = &object_type, .destroy = function_destroy,
    .repr = function_repr, .hash = object_hash, .call = function_call, .getattr = function_getattr,
    .setattr = function_setattr};

Ref make_function(const CodeInfo* code, Obj defaults, Obj kwdefaults, Obj closure) {
  auto* f = make<FunctionObj>(&function_type, code, Ref::borrow(defaults), Ref::borrow(kwdefaults),
                              Ref::borrow(closure), Ref(), Ref());
  return Ref::steal(Obj::of(f));
}

namespace {

std::string plural(std::size_t n, const char* word) {
  std::string s = std::to_string(n) + " " + word;
  if (n != 1) s += "s";
  return s;
}

// "'a', 'b' and 'c'" as CPython lists missing parameters.
std::string name_list(const std::vector<const char*>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) s += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    s += "'";
    s += names[i];
    s += "'";
  }
  return s;
}

}  // namespace

bool bind_arguments(const FunctionObj* f, const Obj* args, std::size_t nargs, Obj kwnames, Ref* out) {
  const CodeInfo* c = f->code;
  const std::size_t npos = c->positional;
  const std::size_t nkwonly = c->keyword_only;
  const std::size_t varargs_slot = npos + nkwonly;
  const std::size_t varkw_slot = varargs_slot + (c->varargs ? 1 : 0);
  // 1. positional arguments
  const std::size_t taken = nargs < npos ? nargs : npos;
  for (std::size_t i = 0; i < taken; ++i) out[i] = Ref::borrow(args[i]);
  if (nargs > npos) {
    if (!c->varargs) {
      const std::size_t defaults = f->defaults ? tuple_items(f->defaults).size() : 0;
      std::string expected = defaults ? "from " + std::to_string(npos - defaults) + " to " + std::to_string(npos)
                                      : std::to_string(npos);
      // CPython also counts the keyword-only parameters passed by name.
      std::size_t kwonly_given = 0;
      const std::size_t nkw = kwnames ? tuple_items(kwnames).size() : 0;
      for (std::size_t k = 0; k < nkw; ++k) {
        const std::string_view name = str_view(tuple_items(kwnames)[k]);
        for (std::size_t j = npos; j < npos + nkwonly; ++j)
          if (name == c->param_names[j]) ++kwonly_given;
      }
      std::string given = std::to_string(nargs);
      if (kwonly_given)
        given += " positional argument" + std::string(nargs != 1 ? "s" : "") + " (and " +
                 std::to_string(kwonly_given) + " keyword-only argument" + (kwonly_given != 1 ? "s" : "") + ")";
      raise_format(&exc_TypeError, "%s() takes %s positional argument%s but %s %s given", c->qualname,
                   expected.c_str(), npos == 1 && !defaults ? "" : "s", given.c_str(),
                   nargs == 1 && !kwonly_given ? "was" : "were");
      return false;
    }
    std::vector<Ref> rest;
    for (std::size_t i = npos; i < nargs; ++i) rest.push_back(Ref::borrow(args[i]));
    out[varargs_slot] = make_tuple(std::move(rest));
  } else if (c->varargs) {
    out[varargs_slot] = Ref::borrow(empty_tuple());
  }
  if (c->varkw) out[varkw_slot] = make_dict();
  // 2. keywords
  if (kwnames) {
    const auto& names = tuple_items(kwnames);
    for (std::size_t k = 0; k < names.size(); ++k) {
      const std::string_view name = str_view(names[k]);
      std::size_t slot = SIZE_MAX;
      for (std::size_t i = c->positional_only; i < npos + nkwonly; ++i)
        if (name == c->param_names[i]) {
          slot = i;
          break;
        }
      if (slot == SIZE_MAX) {
        if (c->varkw) {
          if (!dict_set(out[varkw_slot], names[k], args[nargs + k])) return false;
          continue;
        }
        // As CPython: every keyword naming a positional-only parameter (in
        // parameter order), whichever keyword was the unexpected one.
        std::string conflicts;
        for (std::size_t i = 0; i < c->positional_only; ++i)
          for (const Ref& other : names)
            if (str_view(other) == c->param_names[i]) {
              if (!conflicts.empty()) conflicts += ", ";
              conflicts += c->param_names[i];
              break;
            }
        if (!conflicts.empty())
          raise_format(&exc_TypeError, "%s() got some positional-only arguments passed as keyword arguments: '%s'",
                       c->qualname, conflicts.c_str());
        else
          raise_format(&exc_TypeError, "%s() got an unexpected keyword argument '%.*s'", c->qualname,
                       static_cast<int>(name.size()), name.data());
        return false;
      }
      if (out[slot]) {
        raise_format(&exc_TypeError, "%s() got multiple values for argument '%.*s'", c->qualname,
                     static_cast<int>(name.size()), name.data());
        return false;
      }
      out[slot] = Ref::borrow(args[nargs + k]);
    }
  }
  // 3. defaults, then what is still missing
  const std::size_t ndefaults = f->defaults ? tuple_items(f->defaults).size() : 0;
  std::vector<const char*> missing;
  for (std::size_t i = 0; i < npos; ++i) {
    if (out[i]) continue;
    if (i >= npos - ndefaults) {
      out[i] = tuple_items(f->defaults)[i - (npos - ndefaults)];
    } else {
      missing.push_back(c->param_names[i]);
    }
  }
  if (!missing.empty()) {
    raise_format(&exc_TypeError, "%s() missing %s: %s", c->qualname,
                 plural(missing.size(), "required positional argument").c_str(), name_list(missing).c_str());
    return false;
  }
  for (std::size_t i = npos; i < npos + nkwonly; ++i) {
    if (out[i]) continue;
    if (f->kwdefaults) {
      Ref name = str_from(c->param_names[i]);
      if (Obj v = dict_get_str(f->kwdefaults, name)) {
        out[i] = Ref::borrow(v);
        continue;
      }
    }
    missing.push_back(c->param_names[i]);
  }
  if (!missing.empty()) {
    raise_format(&exc_TypeError, "%s() missing %s: %s", c->qualname,
                 plural(missing.size(), "required keyword-only argument").c_str(), name_list(missing).c_str());
    return false;
  }
  return true;
}

// --- builtin functions and methods ---

namespace {

Ref builtin_call(Obj callable, const Obj* args, std::size_t nargs, Obj kwnames) {
  auto* b = callable.as<BuiltinFunctionObj>();
  if (!b->self && b->owner) {  // str.lower(s): the first argument is the receiver
    if (nargs == 0)
      return raise_format(&exc_TypeError, "unbound method %s.%s() needs an argument", b->owner->name, b->name);
    if (!isinstance(args[0], b->owner))
      return raise_format(&exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", b->name,
                          b->owner->name, type_name(args[0]));
    return b->fn(args[0], args + 1, nargs - 1, kwnames);
  }
  return b->fn(b->self, args, nargs, kwnames);
}

Ref builtin_repr(Obj o) {
  auto* b = o.as<BuiltinFunctionObj>();
  if (b->self) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " of %s object at %#llx>", type_name(b->self),
                  static_cast<unsigned long long>(b->self.get().bits()));
    return str_from(std::string("<built-in method ") + b->name + buf);
  }
  return str_from(std::string("<built-in function ") + b->name + ">");
}

}  // namespace

TypeObj builtin_function_type = {.head = GEN_TYPE_HEAD, .name = "builtin_function_or_method", .base = &object_type,
    .destroy = [](Obj o) { o.as<BuiltinFunctionObj>()->~BuiltinFunctionObj(); }, .repr = builtin_repr,
    .hash = object_hash, .call = builtin_call};

Ref make_builtin(const char* name, NativeFn fn, Obj self) {
  return Ref::steal(Obj::of(make<BuiltinFunctionObj>(&builtin_function_type, name, fn, Ref::borrow(self))));
}

void add_methods(TypeObj* type, const MethodDef* methods, std::size_t count) {
  types_changed();  // class.cpp's lookup cache
  if (!type->dict) {
    type->dict = make_dict();
    type->dict.get().header()->refcnt = kImmortal;
  }
  for (std::size_t i = 0; i < count; ++i) {
    Ref f = make_builtin(methods[i].name, methods[i].fn);
    f.get().header()->refcnt = kImmortal;
    f.get().as<BuiltinFunctionObj>()->owner = type;
    Ref name = str_intern(methods[i].name);
    dict_set(type->dict, name, f);
  }
}

bool no_keywords(const char* name, Obj kwnames) {
  if (kwnames && !tuple_items(kwnames).empty()) {
    raise_format(&exc_TypeError, "%s() takes no keyword arguments", name);
    return false;
  }
  return true;
}

bool parse_args(const char* name, const Obj* args, std::size_t nargs, Obj kwnames,
                std::initializer_list<const char*> names, std::size_t required, Obj* out) {
  const std::size_t n = names.size();
  if (nargs > n) {
    raise_format(&exc_TypeError, "%s() takes at most %zu argument%s (%zu given)", name, n, n == 1 ? "" : "s", nargs);
    return false;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = i < nargs ? args[i] : Obj();
  if (kwnames) {
    const auto& kws = tuple_items(kwnames);
    for (std::size_t k = 0; k < kws.size(); ++k) {
      const std::string_view kw = str_view(kws[k]);
      std::size_t i = 0;
      for (const char* p : names) {
        if (kw == p) break;
        ++i;
      }
      if (i == n) {
        raise_format(&exc_TypeError, "%s() got an unexpected keyword argument '%.*s'", name,
                     static_cast<int>(kw.size()), kw.data());
        return false;
      }
      if (out[i]) {
        raise_format(&exc_TypeError, "argument for %s() given by name ('%.*s') and position (%zu)", name,
                     static_cast<int>(kw.size()), kw.data(), i + 1);
        return false;
      }
      out[i] = args[nargs + k];
    }
  }
  for (std::size_t i = 0; i < required; ++i) {
    if (!out[i]) {
      raise_format(&exc_TypeError, "%s() missing required argument '%s' (pos %zu)", name, names.begin()[i], i + 1);
      return false;
    }
  }
  return true;
}

// --- bound methods ---

Ref call_with_self(Obj fn, Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  const std::size_t total = nargs + (kwnames ? tuple_items(kwnames).size() : 0);
  Obj small[9];
  std::vector<Obj> big;
  Obj* all = small;
  if (total + 1 > 9) {
    big.resize(total + 1);
    all = big.data();
  }
  all[0] = self;
  for (std::size_t i = 0; i < total; ++i) all[i + 1] = args[i];
  return call(fn, all, nargs + 1, kwnames);
}

namespace {

Ref method_call(Obj callable, const Obj* args, std::size_t nargs, Obj kwnames) {
  auto* m = callable.as<MethodObj>();
  return call_with_self(m->function, m->self, args, nargs, kwnames);
}

Ref method_repr(Obj o) {
  auto* m = o.as<MethodObj>();
  Ref self = repr(m->self);
  if (!self) return self;
  std::string name = "?";
  if (isinstance(m->function, &function_type)) name = m->function.get().as<FunctionObj>()->code->qualname;
  return str_from("<bound method " + name + " of " + std::string(str_view(self)) + ">");
}

Ref method_compare(Obj a, Obj b, CmpOp op) {
  if (b.type() != &method_type || (op != CmpOp::Eq && op != CmpOp::Ne)) return new_ref(NotImplemented());
  const bool eq = a.as<MethodObj>()->function.get() == b.as<MethodObj>()->function.get() &&
                  a.as<MethodObj>()->self.get() == b.as<MethodObj>()->self.get();
  return new_ref(Bool(op == CmpOp::Eq ? eq : !eq));
}

}  // namespace

TypeObj method_type = {.head = GEN_TYPE_HEAD, .name = "method", .base = &object_type,
    .destroy = [](Obj o) { o.as<MethodObj>()->~MethodObj(); }, .repr = method_repr, .hash = object_hash,
    .compare = method_compare, .call = method_call};

Ref make_method(Obj function, Obj self) {
  return Ref::steal(Obj::of(make<MethodObj>(&method_type, Ref::borrow(function), Ref::borrow(self))));
}

// --- cells ---

TypeObj cell_type = {.head = GEN_TYPE_HEAD, .name = "cell", .base = &object_type,
    .destroy = [](Obj o) { o.as<CellObj>()->~CellObj(); }, .hash = object_hash};

Ref make_cell(Obj value) { return Ref::steal(Obj::of(make<CellObj>(&cell_type, Ref::borrow(value)))); }

}  // namespace gen
