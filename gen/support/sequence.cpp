// list and tuple: the protocol (repr, comparison, indexing, slicing,
// concatenation, iteration) and their methods.
#include <algorithm>
#include <unordered_set>

#include "gen/support/internal.h"

namespace gen {

namespace {

// Objects whose repr is in progress on this thread: a list that holds
// itself prints as [...].
thread_local std::unordered_set<std::uint64_t> repr_active;

}  // namespace

Ref sequence_repr(const std::vector<Ref>& items, const char* open, const char* close, bool one_comma) {
  std::string s = open;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += ", ";
    Ref r = repr(items[i]);
    if (!r) return r;
    s += str_view(r);
  }
  if (one_comma && items.size() == 1) s += ",";
  s += close;
  return str_from(s);
}

int sequence_compare(const std::vector<Ref>& a, const std::vector<Ref>& b, CmpOp op) {
  // The first position where the items differ decides; else the lengths.
  const std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  for (; i < n; ++i) {
    const int eq = equals(a[i], b[i]);
    if (eq < 0) return -1;
    if (!eq) break;
  }
  if (i == n) {
    const std::size_t x = a.size(), y = b.size();
    switch (op) {
      case CmpOp::Lt: return x < y;
      case CmpOp::Le: return x <= y;
      case CmpOp::Eq: return x == y;
      case CmpOp::Ne: return x != y;
      case CmpOp::Gt: return x > y;
      case CmpOp::Ge: return x >= y;
    }
  }
  if (op == CmpOp::Eq) return 0;
  if (op == CmpOp::Ne) return 1;
  return compare_bool(a[i], b[i], op);
}

Ref make_list(std::vector<Ref> items) {
  return Ref::steal(Obj::of(make<ListObj>(&list_type, std::move(items))));
}

Ref make_tuple(std::vector<Ref> items) {
  if (items.empty()) return Ref::borrow(empty_tuple());
  return Ref::steal(Obj::of(make<TupleObj>(&tuple_type, std::int64_t{-1}, std::move(items))));
}

Ref tuple_of(std::initializer_list<Obj> items) {
  std::vector<Ref> v;
  v.reserve(items.size());
  for (Obj o : items) v.push_back(Ref::borrow(o));
  return make_tuple(std::move(v));
}

Obj empty_tuple() {
  static TupleObj* empty = [] {
    auto* t = make<TupleObj>(&tuple_type, std::int64_t{-1}, std::vector<Ref>{});
    t->head.refcnt = kImmortal;
    return t;
  }();
  return Obj::of(empty);
}

bool list_append(Obj list, Obj value) {
  list_items(list).push_back(Ref::borrow(value));
  return true;
}

bool list_extend(Obj list, Obj iterable) {
  std::vector<Ref>& items = list_items(list);
  if (is_list(iterable) || is_tuple(iterable)) {
    // A copy first: `a.extend(a)` reads what it grows.
    std::vector<Ref> add = is_list(iterable) ? list_items(iterable) : tuple_items(iterable);
    for (Ref& r : add) items.push_back(std::move(r));
    return true;
  }
  Ref it = iter(iterable);
  if (!it) return false;
  for (;;) {
    Ref v = next(it);
    if (!v) return !error_pending();
    items.push_back(std::move(v));
  }
}

Ref list_from_iterable(Obj iterable) {
  Ref list = make_list();
  if (!list_extend(list, iterable)) return Ref();
  return list;
}

Ref tuple_from_iterable(Obj iterable) {
  if (iterable.type() == &tuple_type) return Ref::borrow(iterable);
  Ref list = list_from_iterable(iterable);
  if (!list) return list;
  return make_tuple(std::move(list_items(list)));
}

namespace {

std::vector<Ref>& items_of(Obj o) {
  return is_list(o) ? o.as<ListObj>()->items : o.as<TupleObj>()->items;
}

Ref list_repr(Obj o) {
  if (!repr_active.insert(o.bits()).second) return str_intern("[...]");
  Ref r = sequence_repr(list_items(o), "[", "]", false);
  repr_active.erase(o.bits());
  return r;
}
Ref tuple_repr(Obj o) {
  if (!repr_active.insert(o.bits()).second) return str_intern("(...)");
  Ref r = sequence_repr(tuple_items(o), "(", ")", true);
  repr_active.erase(o.bits());
  return r;
}

Ref seq_compare(Obj a, Obj b, CmpOp op) {
  const bool same_kind = is_list(a) ? is_list(b) : is_tuple(b);
  if (!same_kind) return new_ref(NotImplemented());
  const int r = sequence_compare(items_of(a), items_of(b), op);
  if (r < 0) return Ref();
  return new_ref(Bool(r));
}

std::int64_t seq_len(Obj o) { return static_cast<std::int64_t>(items_of(o).size()); }

int seq_contains(Obj o, Obj v) {
  for (const Ref& item : items_of(o)) {
    const int eq = equals(item, v);
    if (eq) return eq;
  }
  return 0;
}

Ref seq_getitem(Obj o, Obj key) {
  const std::vector<Ref>& items = items_of(o);
  const bool list = is_list(o);
  if (!key.is_small() && key.type() == &slice_type) {
    std::int64_t start, stop, step, count;
    if (!slice_indices(key, static_cast<std::int64_t>(items.size()), start, stop, step, count)) return Ref();
    std::vector<Ref> out;
    out.reserve(static_cast<std::size_t>(count > 0 ? count : 0));
    for (std::int64_t i = 0, k = start; i < count; ++i, k += step) out.push_back(items[static_cast<std::size_t>(k)]);
    return list ? make_list(std::move(out)) : make_tuple(std::move(out));
  }
  if (!has_index(key))
    return raise_format(&exc_TypeError, "%s indices must be integers or slices, not %s", list ? "list" : "tuple",
                        type_name(key));
  std::int64_t i;
  if (!index_value(key, i)) return Ref();
  if (!normalize_index(i, static_cast<std::int64_t>(items.size()), list ? "list" : "tuple")) return Ref();
  return items[static_cast<std::size_t>(i)];
}

bool list_setitem(Obj o, Obj key, Obj value) {
  std::vector<Ref>& items = list_items(o);
  const auto length = static_cast<std::int64_t>(items.size());
  if (!key.is_small() && key.type() == &slice_type) {
    std::int64_t start, stop, step, count;
    if (!slice_indices(key, length, start, stop, step, count)) return false;
    if (!value) {  // del a[i:j:k]
      if (count <= 0) return true;
      if (step < 0) {
        start = start + step * (count - 1);
        step = -step;
      }
      std::vector<Ref> kept;
      for (std::int64_t i = 0; i < length; ++i) {
        const bool removed = i >= start && (i - start) % step == 0 && (i - start) / step < count;
        if (!removed) kept.push_back(std::move(items[static_cast<std::size_t>(i)]));
      }
      items = std::move(kept);
      return true;
    }
    Ref seq = list_from_iterable(value);
    if (!seq) {
      if (exception_matches_type(peek_error(), &exc_TypeError)) {
        clear_error();
        raise_message(&exc_TypeError, step == 1 ? "can only assign an iterable" : "must assign iterable to extended slice");
      }
      return false;
    }
    std::vector<Ref>& add = list_items(seq);
    if (step == 1) {
      if (stop < start) stop = start;
      items.erase(items.begin() + start, items.begin() + stop);
      items.insert(items.begin() + start, add.begin(), add.end());
      return true;
    }
    if (static_cast<std::int64_t>(add.size()) != count) {
      raise_format(&exc_ValueError, "attempt to assign sequence of size %zu to extended slice of size %lld",
                   add.size(), static_cast<long long>(count));
      return false;
    }
    for (std::int64_t i = 0, k = start; i < count; ++i, k += step)
      items[static_cast<std::size_t>(k)] = add[static_cast<std::size_t>(i)];
    return true;
  }
  if (!has_index(key)) {
    raise_format(&exc_TypeError, "list indices must be integers or slices, not %s", type_name(key));
    return false;
  }
  std::int64_t i;
  if (!index_value(key, i)) return false;
  if (!normalize_index(i, length, value ? "list assignment" : "list assignment")) return false;
  if (value) {
    items[static_cast<std::size_t>(i)] = Ref::borrow(value);
  } else {
    items.erase(items.begin() + i);
  }
  return true;
}

Ref seq_binop(Obj a, Obj b, BinOp op) {
  if (op == BinOp::Add) {
    const bool ok = is_list(a) ? is_list(b) : (is_tuple(a) && is_tuple(b));
    if (!ok) return new_ref(NotImplemented());
    std::vector<Ref> out = items_of(a);
    const std::vector<Ref>& add = items_of(b);
    out.insert(out.end(), add.begin(), add.end());
    return is_list(a) ? make_list(std::move(out)) : make_tuple(std::move(out));
  }
  if (op == BinOp::Mul) {
    const bool a_seq = is_list(a) || is_tuple(a);
    Obj seq = a_seq ? a : b;
    Obj count = a_seq ? b : a;
    if (!is_int(count)) return new_ref(NotImplemented());
    std::int64_t n;
    if (!index_value(count, n)) return Ref();
    const std::vector<Ref>& items = items_of(seq);
    std::vector<Ref> out;
    if (n > 0) {
      if (static_cast<std::uint64_t>(items.size()) * static_cast<std::uint64_t>(n) > (std::uint64_t{1} << 28))
        return raise_message(&exc_MemoryError, "");
      out.reserve(items.size() * static_cast<std::size_t>(n));
      for (std::int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
    }
    return is_list(seq) ? make_list(std::move(out)) : make_tuple(std::move(out));
  }
  return new_ref(NotImplemented());
}

Ref list_inplace(Obj a, Obj b, BinOp op) {
  if (op == BinOp::Add) {
    if (!list_extend(a, b)) return Ref();
    return Ref::borrow(a);
  }
  if (op == BinOp::Mul && is_int(b)) {
    std::int64_t n;
    if (!index_value(b, n)) return Ref();
    std::vector<Ref>& items = list_items(a);
    if (n <= 0) {
      items.clear();
    } else {
      const std::vector<Ref> copy = items;
      for (std::int64_t i = 1; i < n; ++i) items.insert(items.end(), copy.begin(), copy.end());
    }
    return Ref::borrow(a);
  }
  return new_ref(NotImplemented());
}

bool tuple_hash(Obj o, std::int64_t& out) {
  // CPython 3.11's xxHash-based tuple hash (so sets of tuples iterate in
  // CPython's order).
  constexpr std::uint64_t kPrime1 = 11400714785074694791ull;
  constexpr std::uint64_t kPrime2 = 14029467366897019727ull;
  constexpr std::uint64_t kPrime5 = 2870177450012600261ull;
  const std::vector<Ref>& items = tuple_items(o);
  std::uint64_t acc = kPrime5;
  for (const Ref& item : items) {
    std::int64_t h;
    if (!hash(item, h)) return false;
    acc += static_cast<std::uint64_t>(h) * kPrime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kPrime1;
  }
  acc += items.size() ^ (kPrime5 ^ 3527539ull);
  if (acc == static_cast<std::uint64_t>(-1)) acc = 1546275796;
  out = static_cast<std::int64_t>(acc);
  return true;
}

// --- iterators over lists and tuples (by index, as CPython's) ---

struct SeqIterObj {
  Header head;
  Ref seq;
  std::size_t index;
};

Ref seq_iter_next(Obj it) {
  auto* s = it.as<SeqIterObj>();
  if (!s->seq) return Ref();
  const std::vector<Ref>& items = items_of(s->seq);
  if (s->index >= items.size()) {
    s->seq.reset();
    return Ref();
  }
  return items[s->index++];
}

TypeObj list_iterator_type = {.head = GEN_TYPE_HEAD, .name = "list_iterator", .base = &object_type,
    .destroy = [](Obj o) { o.as<SeqIterObj>()->~SeqIterObj(); }, .hash = object_hash, .iter = self_iter_slot,
    .next = seq_iter_next};

Ref seq_iter(Obj o) { return Ref::steal(Obj::of(make<SeqIterObj>(&list_iterator_type, Ref::borrow(o), std::size_t{0}))); }

void list_destroy(Obj o) { o.as<ListObj>()->~ListObj(); }
void tuple_destroy(Obj o) { o.as<TupleObj>()->~TupleObj(); }

// --- methods ---

Ref m_append(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (nargs != 1 || (kwnames && !tuple_items(kwnames).empty()))
    return raise_format(&exc_TypeError, "list.append() takes exactly one argument (%zu given)", nargs);
  list_items(self).push_back(Ref::borrow(args[0]));
  return new_ref(None());
}

Ref m_extend(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("extend", args, nargs, kwnames, {"iterable"}, 1, a)) return Ref();
  if (!list_extend(self, a[0])) return Ref();
  return new_ref(None());
}

Ref m_insert(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("insert", args, nargs, kwnames, {"index", "object"}, 2, a)) return Ref();
  std::int64_t i;
  if (!index_value(a[0], i)) return Ref();
  std::vector<Ref>& items = list_items(self);
  const auto n = static_cast<std::int64_t>(items.size());
  if (i < 0) i = std::max<std::int64_t>(0, i + n);
  if (i > n) i = n;
  items.insert(items.begin() + i, Ref::borrow(a[1]));
  return new_ref(None());
}

Ref m_pop(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("pop", args, nargs, kwnames, {"index"}, 0, a)) return Ref();
  std::vector<Ref>& items = list_items(self);
  if (items.empty()) return raise_message(&exc_IndexError, "pop from empty list");
  std::int64_t i = -1;
  if (a[0] && !index_value(a[0], i)) return Ref();
  if (!normalize_index(i, static_cast<std::int64_t>(items.size()), "pop")) return Ref();
  Ref v = std::move(items[static_cast<std::size_t>(i)]);
  items.erase(items.begin() + i);
  return v;
}

Ref m_remove(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("remove", args, nargs, kwnames, {"value"}, 1, a)) return Ref();
  std::vector<Ref>& items = list_items(self);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const int eq = equals(items[i], a[0]);
    if (eq < 0) return Ref();
    if (eq) {
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
      return new_ref(None());
    }
  }
  return raise_message(&exc_ValueError, "list.remove(x): x not in list");
}

Ref m_index(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[3];
  if (!parse_args("index", args, nargs, kwnames, {"value", "start", "stop"}, 1, a)) return Ref();
  const std::vector<Ref>& items = items_of(self);
  const auto n = static_cast<std::int64_t>(items.size());
  std::int64_t start = 0, stop = n;
  if (a[1] && !index_value(a[1], start)) return Ref();
  if (a[2] && !index_value(a[2], stop)) return Ref();
  if (start < 0) start = std::max<std::int64_t>(0, start + n);
  if (stop < 0) stop = std::max<std::int64_t>(0, stop + n);
  for (std::int64_t i = start; i < std::min(stop, n); ++i) {
    const int eq = equals(items[static_cast<std::size_t>(i)], a[0]);
    if (eq < 0) return Ref();
    if (eq) return int_from(i);
  }
  if (is_tuple(self)) return raise_message(&exc_ValueError, "tuple.index(x): x not in tuple");
  std::string r = repr_utf8(a[0]);
  if (error_pending()) return Ref();
  return raise_message(&exc_ValueError, r + " is not in list");
}

Ref m_count(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("count", args, nargs, kwnames, {"value"}, 1, a)) return Ref();
  std::int64_t n = 0;
  for (const Ref& item : items_of(self)) {
    const int eq = equals(item, a[0]);
    if (eq < 0) return Ref();
    n += eq;
  }
  return int_from(n);
}

Ref m_reverse(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (nargs || (kwnames && !tuple_items(kwnames).empty()))
    return raise_message(&exc_TypeError, "list.reverse() takes no arguments");
  std::reverse(list_items(self).begin(), list_items(self).end());
  return new_ref(None());
}

Ref m_clear(Obj self, const Obj*, std::size_t, Obj) {
  std::vector<Ref> old = std::move(list_items(self));
  list_items(self).clear();
  return new_ref(None());
}

Ref m_copy(Obj self, const Obj*, std::size_t, Obj) { return make_list(list_items(self)); }

}  // namespace

// list.sort: stable, by `<` on the keys (CPython uses only __lt__).
bool list_sort(Obj list, Obj key, bool reverse) {
  std::vector<Ref>& items = list_items(list);
  std::vector<Ref> taken = std::move(items);
  items.clear();  // CPython empties the list while sorting
  std::vector<std::pair<Ref, std::size_t>> keyed;
  keyed.reserve(taken.size());
  for (std::size_t i = 0; i < taken.size(); ++i) {
    if (key && key != None()) {
      Ref k = call1(key, taken[i]);
      if (!k) {
        items = std::move(taken);
        return false;
      }
      keyed.emplace_back(std::move(k), i);
    } else {
      keyed.emplace_back(taken[i], i);
    }
  }
  bool failed = false;
  auto less = [&](const std::pair<Ref, std::size_t>& a, const std::pair<Ref, std::size_t>& b) {
    if (failed) return false;
    Obj x = a.first, y = b.first;
    if (x.is_small() && y.is_small()) return x.small_value() < y.small_value();
    const int r = compare_bool(x, y, CmpOp::Lt);
    if (r < 0) failed = true;
    return r == 1;
  };
  // reverse keeps stability: CPython reverses, sorts, reverses back.
  if (reverse) std::reverse(keyed.begin(), keyed.end());
  std::stable_sort(keyed.begin(), keyed.end(), less);
  if (reverse) std::reverse(keyed.begin(), keyed.end());
  if (failed) {
    items = std::move(taken);
    return false;
  }
  items.reserve(taken.size());
  for (auto& k : keyed) items.push_back(std::move(taken[k.second]));
  return true;
}

namespace {

Ref m_sort(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (nargs) return raise_message(&exc_TypeError, "sort() takes no positional arguments");
  Obj a[2];
  if (!parse_args("sort", args, 0, kwnames, {"key", "reverse"}, 0, a)) return Ref();
  int reverse = 0;
  if (a[1] && (reverse = truth(a[1])) < 0) return Ref();
  if (!list_sort(self, a[0], reverse == 1)) return Ref();
  return new_ref(None());
}

constexpr MethodDef kListMethods[] = {
    {"append", m_append}, {"extend", m_extend}, {"insert", m_insert}, {"pop", m_pop},
    {"remove", m_remove}, {"index", m_index},   {"count", m_count},   {"reverse", m_reverse},
    {"clear", m_clear},   {"copy", m_copy},     {"sort", m_sort},
};
constexpr MethodDef kTupleMethods[] = {{"index", m_index}, {"count", m_count}};

}  // namespace

Ref list_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);
Ref tuple_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);

TypeObj list_type = {.head = GEN_TYPE_HEAD, .name = "list", .base = &object_type, .flags = kTypeBaseType,
    .destroy = list_destroy, .repr = list_repr, .compare = seq_compare, .len = seq_len, .iter = seq_iter,
    .getitem = seq_getitem, .setitem = list_setitem, .contains = seq_contains, .binop = seq_binop,
    .inplace = list_inplace, .construct = list_construct};
TypeObj tuple_type = {.head = GEN_TYPE_HEAD, .name = "tuple", .base = &object_type, .flags = kTypeBaseType,
    .destroy = tuple_destroy, .repr = tuple_repr, .hash = tuple_hash, .compare = seq_compare, .len = seq_len,
    .iter = seq_iter, .getitem = seq_getitem, .contains = seq_contains, .binop = seq_binop,
    .construct = tuple_construct};

void init_sequence_methods() {
  add_methods(&list_type, kListMethods);
  add_methods(&tuple_type, kTupleMethods);
}

}  // namespace gen
