// Classes: attribute lookup (instance dict, the type's MRO, descriptors:
// functions become bound methods, property, staticmethod, classmethod),
// calling a type (builtin constructors; instances of a program's classes
// and their __init__), the classes a program defines (their slots look up
// the dunder methods) and super().
#include <cstring>

#include "gen/support/internal.h"

namespace gen {

// Attribute lookups on types are cached, as CPython's method cache: a
// lookup walks the MRO's dicts (a miss in each class before the hit), and
// attribute reads and method calls do one per access.
//
// Invariant C: an entry is valid while `epoch` equals type_epoch, which
// every change to any type's dict bumps (types_changed). Only immortal
// (interned) names are cached, so an entry's name pointer cannot be
// reused by another string. Like the reference counts, the cache and the
// epoch are plain variables: the object model runs one thread at a time.
namespace {

struct LookupCacheEntry {
  const TypeObj* type = nullptr;
  std::uint64_t name = 0;
  std::uint64_t epoch = 0;
  Obj value;  // borrowed from the type's dict (alive while the epoch holds)
};
constexpr std::size_t kLookupCacheSize = 4096;  // a power of two
LookupCacheEntry lookup_cache[kLookupCacheSize];
std::uint64_t type_epoch = 1;

Obj type_lookup_uncached(TypeObj* type, Obj name) {
  for (TypeObj* t = type; t; t = t->base)
    if (t->dict)
      if (Obj v = dict_get_str(t->dict, name)) return v;
  return Obj();
}

}  // namespace

void types_changed() { ++type_epoch; }

Obj type_lookup(TypeObj* type, Obj name) {
  // Immortal counts start at kImmortal and move by the references taken.
  if (name.header()->refcnt < kImmortal / 2) return type_lookup_uncached(type, name);
  const std::uint64_t key = reinterpret_cast<std::uintptr_t>(type) ^ (name.bits() >> 3);
  LookupCacheEntry& e = lookup_cache[(key ^ (key >> 12)) & (kLookupCacheSize - 1)];
  if (e.type == type && e.name == name.bits() && e.epoch == type_epoch) return e.value;
  const Obj v = type_lookup_uncached(type, name);
  e = {type, name.bits(), type_epoch, v};  // Invariant C: filled at the current epoch
  return v;
}

namespace {

Ref str_ref(const char* s) { return str_intern(s); }

Obj instance_dict(Obj o) {
  TypeObj* t = o.type();
  if (!(t->flags & kTypeHasDict)) return Obj();
  if (t->flags & kTypeException) {  // builtin exceptions and every subclass carry the flag
    auto* e = o.as<ExceptionObj>();
    if (!e->dict) e->dict = make_dict();
    return e->dict;
  }
  auto* i = o.as<InstanceObj>();
  if (!i->dict) i->dict = make_dict();
  return i->dict;
}

// What an attribute found on the type becomes when read through `o`.
Ref bind_descriptor(Obj found, Obj o, TypeObj* owner) {
  TypeObj* t = found.type();
  if (t == &function_type) return make_method(found, o);
  if (t == &builtin_function_type && !found.as<BuiltinFunctionObj>()->self) {
    auto* b = found.as<BuiltinFunctionObj>();
    return make_builtin(b->name, b->fn, o);
  }
  if (t == &staticmethod_type) return found.as<WrapperObj>()->function;
  if (t == &classmethod_type) return make_method(found.as<WrapperObj>()->function, Obj::of(owner));
  if (t == &property_type) {
    Obj getter = found.as<PropertyObj>()->getter;
    if (!getter || getter == None()) return raise_message(&exc_AttributeError, "unreadable attribute");
    return call1(getter, o);
  }
  return Ref::borrow(found);
}

Ref missing_attribute(Obj o, Obj name) {
  const std::string_view n = str_view(name);
  if (is_type(o))
    return raise_format(&exc_AttributeError, "type object '%s' has no attribute '%.*s'", o.as<TypeObj>()->name,
                        static_cast<int>(n.size()), n.data());
  return raise_format(&exc_AttributeError, "'%s' object has no attribute '%.*s'", type_name(o),
                      static_cast<int>(n.size()), n.data());
}


}  // namespace

Ref generic_getattr(Obj o, Obj name, bool& missing) {
  TypeObj* t = o.type();
  Obj found = type_lookup(t, name);
  if (found && found.type() == &property_type) return bind_descriptor(found, o, t);
  if (Obj d = instance_dict(o))
    if (Obj v = dict_get_str(d, name)) return Ref::borrow(v);
  if (found) return bind_descriptor(found, o, t);
  if (t->flags & kTypeUser) {
    static Ref getattr_name = str_ref("__getattr__");
    if (Obj hook = type_lookup(t, getattr_name)) {
      Obj args[] = {o, name};
      return call(hook, args, 2);
    }
  }
  if (str_view(name) == "__class__") return Ref::borrow(Obj::of(t));
  if (Ref w = slot_wrapper(o, name)) return w;
  if (str_view(name) == "__dict__")
    if (Obj d = instance_dict(o)) return Ref::borrow(d);
  missing = true;
  return Ref();
}

Ref getattr_or_missing(Obj o, Obj name, bool& missing) {
  missing = false;
  TypeObj* t = o.type();
  if (str_view(name) == "__class__") return Ref::borrow(Obj::of(t));
  for (TypeObj* s = t; s; s = s->base) {
    if (s->getattr) {
      Ref r = s->getattr(o, name);
      if (!r && exception_matches_type(peek_error(), &exc_AttributeError)) {
        clear_error();
        missing = true;
      }
      return r;
    }
  }
  Ref r = generic_getattr(o, name, missing);
  if (!r && !missing && exception_matches_type(peek_error(), &exc_AttributeError)) {
    clear_error();
    missing = true;
  }
  return r;
}

Ref getattr(Obj o, Obj name) {
  static const Ref class_name = str_intern("__class__");
  TypeObj* t = o.type();
  if (name == class_name.get()) return Ref::borrow(Obj::of(t));  // every object's, whatever its getattr
  for (TypeObj* s = t; s; s = s->base)
    if (s->getattr) return s->getattr(o, name);
  bool missing = false;
  Ref r = generic_getattr(o, name, missing);
  if (missing) return missing_attribute(o, name);
  return r;
}

bool setattr(Obj o, Obj name, Obj value) {
  TypeObj* t = o.type();
  for (TypeObj* s = t; s; s = s->base)
    if (s->setattr) return s->setattr(o, name, value);
  Obj found = type_lookup(t, name);
  if (found && found.type() == &property_type) {
    auto* p = found.as<PropertyObj>();
    Obj fn = value ? p->setter.get() : p->deleter.get();
    const std::string_view n = str_view(name);
    if (!fn || fn == None()) {
      raise_format(&exc_AttributeError, "property '%.*s' of '%s' object has no %s", static_cast<int>(n.size()),
                   n.data(), t->name, value ? "setter" : "deleter");
      return false;
    }
    Obj args[] = {o, value};
    Ref r = call(fn, args, value ? 2 : 1);
    return static_cast<bool>(r);
  }
  Obj d = instance_dict(o);
  if (!d) {
    missing_attribute(o, name);
    return false;
  }
  if (!value) {
    const int r = dict_del(d, name);
    if (r == 0) missing_attribute(o, name);
    return r == 1;
  }
  return dict_set(d, name, value);
}

bool delattr(Obj o, Obj name) { return setattr(o, name, Obj()); }

// --- calling a method by name without making a bound method ---

Ref call_method(Obj self, Obj name, const Obj* args, std::size_t nargs, Obj kwnames) {
  TypeObj* t = self.type();
  bool plain_lookup = true;
  for (TypeObj* s = t; s; s = s->base)
    if (s->getattr && !(s->flags & kTypeException)) plain_lookup = false;
  if (plain_lookup) {
    Obj found = type_lookup(t, name);
    if (found) {
      Obj d = (t->flags & kTypeHasDict) ? instance_dict(self) : Obj();
      const bool shadowed = d && dict_get_str(d, name);
      if (!shadowed && found.type() == &builtin_function_type && !found.as<BuiltinFunctionObj>()->self)
        return found.as<BuiltinFunctionObj>()->fn(self, args, nargs, kwnames);
      if (!shadowed && found.type() == &function_type) return call_with_self(found, self, args, nargs, kwnames);
    }
  }
  Ref bound = getattr(self, name);
  if (!bound) return bound;
  return call(bound, args, nargs, kwnames);
}

// --- attribute sites' caches ---
//
// Invariant A: a site's cache names a type whose instances keep their
// attributes in an instance dict and whose attribute reads and writes go
// through generic_getattr / setattr's dict path (a program's class, no
// getattr or setattr slot on its MRO, `name` no property on it) as of
// `epoch`; while type_epoch is unchanged (Invariant C: no type's dict has
// changed) that stays true. An instance dict entry is used only if its key
// is the very name object (interned), so a stale index, a deleted entry or
// another dict's layout simply misses. For call_method, `method` is the
// plain function type_lookup found, borrowed from the type's dict; or, with
// `builtin`, the type is a builtin one with no getattr slot on its MRO and
// no instance dict, and `method` the unbound builtin function found on it:
// a builtin type's dict never changes (type_setattr refuses), and nothing
// on an instance can shadow it.
namespace {

bool plain_instance_type(const TypeObj* t) {
  if (!(t->flags & kTypeUser) || !(t->flags & kTypeHasDict) || (t->flags & kTypeException)) return false;
  for (const TypeObj* s = t; s; s = s->base)
    if (s->getattr || s->setattr) return false;
  return true;
}

// A builtin type whose methods a site may cache (Invariant A, `builtin`).
bool builtin_method_type(const TypeObj* t) {
  if (t->flags & (kTypeUser | kTypeHasDict)) return false;
  for (const TypeObj* s = t; s; s = s->base)
    if (s->getattr) return false;
  return true;
}

// Where `name` sits in o's instance dict (plain_instance_type), or -1.
std::int64_t instance_entry(Obj o, Obj name) {
  const Ref& dict = o.as<InstanceObj>()->dict;
  if (!dict) return -1;
  const std::vector<DictEntry>& entries = dict.get().as<DictObj>()->entries;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].key.get() == name) return static_cast<std::int64_t>(i);
  return -1;
}

// The way of c that holds for o's type (Invariant A), if any. (This and
// cached_entry are always_inline: g++ called them out of line, and
// richards ran 12% slower so.)
[[gnu::always_inline]] inline AttrCache::Way* cached_way(Obj o, AttrCache& c) {
  if (o.is_small()) return nullptr;
  const TypeObj* t = o.header()->type;
  // A type has at most one way (fill_way refreshes a stale one in place).
  for (AttrCache::Way& w : c.ways)
    if (w.type == t) return w.epoch == type_epoch ? &w : nullptr;
  return nullptr;
}

void fill_way(AttrCache& c, const AttrCache::Way& way) {
  for (AttrCache::Way& w : c.ways) {
    if (w.type == way.type) {  // a stale way of this type: refresh it
      w = way;
      return;
    }
  }
  c.ways[c.next] = way;
  c.next = (c.next + 1) % AttrCache::kWays;
}

// The instance dict entry the cache points at for o, if it holds.
[[gnu::always_inline]] inline DictEntry* cached_entry(Obj o, Obj name, AttrCache& c) {
  const AttrCache::Way* w = cached_way(o, c);
  if (!w || w->method) return nullptr;
  const Ref& dict = o.as<InstanceObj>()->dict;
  if (!dict) return nullptr;
  std::vector<DictEntry>& entries = dict.get().as<DictObj>()->entries;
  if (w->entry >= entries.size() || entries[w->entry].key.get() != name) return nullptr;
  return &entries[w->entry];
}

void fill_entry_cache(Obj o, Obj name, AttrCache& c) {
  TypeObj* t = o.type();
  if (!plain_instance_type(t) || name.header()->refcnt < kImmortal / 2) return;
  const Obj found = type_lookup(t, name);
  if (found && found.type() == &property_type) return;  // a data descriptor wins over the dict
  const std::int64_t i = instance_entry(o, name);
  if (i < 0) return;
  fill_way(c, {t, type_epoch, static_cast<std::uint32_t>(i), false, false, 0, Obj()});
}

}  // namespace

Ref getattr_cached(Obj o, Obj name, AttrCache& c) {
  if (DictEntry* e = cached_entry(o, name, c)) return e->value;
  Ref r = getattr(o, name);
  if (r) fill_entry_cache(o, name, c);
  return r;
}

bool setattr_cached(Obj o, Obj name, Obj value, AttrCache& c) {
  if (DictEntry* e = cached_entry(o, name, c)) {
    // The old value is released after the dict holds the new one.
    Ref old = std::exchange(e->value, Ref::borrow(value));
    return true;
  }
  if (!setattr(o, name, value)) return false;
  fill_entry_cache(o, name, c);
  return true;
}

Ref call_method_cached(Obj self, Obj name, const Obj* args, std::size_t nargs, AttrCache& c) {
  if (const AttrCache::Way* w = cached_way(self, c); w && w->method) {
    if (w->builtin) return w->method.as<BuiltinFunctionObj>()->fn(self, args, nargs, Obj());
    // An instance attribute of the same name would shadow the method.
    // (The key filter mostly proves it absent without a probe.)
    const Ref& dict = self.as<InstanceObj>()->dict;
    if (!dict || !(dict.get().as<DictObj>()->key_filter & w->shadow_bit) || !dict_get_str(dict, name)) {
      // Held for the call: the method may leave the class's dict meanwhile.
      const Ref method = Ref::borrow(w->method);
      if (w->direct) {
        // Exactly its positional parameters: the entry directly, as
        // function_call() would after call() had found it.
        Obj all[AttrCache::kDirect];
        all[0] = self;
        for (std::size_t i = 0; i < nargs; ++i) all[i + 1] = args[i];
        return method.get().as<FunctionObj>()->code->entry(method, all);
      }
      return call_with_self(method, self, args, nargs, Obj());
    }
  }
  TypeObj* t = self.type();
  if (plain_instance_type(t) && name.header()->refcnt >= kImmortal / 2) {
    const Obj found = type_lookup(t, name);
    if (found && found.type() == &function_type) {
      // A site's argument count is fixed, and so is a function's code.
      const CodeInfo* code = found.as<FunctionObj>()->code;
      const bool direct = nargs < AttrCache::kDirect && code->positional == nargs + 1 && !code->keyword_only &&
                          !code->varargs && !code->varkw;
      fill_way(c, {t, type_epoch, 0, false, direct, dict_filter_bit(str_hash(name)), found});
    }
  } else if (builtin_method_type(t) && name.header()->refcnt >= kImmortal / 2) {
    const Obj found = type_lookup(t, name);
    if (found && found.type() == &builtin_function_type && !found.as<BuiltinFunctionObj>()->self)
      fill_way(c, {t, type_epoch, 0, true, false, 0, found});
  }
  return call_method(self, name, args, nargs);
}

// --- type objects as values ---

Ref type_getattr(Obj self, Obj name) {
  auto* t = self.as<TypeObj>();
  const std::string_view n = str_view(name);
  Obj found = type_lookup(t, name);
  if (found) {
    if (found.type() == &staticmethod_type) return found.as<WrapperObj>()->function;
    if (found.type() == &classmethod_type) return make_method(found.as<WrapperObj>()->function, self);
    return Ref::borrow(found);
  }
  if (n == "__name__") return t->name_ref ? t->name_ref : str_from(t->name);
  if (n == "__qualname__") return t->qualname ? t->qualname : str_from(t->name);
  if (n == "__module__") return str_intern(t->flags & kTypeUser ? "__main__" : "builtins");
  if (n == "__base__") return Ref::borrow(t->base ? Obj::of(t->base) : None());
  if (n == "__bases__") return t->base ? tuple_of({Obj::of(t->base)}) : Ref::borrow(empty_tuple());
  if (n == "__mro__") {
    std::vector<Ref> mro;
    for (TypeObj* s = t; s; s = s->base) mro.push_back(Ref::borrow(Obj::of(s)));
    return make_tuple(std::move(mro));
  }
  if (n == "__dict__" && t->dict) {  // a copy: CPython's is read-only, and writes must bump the epoch
    Ref copy = make_dict();
    if (!dict_update(copy, t->dict)) return Ref();
    return copy;
  }
  if (Ref w = slot_wrapper_unbound(t, name)) return w;
  return raise_format(&exc_AttributeError, "type object '%s' has no attribute '%.*s'", t->name,
                      static_cast<int>(n.size()), n.data());
}

bool type_setattr(Obj self, Obj name, Obj value) {
  auto* t = self.as<TypeObj>();
  if (!(t->flags & kTypeUser)) {
    const std::string_view n = str_view(name);
    raise_format(&exc_TypeError, "cannot set '%.*s' attribute of immutable type '%s'", static_cast<int>(n.size()),
                 n.data(), t->name);
    return false;
  }
  types_changed();  // Invariant C
  if (!value) {
    const int r = dict_del(t->dict, name);
    if (r == 0) missing_attribute(self, name);
    return r == 1;
  }
  return dict_set(t->dict, name, value);
}

namespace {

TypeObj* solid_base(TypeObj* t) {
  while (t && (t->flags & kTypeUser)) t = t->base;
  return t;
}

}  // namespace

Ref type_call(Obj callable, const Obj* args, std::size_t nargs, Obj kwnames) {
  auto* t = callable.as<TypeObj>();
  if (t == &type_type) {
    if (nargs == 1 && !kwnames) return Ref::borrow(Obj::of(args[0].type()));
    return raise_message(&exc_TypeError, "type() takes 1 argument (making classes with type() is not supported)");
  }
  if (!(t->flags & kTypeUser)) {
    if (t->construct) return t->construct(callable, args, nargs, kwnames);
    if (t == &object_type) {
      if (nargs) return raise_message(&exc_TypeError, "object() takes no arguments");
      return Ref::steal(Obj::of(make<InstanceObj>(&object_type, Ref())));
    }
    return raise_format(&exc_TypeError, "cannot create '%s' instances", t->name);
  }
  TypeObj* base = solid_base(t);
  Ref self;
  if (is_subtype(base, &exc_BaseException)) {
    self = make_exception(t, args, nargs);
  } else if (base == &object_type) {
    self = Ref::steal(Obj::of(make<InstanceObj>(t, Ref())));
  } else {
    return raise_format(&exc_TypeError, "classes deriving from '%s' are not supported", base->name);
  }
  static Ref init_name = str_ref("__init__");
  Obj init = type_lookup(t, init_name);
  if (init && init.type() == &function_type) {
    Ref r = call_with_self(init, self, args, nargs, kwnames);
    if (!r) return r;
    if (r.get() != None())
      return raise_format(&exc_TypeError, "__init__() should return None, not '%s'", type_name(r));
    return self;
  }
  if (base == &object_type && (nargs || (kwnames && !tuple_items(kwnames).empty())))
    return raise_format(&exc_TypeError, "%s() takes no arguments", t->name);
  return self;
}

// --- classes a program defines: slots that find the dunder methods ---

namespace {

Obj dunder(Obj o, const char* name) {
  // Names are interned, so each lookup hashes once per name.
  Ref key = str_intern(name);
  for (TypeObj* t = o.type(); t && (t->flags & kTypeUser); t = t->base)
    if (Obj v = dict_get_str(t->dict, key)) return v;
  return Obj();
}

Ref call_dunder(Obj fn, Obj self, const Obj* args = nullptr, std::size_t nargs = 0) {
  Obj all[4] = {self};
  for (std::size_t i = 0; i < nargs; ++i) all[i + 1] = args[i];
  if (fn.type() == &function_type) return call(fn, all, nargs + 1);
  Ref bound = bind_descriptor(fn, self, self.type());
  if (!bound) return bound;
  return call(bound, args, nargs);
}

TypeObj* builtin_base(Obj o) { return solid_base(o.type()); }

Ref user_repr(Obj o) {
  if (Obj f = dunder(o, "__repr__")) {
    Ref r = call_dunder(f, o);
    if (r && !is_str(r)) return raise_format(&exc_TypeError, "__repr__ returned non-string (type %s)", type_name(r));
    return r;
  }
  TypeObj* b = builtin_base(o);
  for (TypeObj* s = b; s; s = s->base)
    if (s->repr) return s->repr(o);
  return object_repr_default(o);
}

Ref user_str(Obj o) {
  if (Obj f = dunder(o, "__str__")) {
    Ref r = call_dunder(f, o);
    if (r && !is_str(r)) return raise_format(&exc_TypeError, "__str__ returned non-string (type %s)", type_name(r));
    return r;
  }
  // The MRO past the program's classes: a builtin __str__ (BaseException's)
  // wins over a user __repr__; object's __str__ is repr().
  for (TypeObj* s = builtin_base(o); s && s != &object_type; s = s->base)
    if (s->str) return s->str(o);
  return user_repr(o);
}

bool user_hash(Obj o, std::int64_t& out) {
  Obj f = dunder(o, "__hash__");
  if (f == None() || (!f && dunder(o, "__eq__"))) {
    raise_format(&exc_TypeError, "unhashable type: '%s'", type_name(o));
    return false;
  }
  if (!f) return object_hash(o, out);
  Ref r = call_dunder(f, o);
  if (!r) return false;
  if (!is_int(r)) {
    raise_message(&exc_TypeError, "__hash__ method should return an integer");
    return false;
  }
  return hash(r, out);
}

Ref user_compare(Obj a, Obj b, CmpOp op) {
  static const char* const kNames[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
  if (Obj f = dunder(a, kNames[static_cast<int>(op)])) return call_dunder(f, a, &b, 1);
  if (op == CmpOp::Ne) {
    // The default __ne__ inverts __eq__ unless that is NotImplemented.
    if (Obj f = dunder(a, "__eq__")) {
      Ref r = call_dunder(f, a, &b, 1);
      if (!r || r.get() == NotImplemented()) return r;
      const int t = truth(r);
      if (t < 0) return Ref();
      return new_ref(Bool(!t));
    }
  }
  for (TypeObj* s = builtin_base(a); s; s = s->base)
    if (s->compare) return s->compare(a, b, op);
  return new_ref(NotImplemented());
}

std::int64_t user_len(Obj o);

int user_truth(Obj o) {
  if (Obj f = dunder(o, "__bool__")) {
    Ref r = call_dunder(f, o);
    if (!r) return -1;
    if (r.get().type() != &bool_type) {
      raise_format(&exc_TypeError, "__bool__ should return bool, returned %s", type_name(r));
      return -1;
    }
    return r.get() == True();
  }
  if (dunder(o, "__len__")) {
    const std::int64_t n = user_len(o);
    return n < 0 ? -1 : n != 0;
  }
  return 1;
}

std::int64_t user_len(Obj o) {
  Obj f = dunder(o, "__len__");
  if (!f) {
    raise_format(&exc_TypeError, "object of type '%s' has no len()", type_name(o));
    return -1;
  }
  Ref r = call_dunder(f, o);
  if (!r) return -1;
  if (!is_int(r)) {
    raise_format(&exc_TypeError, "'%s' object cannot be interpreted as an integer", type_name(r));
    return -1;
  }
  std::int64_t n;
  if (!index_value(r, n)) return -1;
  if (n < 0) {
    raise_message(&exc_ValueError, "__len__() should return >= 0");
    return -1;
  }
  return n;
}

// iter() over an object with only __getitem__: indexes 0, 1, ... until
// IndexError, as CPython's sequence iterator.
struct SeqGetitemIterObj {
  Header head;
  Ref seq;
  std::int64_t index;
};
Ref getitem_iter_next(Obj it) {
  auto* s = it.as<SeqGetitemIterObj>();
  if (!s->seq) return Ref();
  Ref i = int_from(s->index++);
  Ref v = getitem(s->seq, i);
  if (!v && (exception_matches_type(peek_error(), &exc_IndexError) ||
             exception_matches_type(peek_error(), &exc_StopIteration))) {
    clear_error();
    s->seq.reset();
  }
  return v;
}
TypeObj getitem_iterator_type = {.head = GEN_TYPE_HEAD, .name = "iterator", .base = &object_type,
    .destroy = [](Obj o) { o.as<SeqGetitemIterObj>()->~SeqGetitemIterObj(); }, .hash = object_hash,
    .iter = self_iter_slot, .next = getitem_iter_next};

Ref user_iter(Obj o) {
  if (Obj f = dunder(o, "__iter__")) {
    Ref it = call_dunder(f, o);
    if (it && !dunder(it, "__next__") && !it.get().type()->next) {
      bool has_next = false;
      for (TypeObj* s = it.get().type(); s; s = s->base)
        if (s->next) has_next = true;
      if (!has_next) return raise_format(&exc_TypeError, "iter() returned non-iterator of type '%s'", type_name(it));
    }
    return it;
  }
  if (dunder(o, "__getitem__"))
    return Ref::steal(Obj::of(make<SeqGetitemIterObj>(&getitem_iterator_type, Ref::borrow(o), std::int64_t{0})));
  for (TypeObj* s = builtin_base(o); s; s = s->base)
    if (s->iter) return s->iter(o);
  return raise_format(&exc_TypeError, "'%s' object is not iterable", type_name(o));
}

Ref user_next(Obj o) {
  Obj f = dunder(o, "__next__");
  if (!f) return raise_format(&exc_TypeError, "'%s' object is not an iterator", type_name(o));
  Ref r = call_dunder(f, o);
  if (!r && exception_matches_type(peek_error(), &exc_StopIteration)) clear_error();
  return r;
}

Ref user_getitem(Obj o, Obj key) {
  if (Obj f = dunder(o, "__getitem__")) return call_dunder(f, o, &key, 1);
  for (TypeObj* s = builtin_base(o); s; s = s->base)
    if (s->getitem) return s->getitem(o, key);
  return raise_format(&exc_TypeError, "'%s' object is not subscriptable", type_name(o));
}

bool user_setitem(Obj o, Obj key, Obj value) {
  if (value) {
    if (Obj f = dunder(o, "__setitem__")) {
      Obj args[] = {key, value};
      return static_cast<bool>(call_dunder(f, o, args, 2));
    }
    raise_format(&exc_TypeError, "'%s' object does not support item assignment", type_name(o));
    return false;
  }
  if (Obj f = dunder(o, "__delitem__")) return static_cast<bool>(call_dunder(f, o, &key, 1));
  raise_format(&exc_TypeError, "'%s' object doesn't support item deletion", type_name(o));
  return false;
}

int user_contains(Obj o, Obj value) {
  if (Obj f = dunder(o, "__contains__")) {
    Ref r = call_dunder(f, o, &value, 1);
    if (!r) return -1;
    return truth(r);
  }
  return contains_by_iteration(o, value);
}

Ref user_call(Obj o, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj f = dunder(o, "__call__");
  if (!f) return raise_type_error_not_callable(o);
  Ref bound = bind_descriptor(f, o, o.type());
  if (!bound) return bound;
  return call(bound, args, nargs, kwnames);
}

const char* const kBinopNames[] = {"add", "sub", "mul", "matmul", "truediv", "floordiv", "mod",
                                   "pow", "lshift", "rshift", "and", "xor", "or"};

Ref user_binop(Obj a, Obj b, BinOp op) {
  const char* base = kBinopNames[static_cast<int>(op)];
  char name[24];
  if (a.type()->flags & kTypeUser) {
    std::snprintf(name, sizeof name, "__%s__", base);
    if (Obj f = dunder(a, name)) {
      Ref r = call_dunder(f, a, &b, 1);
      if (!r || r.get() != NotImplemented()) return r;
    }
  }
  if (b.type()->flags & kTypeUser) {
    std::snprintf(name, sizeof name, "__r%s__", base);
    if (Obj f = dunder(b, name)) {
      Ref r = call_dunder(f, b, &a, 1);
      if (!r || r.get() != NotImplemented()) return r;
    }
  }
  return new_ref(NotImplemented());
}

Ref user_inplace(Obj a, Obj b, BinOp op) {
  char name[24];
  std::snprintf(name, sizeof name, "__i%s__", kBinopNames[static_cast<int>(op)]);
  if (Obj f = dunder(a, name)) return call_dunder(f, a, &b, 1);
  return new_ref(NotImplemented());
}

Ref user_unary(Obj a, UnaryOp op) {
  static const char* const kNames[] = {"__neg__", "__pos__", "__invert__"};
  if (Obj f = dunder(a, kNames[static_cast<int>(op)])) return call_dunder(f, a);
  return new_ref(NotImplemented());
}

void instance_destroy(Obj o) { o.as<InstanceObj>()->~InstanceObj(); }

}  // namespace

Ref make_class(const char* name, const char* qualname, Obj base, Obj namespace_dict) {
  TypeObj* b = &object_type;
  if (base) {
    if (!is_type(base)) return raise_message(&exc_TypeError, "bases must be types");
    b = base.as<TypeObj>();
    if (!(b->flags & kTypeBaseType) && !(b->flags & kTypeUser))
      return raise_format(&exc_TypeError, "type '%s' is not an acceptable base type", b->name);
  }
  TypeObj* solid = solid_base(b);
  if (solid != &object_type && !is_subtype(solid, &exc_BaseException))
    return raise_format(&exc_TypeError, "classes deriving from '%s' are not supported", solid->name);
  auto* t = new TypeObj{};
  t->head = {kImmortal, &type_type};
  t->name_ref = str_intern(name);
  t->name = str_view(t->name_ref).data();
  t->qualname = str_intern(qualname);
  t->base = b;
  t->flags = kTypeUser | kTypeHasDict | (b->flags & kTypeException);
  t->destroy = is_subtype(solid, &exc_BaseException) ? solid->destroy : instance_destroy;
  t->repr = user_repr;
  t->str = user_str;
  t->hash = user_hash;
  t->compare = user_compare;
  t->truth = user_truth;
  t->len = user_len;
  t->iter = user_iter;
  t->next = user_next;
  t->getitem = user_getitem;
  t->setitem = user_setitem;
  t->contains = user_contains;
  t->call = user_call;
  t->binop = user_binop;
  t->inplace = user_inplace;
  t->unary = user_unary;
  t->getattr = is_subtype(solid, &exc_BaseException) ? solid->getattr : nullptr;
  t->setattr = is_subtype(solid, &exc_BaseException) ? solid->setattr : nullptr;
  t->construct = nullptr;
  t->dict = make_dict();
  types_changed();  // Invariant C: a new type may reuse a freed one's address
  if (namespace_dict && !dict_update(t->dict, namespace_dict)) return Ref();
  // As CPython's type_new: a class body that defines __eq__ but not
  // __hash__ gets __hash__ = None (unhashable even if a base is hashable).
  static const Ref eq_name = str_intern("__eq__"), hash_name = str_intern("__hash__");
  if (dict_get_str(t->dict, eq_name) && !dict_get_str(t->dict, hash_name) && !dict_set(t->dict, hash_name, None()))
    return Ref();
  return Ref::borrow(Obj::of(t));
}

// --- property, staticmethod, classmethod ---

namespace {

void wrapper_destroy(Obj o) { o.as<WrapperObj>()->~WrapperObj(); }
void property_destroy(Obj o) { o.as<PropertyObj>()->~PropertyObj(); }

Ref property_getattr(Obj self, Obj name) {
  auto* p = self.as<PropertyObj>();
  const std::string_view n = str_view(name);
  if (n == "fget") return Ref::borrow(p->getter ? p->getter.get() : None());
  if (n == "fset") return Ref::borrow(p->setter ? p->setter.get() : None());
  if (n == "fdel") return Ref::borrow(p->deleter ? p->deleter.get() : None());
  // prop.setter(f) / prop.deleter(f): a copy with that function.
  NativeFn fn = nullptr;
  if (n == "setter")
    fn = [](Obj s, const Obj* a, std::size_t na, Obj) -> Ref {
      if (na != 1) return raise_message(&exc_TypeError, "setter() takes exactly one argument");
      auto* q = s.as<PropertyObj>();
      return Ref::steal(Obj::of(make<PropertyObj>(&property_type, q->getter, Ref::borrow(a[0]), q->deleter)));
    };
  else if (n == "deleter")
    fn = [](Obj s, const Obj* a, std::size_t na, Obj) -> Ref {
      if (na != 1) return raise_message(&exc_TypeError, "deleter() takes exactly one argument");
      auto* q = s.as<PropertyObj>();
      return Ref::steal(Obj::of(make<PropertyObj>(&property_type, q->getter, q->setter, Ref::borrow(a[0]))));
    };
  else if (n == "getter")
    fn = [](Obj s, const Obj* a, std::size_t na, Obj) -> Ref {
      if (na != 1) return raise_message(&exc_TypeError, "getter() takes exactly one argument");
      auto* q = s.as<PropertyObj>();
      return Ref::steal(Obj::of(make<PropertyObj>(&property_type, Ref::borrow(a[0]), q->setter, q->deleter)));
    };
  if (fn) return make_builtin(n == "setter" ? "setter" : n == "deleter" ? "deleter" : "getter", fn, self);
  return raise_format(&exc_AttributeError, "'property' object has no attribute '%.*s'", static_cast<int>(n.size()),
                      n.data());
}

Ref property_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[4];
  if (!parse_args("property", args, nargs, kwnames, {"fget", "fset", "fdel", "doc"}, 0, a)) return Ref();
  return Ref::steal(Obj::of(make<PropertyObj>(&property_type, Ref::borrow(a[0]), Ref::borrow(a[1]),
                                              Ref::borrow(a[2]))));
}

Ref staticmethod_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (nargs != 1 || !no_keywords("staticmethod", kwnames))
    return error_pending() ? Ref() : raise_message(&exc_TypeError, "staticmethod expected 1 argument");
  return Ref::steal(Obj::of(make<WrapperObj>(&staticmethod_type, Ref::borrow(args[0]))));
}

Ref classmethod_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (nargs != 1 || !no_keywords("classmethod", kwnames))
    return error_pending() ? Ref() : raise_message(&exc_TypeError, "classmethod expected 1 argument");
  return Ref::steal(Obj::of(make<WrapperObj>(&classmethod_type, Ref::borrow(args[0]))));
}

Ref staticmethod_call(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  return call(self.as<WrapperObj>()->function, args, nargs, kwnames);
}

}  // namespace

TypeObj property_type = {.head = GEN_TYPE_HEAD, .name = "property", .base = &object_type, .flags = kTypeBaseType,
    .destroy = property_destroy, .hash = object_hash, .getattr = property_getattr, .construct = property_construct};
TypeObj staticmethod_type = {.head = GEN_TYPE_HEAD, .name = "staticmethod", .base = &object_type,
    .flags = kTypeBaseType, .destroy = wrapper_destroy, .hash = object_hash, .call = staticmethod_call,
    .construct = staticmethod_construct};
TypeObj classmethod_type = {.head = GEN_TYPE_HEAD, .name = "classmethod", .base = &object_type,
    .flags = kTypeBaseType, .destroy = wrapper_destroy, .hash = object_hash, .construct = classmethod_construct};

// --- super() ---

struct SuperObj {
  Header head;
  TypeObj* start;  // lookups begin after this class
  Ref self;
};

namespace {

// The builtin __init__ a class reaches through super(): BaseException's
// sets args; object's takes nothing.
Ref exception_init(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("BaseException.__init__", kwnames)) return Ref();
  std::vector<Ref> items;
  for (std::size_t i = 0; i < nargs; ++i) items.push_back(Ref::borrow(args[i]));
  self.as<ExceptionObj>()->args = make_tuple(std::move(items));
  return new_ref(None());
}
Ref object_init(Obj, const Obj*, std::size_t nargs, Obj kwnames) {
  if (nargs || (kwnames && !tuple_items(kwnames).empty()))
    return raise_message(&exc_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
  return new_ref(None());
}

Ref super_getattr(Obj o, Obj name) {
  auto* s = o.as<SuperObj>();
  Obj self = s->self;
  TypeObj* owner = is_type(self) ? self.as<TypeObj>() : self.type();
  Obj found = type_lookup(s->start->base, name);
  if (!found && !is_type(self) && str_view(name) == "__init__")
    return make_builtin("__init__", isinstance(self, &exc_BaseException) ? exception_init : object_init, self);
  if (!found) {
    const std::string_view n = str_view(name);
    return raise_format(&exc_AttributeError, "'super' object has no attribute '%.*s'", static_cast<int>(n.size()),
                        n.data());
  }
  if (is_type(self)) {
    if (found.type() == &classmethod_type) return make_method(found.as<WrapperObj>()->function, self);
    if (found.type() == &staticmethod_type) return found.as<WrapperObj>()->function;
    return Ref::borrow(found);
  }
  return bind_descriptor(found, self, owner);
}

}  // namespace

TypeObj super_type = {.head = GEN_TYPE_HEAD, .name = "super", .base = &object_type,
    .destroy = [](Obj o) { o.as<SuperObj>()->~SuperObj(); }, .hash = object_hash, .getattr = super_getattr};

// super() inside a method of `klass` with first argument `self`.
Ref make_super(Obj klass, Obj self) {
  if (!klass || !is_type(klass)) return raise_message(&exc_RuntimeError, "super(): __class__ cell not found");
  if (!self) return raise_message(&exc_RuntimeError, "super(): no arguments");
  TypeObj* k = klass.as<TypeObj>();
  const bool ok = is_type(self) ? is_subtype(self.as<TypeObj>(), k) : isinstance(self, k);
  if (!ok) return raise_message(&exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
  return Ref::steal(Obj::of(make<SuperObj>(&super_type, k, Ref::borrow(self))));
}

bool has_index(Obj o) { return is_int(o) || dunder(o, "__index__"); }

Ref index_object(Obj o) {
  if (is_int(o)) return Ref::borrow(o);
  Obj f = dunder(o, "__index__");
  if (!f) return raise_format(&exc_TypeError, "'%s' object cannot be interpreted as an integer", type_name(o));
  Ref r = call_dunder(f, o);
  if (r && !is_int(r))
    return raise_format(&exc_TypeError, "__index__ returned non-int (type %s)", type_name(r));
  return r;
}

}  // namespace gen
