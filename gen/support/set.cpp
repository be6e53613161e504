// set and frozenset with CPython 3.11's table: 8 slots to start, linear
// probes of up to 9 slots then a perturbed jump, resize to 4x the used
// count when fill reaches 3/5 of the mask. Programs print sets, and a
// set's order is its table's, so the layout is CPython's, step for step.
#include "gen/support/internal.h"

namespace gen {

namespace {

constexpr std::size_t kMinSize = 8;
constexpr std::size_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;
constexpr std::int64_t kDummyHash = -1;

SetObj* as_set(Obj o) { return o.as<SetObj>(); }

// Inserts a key known to be absent into a table without deleted entries.
void insert_clean(std::vector<SetEntry>& table, Ref key, std::int64_t hash) {
  const std::size_t mask = table.size() - 1;
  auto perturb = static_cast<std::uint64_t>(hash);
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  for (;;) {
    if (!table[i].key) break;
    bool found = false;
    if (i + kLinearProbes <= mask) {
      for (std::size_t j = 1; j <= kLinearProbes; ++j) {
        if (!table[i + j].key) {
          i += j;
          found = true;
          break;
        }
      }
    }
    if (found) break;
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + static_cast<std::size_t>(perturb)) & mask;
  }
  table[i].key = std::move(key);
  table[i].hash = hash;
}

void resize(SetObj* s, std::size_t min_used) {
  std::size_t size = kMinSize;
  while (size <= min_used) size <<= 1;
  std::vector<SetEntry> old = std::move(s->table);
  s->table.assign(size, SetEntry{0, Ref()});
  for (SetEntry& e : old)
    if (e.key) insert_clean(s->table, std::move(e.key), e.hash);
  s->fill = s->used;
}

// The entry holding key, or null; `error` when a comparison raised.
SetEntry* lookup(SetObj* s, Obj key, std::int64_t hash, bool& error) {
  error = false;
  const std::size_t mask = s->table.size() - 1;
  auto perturb = static_cast<std::uint64_t>(hash);
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  for (;;) {
    const std::size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    for (std::size_t j = 0; j <= probes; ++j) {
      SetEntry& e = s->table[i + j];
      if (e.hash == 0 && !e.key) return nullptr;
      if (e.key && e.hash == hash) {
        if (e.key.get() == key) return &e;
        Ref hold = e.key;
        const int eq = equals(hold, key);
        if (eq < 0) {
          error = true;
          return nullptr;
        }
        if (eq) return &e;
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + static_cast<std::size_t>(perturb)) & mask;
  }
}

bool add_entry(SetObj* s, Obj key, std::int64_t hash) {
  const std::size_t mask = s->table.size() - 1;
  auto perturb = static_cast<std::uint64_t>(hash);
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  SetEntry* freeslot = nullptr;
  for (;;) {
    const std::size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    for (std::size_t j = 0; j <= probes; ++j) {
      SetEntry& e = s->table[i + j];
      if (e.hash == 0 && !e.key) {
        if (freeslot) {
          freeslot->key = Ref::borrow(key);
          freeslot->hash = hash;
          ++s->used;
          return true;
        }
        e.key = Ref::borrow(key);
        e.hash = hash;
        ++s->fill;
        ++s->used;
        if (s->fill * 5 >= mask * 3) resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
        return true;
      }
      if (e.key && e.hash == hash) {
        if (e.key.get() == key) return true;
        Ref hold = e.key;
        const int eq = equals(hold, key);
        if (eq < 0) return false;
        if (eq) return true;
      } else if (!e.key && e.hash == kDummyHash && !freeslot) {
        freeslot = &e;
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + static_cast<std::size_t>(perturb)) & mask;
  }
}

}  // namespace

Ref make_set(TypeObj* type) {
  auto* s = make<SetObj>(type, std::vector<SetEntry>(kMinSize), std::size_t{0}, std::size_t{0}, std::int64_t{-1},
                         std::size_t{0});
  return Ref::steal(Obj::of(s));
}

bool set_add(Obj set, Obj key) {
  std::int64_t h;
  if (!hash(key, h)) return false;
  return add_entry(as_set(set), key, h);
}

int set_contains(Obj set, Obj key) {
  std::int64_t h;
  if (!hash(key, h)) {
    // `[1] in {...}` is False only for unhashable sets; others raise.
    return -1;
  }
  bool error;
  SetEntry* e = lookup(as_set(set), key, h, error);
  if (error) return -1;
  return e != nullptr;
}

int set_discard(Obj set, Obj key) {
  std::int64_t h;
  if (!hash(key, h)) return -1;
  bool error;
  SetEntry* e = lookup(as_set(set), key, h, error);
  if (error) return -1;
  if (!e) return 0;
  Ref old = std::move(e->key);
  e->key.reset();
  e->hash = kDummyHash;
  --as_set(set)->used;
  return 1;
}

// set.update / the constructor: CPython's set_merge for sets (one resize
// up front; a plain copy of the table when sizes match and nothing is
// deleted), key by key otherwise.
bool set_update(Obj set, Obj other) {
  SetObj* s = as_set(set);
  if (is_anyset(other)) {
    SetObj* o = as_set(other);
    if (o == s || o->used == 0) return true;
    if ((s->fill + o->used) * 5 >= (s->table.size() - 1) * 3) resize(s, (s->used + o->used) * 2);
    if (s->fill == 0 && s->table.size() == o->table.size() && o->fill == o->used) {
      for (std::size_t i = 0; i < o->table.size(); ++i)
        if (o->table[i].key) s->table[i] = SetEntry{o->table[i].hash, o->table[i].key};
      s->fill = o->fill;
      s->used = o->used;
      return true;
    }
    if (s->fill == 0) {
      s->fill = s->used = o->used;
      for (SetEntry& e : o->table)
        if (e.key) insert_clean(s->table, e.key, e.hash);
      return true;
    }
    std::vector<SetEntry> copy;
    for (SetEntry& e : o->table)
      if (e.key) copy.push_back(SetEntry{e.hash, e.key});
    for (SetEntry& e : copy)
      if (!add_entry(s, e.key, e.hash)) return false;
    return true;
  }
  if (is_dict(other)) {
    DictObj* d = other.as<DictObj>();
    if ((s->fill + d->used) * 5 >= (s->table.size() - 1) * 3) resize(s, (s->used + d->used) * 2);
    std::vector<DictEntry> copy;
    for (DictEntry& e : d->entries)
      if (e.key) copy.push_back(DictEntry{e.hash, e.key, Ref()});
    for (DictEntry& e : copy)
      if (!add_entry(s, e.key, e.hash)) return false;
    return true;
  }
  Ref it = iter(other);
  if (!it) return false;
  for (;;) {
    Ref v = next(it);
    if (!v) return !error_pending();
    if (!set_add(set, v)) return false;
  }
}

namespace {

Ref new_like(Obj o) { return make_set(is_subtype(o.type(), &frozenset_type) ? &frozenset_type : &set_type); }

Ref copy_of(Obj o, TypeObj* type) {
  Ref out = make_set(type);
  if (!set_update(out, o)) return Ref();
  return out;
}

Ref set_repr(Obj o) {
  SetObj* s = as_set(o);
  const bool frozen = o.type() == &frozenset_type;
  if (s->used == 0) return str_intern(frozen ? "frozenset()" : "set()");
  std::vector<Ref> items;
  for (SetEntry& e : s->table)
    if (e.key) items.push_back(e.key);
  Ref inner = sequence_repr(items, "{", "}", false);
  if (!inner || !frozen) return inner;
  std::string out = "frozenset(";
  out += str_view(inner);
  out += ")";
  return str_from(out);
}

std::int64_t set_len(Obj o) { return static_cast<std::int64_t>(as_set(o)->used); }

int set_contains_slot(Obj o, Obj key) {
  std::int64_t h;
  if (!hash(key, h)) return -1;
  bool error;
  SetEntry* e = lookup(as_set(o), key, h, error);
  return error ? -1 : e != nullptr;
}

bool is_subset(Obj a, Obj b, int& result) {
  if (as_set(a)->used > as_set(b)->used) {
    result = 0;
    return true;
  }
  for (SetEntry& e : as_set(a)->table) {
    if (!e.key) continue;
    bool error;
    if (!lookup(as_set(b), e.key, e.hash, error)) {
      if (error) return false;
      result = 0;
      return true;
    }
  }
  result = 1;
  return true;
}

Ref set_compare(Obj a, Obj b, CmpOp op) {
  if (!is_anyset(b)) return new_ref(NotImplemented());
  int r = 0;
  const std::size_t x = as_set(a)->used, y = as_set(b)->used;
  switch (op) {
    case CmpOp::Eq:
    case CmpOp::Ne:
      if (x != y) {
        r = 0;
      } else if (!is_subset(a, b, r)) {
        return Ref();
      }
      if (op == CmpOp::Ne) r = !r;
      break;
    case CmpOp::Le:
      if (!is_subset(a, b, r)) return Ref();
      break;
    case CmpOp::Lt:
      if (x >= y) break;
      if (!is_subset(a, b, r)) return Ref();
      break;
    case CmpOp::Ge:
      if (!is_subset(b, a, r)) return Ref();
      break;
    case CmpOp::Gt:
      if (y >= x) break;
      if (!is_subset(b, a, r)) return Ref();
      break;
  }
  return new_ref(Bool(r != 0));
}

Ref set_intersection(Obj a, Obj b) {
  Ref out = new_like(a);
  Obj big = a, small = b;
  if (as_set(b)->used > as_set(a)->used) std::swap(big, small);
  for (SetEntry& e : as_set(small)->table) {
    if (!e.key) continue;
    bool error;
    if (lookup(as_set(big), e.key, e.hash, error)) {
      if (!add_entry(as_set(out), e.key, e.hash)) return Ref();
    } else if (error) {
      return Ref();
    }
  }
  return out;
}

Ref set_difference(Obj a, Obj b) {
  Ref out = new_like(a);
  if ((as_set(a)->used >> 2) > as_set(b)->used) {
    // CPython: copy, then remove the few others.
    if (!set_update(out, a)) return Ref();
    for (SetEntry& e : as_set(b)->table)
      if (e.key && set_discard(out, e.key) < 0) return Ref();
    return out;
  }
  for (SetEntry& e : as_set(a)->table) {
    if (!e.key) continue;
    bool error;
    if (!lookup(as_set(b), e.key, e.hash, error)) {
      if (error) return Ref();
      if (!add_entry(as_set(out), e.key, e.hash)) return Ref();
    }
  }
  return out;
}

bool symmetric_update(Obj target, Obj other) {
  std::vector<SetEntry> copy;
  for (SetEntry& e : as_set(other)->table)
    if (e.key) copy.push_back(SetEntry{e.hash, e.key});
  for (SetEntry& e : copy) {
    bool error;
    SetEntry* found = lookup(as_set(target), e.key, e.hash, error);
    if (error) return false;
    if (found) {
      found->key.reset();
      found->hash = kDummyHash;
      --as_set(target)->used;
    } else if (!add_entry(as_set(target), e.key, e.hash)) {
      return false;
    }
  }
  return true;
}

Ref set_binop(Obj a, Obj b, BinOp op) {
  if (!is_anyset(a) || !is_anyset(b)) return new_ref(NotImplemented());
  switch (op) {
    case BinOp::Or: {
      Ref out = copy_of(a, is_subtype(a.type(), &frozenset_type) ? &frozenset_type : &set_type);
      if (!out || !set_update(out, b)) return Ref();
      return out;
    }
    case BinOp::And: return set_intersection(a, b);
    case BinOp::Sub: return set_difference(a, b);
    case BinOp::Xor: {
      Ref out = copy_of(b, is_subtype(a.type(), &frozenset_type) ? &frozenset_type : &set_type);
      if (!out || !symmetric_update(out, a)) return Ref();
      return out;
    }
    default: return new_ref(NotImplemented());
  }
}

Ref set_inplace(Obj a, Obj b, BinOp op) {
  if (a.type() == &frozenset_type || !is_anyset(b)) return new_ref(NotImplemented());
  switch (op) {
    case BinOp::Or:
      if (!set_update(a, b)) return Ref();
      return Ref::borrow(a);
    case BinOp::Xor:
      if (!symmetric_update(a, b)) return Ref();
      return Ref::borrow(a);
    case BinOp::And:
    case BinOp::Sub: {
      Ref r = op == BinOp::And ? set_intersection(a, b) : set_difference(a, b);
      if (!r) return r;
      std::swap(as_set(a)->table, as_set(r)->table);
      std::swap(as_set(a)->fill, as_set(r)->fill);
      std::swap(as_set(a)->used, as_set(r)->used);
      return Ref::borrow(a);
    }
    default: return new_ref(NotImplemented());
  }
}

bool frozenset_hash(Obj o, std::int64_t& out) {
  SetObj* s = as_set(o);
  if (s->hash != -1) {
    out = s->hash;
    return true;
  }
  // CPython's frozenset hash: order independent, entries shuffled.
  std::uint64_t h = 0;
  for (SetEntry& e : s->table) {
    if (!e.key) continue;
    const auto x = static_cast<std::uint64_t>(e.hash);
    h ^= ((x ^ 89869747ull) ^ (x << 16)) * 3644798167ull;
  }
  h ^= (s->used + 1) * 1927868237ull;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069u + 907133923ull;
  if (h == static_cast<std::uint64_t>(-1)) h = 590923713ull;
  s->hash = static_cast<std::int64_t>(h);
  out = s->hash;
  return true;
}

struct SetIterObj {
  Header head;
  Ref set;
  std::size_t pos;
  std::size_t expected_used;
};

Ref set_iter_next(Obj it) {
  auto* s = it.as<SetIterObj>();
  if (!s->set) return Ref();
  SetObj* set = as_set(s->set);
  if (set->used != s->expected_used) {
    s->expected_used = SIZE_MAX;
    return raise_message(&exc_RuntimeError, "Set changed size during iteration");
  }
  while (s->pos < set->table.size() && !set->table[s->pos].key) ++s->pos;
  if (s->pos >= set->table.size()) {
    s->set.reset();
    return Ref();
  }
  return set->table[s->pos++].key;
}

TypeObj set_iterator_type = {.head = GEN_TYPE_HEAD, .name = "set_iterator", .base = &object_type,
    .destroy = [](Obj o) { o.as<SetIterObj>()->~SetIterObj(); }, .hash = object_hash, .iter = self_iter_slot,
    .next = set_iter_next};

Ref set_iter(Obj o) {
  return Ref::steal(Obj::of(make<SetIterObj>(&set_iterator_type, Ref::borrow(o), std::size_t{0}, as_set(o)->used)));
}

void set_destroy(Obj o) { o.as<SetObj>()->~SetObj(); }

// --- methods ---

Ref m_add(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("add", args, nargs, kwnames, {"elem"}, 1, a)) return Ref();
  if (!set_add(self, a[0])) return Ref();
  return new_ref(None());
}
Ref m_discard(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("discard", args, nargs, kwnames, {"elem"}, 1, a)) return Ref();
  if (set_discard(self, a[0]) < 0) return Ref();
  return new_ref(None());
}
Ref m_remove(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("remove", args, nargs, kwnames, {"elem"}, 1, a)) return Ref();
  const int r = set_discard(self, a[0]);
  if (r < 0) return Ref();
  if (r == 0) return raise_key_error(a[0]);
  return new_ref(None());
}
Ref m_pop(Obj self, const Obj*, std::size_t, Obj) {
  SetObj* s = as_set(self);
  if (s->used == 0) return raise_message(&exc_KeyError, "pop from an empty set");
  std::size_t i = s->finger & (s->table.size() - 1);
  while (!s->table[i].key) i = (i + 1) & (s->table.size() - 1);
  Ref key = std::move(s->table[i].key);
  s->table[i].key.reset();
  s->table[i].hash = kDummyHash;
  --s->used;
  s->finger = i + 1;
  return key;
}
Ref m_clear(Obj self, const Obj*, std::size_t, Obj) {
  SetObj* s = as_set(self);
  std::vector<SetEntry> old = std::move(s->table);
  s->table.assign(kMinSize, SetEntry{0, Ref()});
  s->fill = s->used = 0;
  return new_ref(None());
}
Ref m_copy(Obj self, const Obj*, std::size_t, Obj) {
  if (self.type() == &frozenset_type) return Ref::borrow(self);
  return copy_of(self, &set_type);
}
Ref m_update(Obj self, const Obj* args, std::size_t nargs, Obj) {
  for (std::size_t i = 0; i < nargs; ++i)
    if (!set_update(self, args[i])) return Ref();
  return new_ref(None());
}

// The operator methods accept any iterables: each becomes a set first.
template <BinOp Op, bool InPlace>
Ref m_setop(Obj self, const Obj* args, std::size_t nargs, Obj) {
  Ref result = InPlace ? Ref::borrow(self) : copy_of(self, is_subtype(self.type(), &frozenset_type) ? &frozenset_type : &set_type);
  if (!result) return result;
  for (std::size_t i = 0; i < nargs; ++i) {
    Ref other = is_anyset(args[i]) ? Ref::borrow(args[i]) : copy_of(args[i], &set_type);
    if (!other) return other;
    Ref r = InPlace ? set_inplace(result, other, Op) : set_binop(result, other, Op);
    if (!r) return r;
    result = std::move(r);
  }
  if (InPlace) return new_ref(None());
  return result;
}

template <bool Subset>
Ref m_subset(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args(Subset ? "issubset" : "issuperset", args, nargs, kwnames, {"other"}, 1, a)) return Ref();
  Ref other = is_anyset(a[0]) ? Ref::borrow(a[0]) : copy_of(a[0], &set_type);
  if (!other) return other;
  int r;
  if (!(Subset ? is_subset(self, other, r) : is_subset(other, self, r))) return Ref();
  return new_ref(Bool(r != 0));
}

Ref m_isdisjoint(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("isdisjoint", args, nargs, kwnames, {"other"}, 1, a)) return Ref();
  Ref other = is_anyset(a[0]) ? Ref::borrow(a[0]) : copy_of(a[0], &set_type);
  if (!other) return other;
  Ref both = set_intersection(self, other);
  if (!both) return both;
  return new_ref(Bool(as_set(both)->used == 0));
}

constexpr MethodDef kSetMethods[] = {
    {"add", m_add},
    {"discard", m_discard},
    {"remove", m_remove},
    {"pop", m_pop},
    {"clear", m_clear},
    {"copy", m_copy},
    {"update", m_update},
    {"union", m_setop<BinOp::Or, false>},
    {"intersection", m_setop<BinOp::And, false>},
    {"difference", m_setop<BinOp::Sub, false>},
    {"symmetric_difference", m_setop<BinOp::Xor, false>},
    {"intersection_update", m_setop<BinOp::And, true>},
    {"difference_update", m_setop<BinOp::Sub, true>},
    {"symmetric_difference_update", m_setop<BinOp::Xor, true>},
    {"issubset", m_subset<true>},
    {"issuperset", m_subset<false>},
    {"isdisjoint", m_isdisjoint},
};
constexpr MethodDef kFrozensetMethods[] = {
    {"copy", m_copy},
    {"union", m_setop<BinOp::Or, false>},
    {"intersection", m_setop<BinOp::And, false>},
    {"difference", m_setop<BinOp::Sub, false>},
    {"symmetric_difference", m_setop<BinOp::Xor, false>},
    {"issubset", m_subset<true>},
    {"issuperset", m_subset<false>},
    {"isdisjoint", m_isdisjoint},
};

}  // namespace

Ref set_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);
Ref frozenset_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);

TypeObj set_type = {.head = GEN_TYPE_HEAD, .name = "set", .base = &object_type, .flags = kTypeBaseType,
    .destroy = set_destroy, .repr = set_repr, .compare = set_compare, .len = set_len, .iter = set_iter,
    .contains = set_contains_slot, .binop = set_binop, .inplace = set_inplace, .construct = set_construct};
TypeObj frozenset_type = {.head = GEN_TYPE_HEAD, .name = "frozenset", .base = &object_type, .flags = kTypeBaseType,
    .destroy = set_destroy, .repr = set_repr, .hash = frozenset_hash, .compare = set_compare, .len = set_len,
    .iter = set_iter, .contains = set_contains_slot, .binop = set_binop, .construct = frozenset_construct};

void init_set_methods() {
  add_methods(&set_type, kSetMethods);
  add_methods(&frozenset_type, kFrozensetMethods);
}

}  // namespace gen
