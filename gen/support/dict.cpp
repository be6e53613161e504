// dict: insertion ordered, as CPython's compact dict: entries in insertion
// order, an index table of entry numbers probed with CPython's
// perturbation sequence. Deleted entries stay in place (empty key) until
// the next resize compacts them.
#include <algorithm>

#include "gen/support/internal.h"

namespace gen {

namespace {

constexpr std::int32_t kEmptySlot = -1;
constexpr std::int32_t kDeletedSlot = -2;
constexpr int kPerturbShift = 5;

DictObj* as_dict(Obj o) { return o.as<DictObj>(); }

void rebuild(DictObj* d, std::size_t min_used) {
  std::size_t size = 8;
  while (size * 2 < min_used * 3) size <<= 1;  // load factor below 2/3
  // Compact the entries: the index is rebuilt from scratch.
  std::vector<DictEntry> live;
  live.reserve(std::max(d->used, min_used));
  for (DictEntry& e : d->entries)
    if (e.key) live.push_back(std::move(e));
  d->entries = std::move(live);
  d->index.assign(size, kEmptySlot);
  const std::size_t mask = size - 1;
  for (std::size_t n = 0; n < d->entries.size(); ++n) {
    auto perturb = static_cast<std::uint64_t>(d->entries[n].hash);
    std::size_t i = static_cast<std::size_t>(perturb) & mask;
    while (d->index[i] != kEmptySlot) {
      perturb >>= kPerturbShift;
      i = (i * 5 + static_cast<std::size_t>(perturb) + 1) & mask;
    }
    d->index[i] = static_cast<std::int32_t>(n);
  }
}

// The slot holding `key`, or -1 (then `free_slot` is where it would go);
// -2 when a comparison raised.
std::int64_t lookup(DictObj* d, Obj key, std::int64_t hash, std::size_t& free_slot) {
  if (d->index.empty()) rebuild(d, 0);
  const std::size_t mask = d->index.size() - 1;
  auto perturb = static_cast<std::uint64_t>(hash);
  std::size_t i = static_cast<std::size_t>(perturb) & mask;
  std::size_t first_deleted = SIZE_MAX;
  const bool key_is_str = !key.is_small() && key.type() == &str_type;
  for (;;) {
    const std::int32_t slot = d->index[i];
    if (slot == kEmptySlot) {
      free_slot = first_deleted != SIZE_MAX ? first_deleted : i;
      return -1;
    }
    if (slot == kDeletedSlot) {
      if (first_deleted == SIZE_MAX) first_deleted = i;
    } else {
      DictEntry& e = d->entries[static_cast<std::size_t>(slot)];
      if (e.key.get() == key) return static_cast<std::int64_t>(i);
      if (e.hash == hash) {
        Obj k = e.key;
        if (key_is_str && !k.is_small() && k.type() == &str_type) {
          if (str_equal(k, key)) return static_cast<std::int64_t>(i);
        } else {
          Ref hold = e.key;  // __eq__ may mutate the dict
          const int eq = equals(hold, key);
          if (eq < 0) return -2;
          if (eq) return static_cast<std::int64_t>(i);
        }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + static_cast<std::size_t>(perturb) + 1) & mask;
  }
}

bool key_hash(Obj key, std::int64_t& h) {
  if (!key.is_small() && key.type() == &str_type) {
    h = str_hash(key);
    return true;
  }
  return hash(key, h);
}

}  // namespace

Ref make_dict() {
  return Ref::steal(Obj::of(make<DictObj>(&dict_type, std::vector<DictEntry>{}, std::vector<std::int32_t>{},
                                          std::size_t{0})));
}

std::size_t dict_size(Obj dict) { return as_dict(dict)->used; }

Ref dict_get(Obj dict, Obj key) {
  std::int64_t h;
  if (!key_hash(key, h)) return Ref();
  std::size_t free_slot;
  DictObj* d = as_dict(dict);
  const std::int64_t i = lookup(d, key, h, free_slot);
  if (i < 0) return Ref();
  return d->entries[static_cast<std::size_t>(d->index[static_cast<std::size_t>(i)])].value;
}

Obj dict_get_str(Obj dict, Obj key) {
  std::size_t free_slot;
  DictObj* d = as_dict(dict);
  const std::int64_t i = lookup(d, key, str_hash(key), free_slot);
  if (i < 0) return Obj();
  return d->entries[static_cast<std::size_t>(d->index[static_cast<std::size_t>(i)])].value;
}

bool dict_set(Obj dict, Obj key, Obj value) {
  std::int64_t h;
  if (!key_hash(key, h)) return false;
  DictObj* d = as_dict(dict);
  std::size_t free_slot;
  const std::int64_t i = lookup(d, key, h, free_slot);
  if (i == -2) return false;
  if (i >= 0) {
    d->entries[static_cast<std::size_t>(d->index[static_cast<std::size_t>(i)])].value = Ref::borrow(value);
    return true;
  }
  if ((d->entries.size() + 1) * 3 > d->index.size() * 2) {
    rebuild(d, d->used + 1 > 4 ? (d->used + 1) * 2 : 8);
    lookup(d, key, h, free_slot);
  }
  d->index[free_slot] = static_cast<std::int32_t>(d->entries.size());
  d->entries.push_back(DictEntry{h, Ref::borrow(key), Ref::borrow(value)});
  d->key_filter |= dict_filter_bit(h);
  ++d->used;
  return true;
}

int dict_del(Obj dict, Obj key) {
  std::int64_t h;
  if (!key_hash(key, h)) return -1;
  DictObj* d = as_dict(dict);
  std::size_t free_slot;
  const std::int64_t i = lookup(d, key, h, free_slot);
  if (i == -2) return -1;
  if (i == -1) return 0;
  DictEntry& e = d->entries[static_cast<std::size_t>(d->index[static_cast<std::size_t>(i)])];
  d->index[static_cast<std::size_t>(i)] = kDeletedSlot;
  Ref old_key = std::move(e.key), old_value = std::move(e.value);
  e.key.reset();
  --d->used;
  return 1;
}

void dict_clear(Obj dict) {
  DictObj* d = as_dict(dict);
  std::vector<DictEntry> old = std::move(d->entries);
  d->entries.clear();
  d->index.clear();
  d->used = 0;
  d->key_filter = 0;
}

namespace {

thread_local std::vector<std::uint64_t> dict_repr_active;

Ref dict_repr(Obj o) {
  if (std::find(dict_repr_active.begin(), dict_repr_active.end(), o.bits()) != dict_repr_active.end())
    return str_intern("{...}");
  dict_repr_active.push_back(o.bits());
  std::string s = "{";
  bool first = true;
  Ref result;
  for (std::size_t n = 0; n < as_dict(o)->entries.size(); ++n) {
    DictEntry& e = as_dict(o)->entries[n];
    if (!e.key) continue;
    Ref k = e.key, v = e.value;
    if (!first) s += ", ";
    first = false;
    Ref kr = repr(k);
    if (!kr) goto done;
    s += str_view(kr);
    s += ": ";
    {
      Ref vr = repr(v);
      if (!vr) goto done;
      s += str_view(vr);
    }
  }
  s += "}";
  result = str_from(s);
done:
  dict_repr_active.pop_back();
  return result;
}

std::int64_t dict_len(Obj o) { return static_cast<std::int64_t>(as_dict(o)->used); }

Ref dict_getitem(Obj o, Obj key) {
  Ref v = dict_get(o, key);
  if (v || error_pending()) return v;
  return raise_key_error(key);
}

bool dict_setitem(Obj o, Obj key, Obj value) {
  if (value) return dict_set(o, key, value);
  const int r = dict_del(o, key);
  if (r == 0) raise_key_error(key);
  return r == 1;
}

int dict_contains(Obj o, Obj key) {
  Ref v = dict_get(o, key);
  if (v) return 1;
  return error_pending() ? -1 : 0;
}

Ref dict_compare(Obj a, Obj b, CmpOp op) {
  if (!is_dict(b) || (op != CmpOp::Eq && op != CmpOp::Ne)) return new_ref(NotImplemented());
  bool equal = dict_size(a) == dict_size(b);
  if (equal) {
    for (std::size_t n = 0; n < as_dict(a)->entries.size() && equal; ++n) {
      DictEntry& e = as_dict(a)->entries[n];
      if (!e.key) continue;
      Ref k = e.key, v = e.value;
      Ref other = dict_get(b, k);
      if (!other) {
        if (error_pending()) return Ref();
        equal = false;
        break;
      }
      const int eq = equals(v, other);
      if (eq < 0) return Ref();
      equal = eq == 1;
    }
  }
  return new_ref(Bool(op == CmpOp::Eq ? equal : !equal));
}

Ref dict_binop(Obj a, Obj b, BinOp op) {
  if (op != BinOp::Or || !is_dict(a) || !is_dict(b)) return new_ref(NotImplemented());
  Ref out = make_dict();
  for (Obj src : {a, b})
    for (std::size_t n = 0; n < as_dict(src)->entries.size(); ++n) {
      DictEntry& e = as_dict(src)->entries[n];
      if (e.key && !dict_set(out, e.key, e.value)) return Ref();
    }
  return out;
}

// d |= other: updates d itself from a mapping or an iterable of pairs, as
// dict.update (CPython's dict_ior); d | other wants two dicts.
bool dict_update_from(Obj self, Obj other);
Ref dict_inplace(Obj a, Obj b, BinOp op) {
  if (op != BinOp::Or || !is_dict(a)) return new_ref(NotImplemented());
  if (!dict_update_from(a, b)) return Ref();
  return Ref::borrow(a);
}

// Iterators over keys, values or items, in insertion order; changing the
// dict's size while iterating raises, as CPython does.
enum class DictIterKind : std::uint8_t { Keys, Values, Items };
struct DictIterObj {
  Header head;
  Ref dict;
  std::size_t pos;
  std::size_t expected_used;
  std::size_t remaining;
  DictIterKind kind;
};

Ref dict_iter_next(Obj it) {
  auto* s = it.as<DictIterObj>();
  if (!s->dict) return Ref();
  DictObj* d = as_dict(s->dict);
  if (d->used != s->expected_used) {
    s->expected_used = SIZE_MAX;
    return raise_message(&exc_RuntimeError, "dictionary changed size during iteration");
  }
  while (s->pos < d->entries.size() && !d->entries[s->pos].key) ++s->pos;
  if (s->pos >= d->entries.size()) {
    s->dict.reset();
    return Ref();
  }
  DictEntry& e = d->entries[s->pos++];
  switch (s->kind) {
    case DictIterKind::Keys: return e.key;
    case DictIterKind::Values: return e.value;
    case DictIterKind::Items: return tuple_of({e.key, e.value});
  }
  return Ref();
}

TypeObj dict_iterator_type = {.head = GEN_TYPE_HEAD, .name = "dict_keyiterator", .base = &object_type,
    .destroy = [](Obj o) { o.as<DictIterObj>()->~DictIterObj(); }, .hash = object_hash, .iter = self_iter_slot,
    .next = dict_iter_next};

Ref make_dict_iter(Obj dict, DictIterKind kind) {
  return Ref::steal(Obj::of(make<DictIterObj>(&dict_iterator_type, Ref::borrow(dict), std::size_t{0},
                                              as_dict(dict)->used, as_dict(dict)->used, kind)));
}

Ref dict_iter(Obj o) { return make_dict_iter(o, DictIterKind::Keys); }

// Views: dict.keys(), .values(), .items() — iterable, sized, printable.
struct DictViewObj {
  Header head;
  Ref dict;
  DictIterKind kind;
};
Ref view_iter(Obj o) { return make_dict_iter(o.as<DictViewObj>()->dict, o.as<DictViewObj>()->kind); }
std::int64_t view_len(Obj o) { return static_cast<std::int64_t>(dict_size(o.as<DictViewObj>()->dict)); }
Ref view_repr(Obj o) {
  auto* v = o.as<DictViewObj>();
  Ref items = list_from_iterable(o);
  if (!items) return items;
  Ref inner = repr(items);
  if (!inner) return inner;
  static const char* const kNames[] = {"dict_keys(", "dict_values(", "dict_items("};
  std::string s = kNames[static_cast<int>(v->kind)];
  s += str_view(inner);
  s += ")";
  return str_from(s);
}
int view_contains(Obj o, Obj value) {
  auto* v = o.as<DictViewObj>();
  if (v->kind == DictIterKind::Keys) return dict_contains(v->dict, value);
  if (v->kind == DictIterKind::Items) {
    if (!is_tuple(value) || tuple_items(value).size() != 2) return 0;
    Ref found = dict_get(v->dict, tuple_items(value)[0]);
    if (!found) return error_pending() ? -1 : 0;
    return equals(found, tuple_items(value)[1]);
  }
  Ref it = view_iter(o);
  for (;;) {
    Ref x = next(it);
    if (!x) return error_pending() ? -1 : 0;
    const int eq = equals(x, value);
    if (eq) return eq;
  }
}

// Keys and items views are set-like (CPython's collections.abc.Set): the
// operators give sets, comparisons compare as sets.
bool set_like(Obj o) {
  if (is_anyset(o)) return true;
  return (o.type() == &dict_keys_type || o.type() == &dict_items_type);
}

Ref as_set(Obj o) {
  if (is_anyset(o)) return Ref::borrow(o);
  Ref s = make_set();
  if (!set_update(s, o)) return Ref();
  return s;
}

Ref view_binop(Obj a, Obj b, BinOp op) {
  if (op != BinOp::And && op != BinOp::Or && op != BinOp::Sub && op != BinOp::Xor) return new_ref(NotImplemented());
  // The left operand becomes a new set (even when it is one: the result
  // must not alias it); the right one any iterable.
  Ref left = make_set();
  if (!set_update(left, a)) return Ref();
  Ref right = as_set(b);
  if (!right) return right;
  return binary(left, right, op);
}

Ref view_compare(Obj a, Obj b, CmpOp op) {
  if (!set_like(b)) return new_ref(NotImplemented());
  Ref left = as_set(a);
  Ref right = left ? as_set(b) : Ref();
  if (!right) return Ref();
  return compare(left, right, op);
}

Ref m_isdisjoint(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("isdisjoint", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "isdisjoint() takes exactly one argument (%zu given)", nargs);
  Ref it = iter(args[0]);
  if (!it) return it;
  for (;;) {
    Ref x = next(it);
    if (!x) return error_pending() ? Ref() : new_ref(True());
    const int found = view_contains(self, x);
    if (found < 0) return Ref();
    if (found) return new_ref(False());
  }
}

constexpr MethodDef kSetViewMethods[] = {{"isdisjoint", m_isdisjoint}};

}  // namespace

TypeObj dict_keys_type = {.head = GEN_TYPE_HEAD, .name = "dict_keys", .base = &object_type,
    .destroy = [](Obj o) { o.as<DictViewObj>()->~DictViewObj(); }, .repr = view_repr, .compare = view_compare,
    .len = view_len, .iter = view_iter, .contains = view_contains, .binop = view_binop};
TypeObj dict_values_type = {.head = GEN_TYPE_HEAD, .name = "dict_values", .base = &object_type,
    .destroy = [](Obj o) { o.as<DictViewObj>()->~DictViewObj(); }, .repr = view_repr, .len = view_len,
    .iter = view_iter, .contains = view_contains};
TypeObj dict_items_type = {.head = GEN_TYPE_HEAD, .name = "dict_items", .base = &object_type,
    .destroy = [](Obj o) { o.as<DictViewObj>()->~DictViewObj(); }, .repr = view_repr, .compare = view_compare,
    .len = view_len, .iter = view_iter, .contains = view_contains, .binop = view_binop};

bool is_dict_view(Obj o) {
  return o.type() == &dict_keys_type || o.type() == &dict_values_type || o.type() == &dict_items_type;
}

namespace {

Ref make_view(Obj dict, DictIterKind kind) {
  TypeObj* type = kind == DictIterKind::Keys ? &dict_keys_type : kind == DictIterKind::Values ? &dict_values_type
                                                                                              : &dict_items_type;
  return Ref::steal(Obj::of(make<DictViewObj>(type, Ref::borrow(dict), kind)));
}

// --- methods ---

Ref m_keys(Obj self, const Obj*, std::size_t, Obj) { return make_view(self, DictIterKind::Keys); }
Ref m_values(Obj self, const Obj*, std::size_t, Obj) { return make_view(self, DictIterKind::Values); }
Ref m_items(Obj self, const Obj*, std::size_t, Obj) { return make_view(self, DictIterKind::Items); }

Ref m_get(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("get", args, nargs, kwnames, {"key", "default"}, 1, a)) return Ref();
  Ref v = dict_get(self, a[0]);
  if (v || error_pending()) return v;
  return Ref::borrow(a[1] ? a[1] : None());
}

Ref m_setdefault(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("setdefault", args, nargs, kwnames, {"key", "default"}, 1, a)) return Ref();
  Ref v = dict_get(self, a[0]);
  if (v || error_pending()) return v;
  Obj d = a[1] ? a[1] : None();
  if (!dict_set(self, a[0], d)) return Ref();
  return Ref::borrow(d);
}

Ref m_pop(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("pop", args, nargs, kwnames, {"key", "default"}, 1, a)) return Ref();
  Ref v = dict_get(self, a[0]);
  if (!v) {
    if (error_pending()) return v;
    if (a[1]) return Ref::borrow(a[1]);
    return raise_key_error(a[0]);
  }
  if (dict_del(self, a[0]) < 0) return Ref();
  return v;
}

Ref m_popitem(Obj self, const Obj*, std::size_t, Obj) {
  DictObj* d = as_dict(self);
  for (std::size_t n = d->entries.size(); n-- > 0;) {
    DictEntry& e = d->entries[n];
    if (!e.key) continue;
    Ref item = tuple_of({e.key, e.value});
    Ref key = e.key;
    if (dict_del(self, key) < 0) return Ref();
    return item;
  }
  return raise_message(&exc_KeyError, "popitem(): dictionary is empty");
}

bool dict_update_from(Obj self, Obj other) {
  if (is_dict(other)) {
    std::vector<DictEntry> copy;
    for (DictEntry& e : as_dict(other)->entries)
      if (e.key) copy.push_back(DictEntry{e.hash, e.key, e.value});
    for (DictEntry& e : copy)
      if (!dict_set(self, e.key, e.value)) return false;
    return true;
  }
  Ref it = iter(other);
  if (!it) return false;
  for (std::size_t n = 0;; ++n) {
    Ref item = next(it);
    if (!item) return !error_pending();
    Ref kv[2];
    Ref seq = tuple_from_iterable(item);
    if (!seq) {
      clear_error();
      raise_format(&exc_TypeError, "cannot convert dictionary update sequence element #%zu to a sequence", n);
      return false;
    }
    if (tuple_items(seq).size() != 2) {
      raise_format(&exc_ValueError, "dictionary update sequence element #%zu has length %zu; 2 is required", n,
                   tuple_items(seq).size());
      return false;
    }
    if (!dict_set(self, tuple_items(seq)[0], tuple_items(seq)[1])) return false;
  }
}

Ref m_update(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (nargs > 1) return raise_format(&exc_TypeError, "update expected at most 1 argument, got %zu", nargs);
  if (nargs == 1 && !dict_update_from(self, args[0])) return Ref();
  if (kwnames) {
    const auto& names = tuple_items(kwnames);
    for (std::size_t i = 0; i < names.size(); ++i)
      if (!dict_set(self, names[i], args[nargs + i])) return Ref();
  }
  return new_ref(None());
}

Ref m_clear(Obj self, const Obj*, std::size_t, Obj) {
  dict_clear(self);
  return new_ref(None());
}

Ref m_copy(Obj self, const Obj*, std::size_t, Obj) {
  Ref out = make_dict();
  if (!dict_update_from(out, self)) return Ref();
  return out;
}

// dict.fromkeys(iterable, value=None)
Ref dict_fromkeys(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("fromkeys", kwnames)) return Ref();
  if (nargs < 1 || nargs > 2)
    return raise_format(&exc_TypeError, "fromkeys expected %s 1 argument%s, got %zu", nargs < 1 ? "at least" : "at most",
                        nargs < 1 ? "" : "s", nargs);
  Obj value = nargs == 2 ? args[1] : None();
  Ref out = make_dict();
  Ref it = iter(args[0]);
  if (!it) return it;
  for (;;) {
    Ref k = next(it);
    if (!k) return error_pending() ? Ref() : out;
    if (!dict_set(out, k, value)) return Ref();
  }
}

constexpr MethodDef kDictMethods[] = {
    {"keys", m_keys},   {"values", m_values}, {"items", m_items},   {"get", m_get},
    {"setdefault", m_setdefault}, {"pop", m_pop}, {"popitem", m_popitem}, {"update", m_update},
    {"clear", m_clear}, {"copy", m_copy},
};

void dict_destroy(Obj o) { o.as<DictObj>()->~DictObj(); }

}  // namespace

bool dict_update(Obj self, Obj other) { return dict_update_from(self, other); }

Ref dict_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);

TypeObj dict_type = {.head = GEN_TYPE_HEAD, .name = "dict", .base = &object_type, .flags = kTypeBaseType,
    .destroy = dict_destroy, .repr = dict_repr, .compare = dict_compare, .len = dict_len, .iter = dict_iter,
    .getitem = dict_getitem, .setitem = dict_setitem, .contains = dict_contains, .binop = dict_binop,
    .inplace = dict_inplace, .construct = dict_construct};

void init_dict_methods() {
  add_methods(&dict_type, kDictMethods);
  add_methods(&dict_keys_type, kSetViewMethods);
  add_methods(&dict_items_type, kSetViewMethods);
  // dict.fromkeys is a class method: called on the type, not bound.
  Ref fromkeys = make_builtin("fromkeys", dict_fromkeys);
  fromkeys.get().header()->refcnt = kImmortal;
  Ref name = str_intern("fromkeys");
  dict_set(dict_type.dict, name, fromkeys);
}

}  // namespace gen
