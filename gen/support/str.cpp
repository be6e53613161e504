// str: immutable UTF-8 text indexed by code point (O(1) when ASCII), and
// its core protocol: hashing, comparison, repr, concatenation, indexing,
// slicing, iteration. The methods are in str_methods.cpp.
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

#include "gen/support/ops.h"
#include "gen/support/internal.h"
#include "gen/support/unicode.h"

namespace gen {

namespace {

StrObj* allocate_str(std::string_view utf8, std::size_t length, bool ascii) {
  auto* s = reinterpret_cast<StrObj*>(allocate(&str_type, offsetof(StrObj, data) + utf8.size() + 1));
  s->hash = -1;
  s->length = length;
  s->size = utf8.size();
  s->ascii = ascii;
  std::memcpy(s->data, utf8.data(), utf8.size());
  s->data[utf8.size()] = '\0';
  return s;
}

}  // namespace

Ref str_from(std::string_view utf8) {
  if (utf8.empty()) return str_intern("");
  if (utf8.size() == 1 && static_cast<unsigned char>(utf8[0]) < 0x80) return str_intern(utf8);
  bool ascii;
  const std::size_t length = utf8_length(utf8, ascii);
  return Ref::steal(Obj::of(allocate_str(utf8, length, ascii)));
}

Ref str_from_ascii(std::string_view ascii) {
  if (ascii.size() <= 1) return str_intern(ascii);
  return Ref::steal(Obj::of(allocate_str(ascii, ascii.size(), true)));
}

Ref str_intern(std::string_view utf8) {
  static auto* table = new std::unordered_map<std::string_view, StrObj*>();
  auto it = table->find(utf8);
  if (it != table->end()) return Ref::borrow(Obj::of(it->second));
  bool ascii;
  const std::size_t length = utf8_length(utf8, ascii);
  StrObj* s = allocate_str(utf8, length, ascii);
  s->head.refcnt = kImmortal;
  table->emplace(s->view(), s);
  return Ref::borrow(Obj::of(s));
}

Ref str_from_code_points(const std::u32string& cps) {
  std::string out;
  out.reserve(cps.size());
  for (char32_t c : cps) utf8_append(out, c);
  return str_from(out);
}

bool str_equal(Obj a, Obj b) {
  if (a == b) return true;
  const StrObj* x = a.as<StrObj>();
  const StrObj* y = b.as<StrObj>();
  if (x->size != y->size) return false;
  if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return false;
  return std::memcmp(x->data, y->data, x->size) == 0;
}

std::int64_t str_hash(Obj o) {
  StrObj* s = o.as<StrObj>();
  if (s->hash != -1) return s->hash;
  // FNV-1a, then a final mix. CPython's str hash is randomised per run, so
  // no program can depend on its values (only on equal strings hashing
  // equal).
  std::uint64_t h = 1469598103934665603ull;
  for (std::size_t i = 0; i < s->size; ++i) {
    h ^= static_cast<unsigned char>(s->data[i]);
    h *= 1099511628211ull;
  }
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  auto v = static_cast<std::int64_t>(h);
  if (v == -1) v = -2;
  s->hash = v;
  return v;
}

// The byte offset of code point `index` (0..length).
std::size_t str_offset(const StrObj* s, std::size_t index) {
  if (s->ascii) return index;
  if (index >= s->length) return s->size;
  std::size_t i = 0, n = 0;
  while (n < index) {
    ++i;
    while (i < s->size && utf8_continuation(s->data[i])) ++i;
    ++n;
  }
  return i;
}

// repr(str): CPython's quoting (single quotes unless the text has a single
// quote and no double quote) and escapes (\t \n \r \\, \xhh below 0x7f
// and unprintable up to 0xff, \uhhhh, \Uhhhhhhhh; printable characters kept).
void append_ascii_escaped(std::string& out, unsigned char c, char quote) {
  if (c == static_cast<unsigned char>(quote) || c == '\\') {
    out.push_back('\\');
    out.push_back(static_cast<char>(c));
  } else if (c == '\t') {
    out += "\\t";
  } else if (c == '\n') {
    out += "\\n";
  } else if (c == '\r') {
    out += "\\r";
  } else if (c < 0x20 || c >= 0x7f) {
    static const char kHex[] = "0123456789abcdef";
    out += "\\x";
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  } else {
    out.push_back(static_cast<char>(c));
  }
}

std::string str_repr_utf8(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back(quote);
  std::size_t i = 0;
  char buf[16];
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t c = utf8_next(text, i);
    if (c < 0x80) {
      append_ascii_escaped(out, static_cast<unsigned char>(c), quote);
    } else if (uni_printable(c) && !(c >= 0xD800 && c <= 0xDFFF)) {
      out.append(text.substr(start, i - start));
    } else if (c <= 0xff) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else if (c <= 0xffff) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
      out += buf;
    }
  }
  out.push_back(quote);
  return out;
}

namespace {

Ref str_repr(Obj o) { return str_from(str_repr_utf8(str_view(o))); }
Ref str_str(Obj o) {
  if (o.type() == &str_type) return Ref::borrow(o);
  return str_from(str_view(o));
}
bool str_hash_slot(Obj o, std::int64_t& out) {
  out = str_hash(o);
  return true;
}
std::int64_t str_len(Obj o) { return static_cast<std::int64_t>(o.as<StrObj>()->length); }

Ref str_compare(Obj a, Obj b, CmpOp op) {
  if (!is_str(b)) return new_ref(NotImplemented());
  if (op == CmpOp::Eq) return new_ref(Bool(str_equal(a, b)));
  if (op == CmpOp::Ne) return new_ref(Bool(!str_equal(a, b)));
  // UTF-8's byte order is code point order.
  return new_ref(Bool(order_holds(str_view(a).compare(str_view(b)), op)));
}

Ref str_binop(Obj a, Obj b, BinOp op) {
  if (op == BinOp::Add && is_str(a) && is_str(b)) {
    std::string s;
    s.reserve(a.as<StrObj>()->size + b.as<StrObj>()->size);
    s += str_view(a);
    s += str_view(b);
    return str_from(s);
  }
  if (op == BinOp::Mul) {
    Obj text = is_str(a) ? a : b;
    Obj count = is_str(a) ? b : a;
    if (!is_str(text) || !is_int(count)) return new_ref(NotImplemented());
    std::int64_t n;
    if (!index_value(count, n)) return Ref();
    if (n <= 0) return str_intern("");
    const std::string_view v = str_view(text);
    if (static_cast<std::uint64_t>(v.size()) * static_cast<std::uint64_t>(n) > (std::uint64_t{1} << 31))
      return raise_message(&exc_MemoryError, "");
    std::string s;
    s.reserve(v.size() * static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) s += v;
    return str_from(s);
  }
  if (op == BinOp::Mod && is_str(a)) return str_percent(a, b);
  return new_ref(NotImplemented());
}

}  // namespace

Ref str_char_at(Obj o, std::int64_t i) {
  const StrObj* s = o.as<StrObj>();
  if (s->ascii) return str_intern(std::string_view(s->data + i, 1));
  const std::size_t b = str_offset(s, static_cast<std::size_t>(i));
  std::size_t e = b + 1;
  while (e < s->size && utf8_continuation(s->data[e])) ++e;
  return str_from(std::string_view(s->data + b, e - b));
}

Ref str_getitem(Obj o, Obj key) {
  const StrObj* s = o.as<StrObj>();
  const auto length = static_cast<std::int64_t>(s->length);
  if (!key.is_small() && key.type() == &slice_type) {
    std::int64_t start, stop, step, count;
    if (!slice_indices(key, length, start, stop, step, count)) return Ref();
    if (step == 1) {
      if (count <= 0) return str_intern("");
      const std::size_t b = str_offset(s, static_cast<std::size_t>(start));
      const std::size_t e = str_offset(s, static_cast<std::size_t>(stop));
      return str_from(std::string_view(s->data + b, e - b));
    }
    std::string out;
    if (s->ascii) {
      for (std::int64_t i = 0, k = start; i < count; ++i, k += step) out.push_back(s->data[k]);
      return str_from_ascii(out);
    }
    std::u32string cps;
    std::size_t p = 0;
    while (p < s->size) cps.push_back(utf8_next(s->view(), p));
    for (std::int64_t i = 0, k = start; i < count; ++i, k += step) utf8_append(out, cps[static_cast<std::size_t>(k)]);
    return str_from(out);
  }
  std::int64_t i;
  if (!has_index(key)) return raise_format(&exc_TypeError, "string indices must be integers, not '%s'", type_name(key));
  if (!index_value(key, i)) return Ref();
  if (!normalize_index(i, length, "string")) return Ref();
  return str_char_at(o, i);
}

namespace {

int str_contains(Obj o, Obj sub) {
  if (!is_str(sub)) {
    raise_format(&exc_TypeError, "'in <string>' requires string as left operand, not %s", type_name(sub));
    return -1;
  }
  return str_view(o).find(str_view(sub)) != std::string_view::npos;
}

struct StrIterObj {
  Header head;
  Ref text;
  std::size_t pos;
};

Ref str_iter_next(Obj it) {
  auto* s = it.as<StrIterObj>();
  const StrObj* text = s->text.get().as<StrObj>();
  if (s->pos >= text->size) return Ref();
  const std::size_t b = s->pos;
  std::size_t e = b + 1;
  while (e < text->size && utf8_continuation(text->data[e])) ++e;
  s->pos = e;
  if (e == b + 1) return str_intern(std::string_view(text->data + b, 1));
  return str_from(std::string_view(text->data + b, e - b));
}

Ref self_iter(Obj o) { return Ref::borrow(o); }

TypeObj str_iterator_type = {.head = GEN_TYPE_HEAD, .name = "str_ascii_iterator", .base = &object_type,
    .destroy = [](Obj o) { o.as<StrIterObj>()->~StrIterObj(); }, .hash = object_hash, .iter = self_iter,
    .next = str_iter_next};

Ref str_iter(Obj o) { return Ref::steal(Obj::of(make<StrIterObj>(&str_iterator_type, Ref::borrow(o), std::size_t{0}))); }

}  // namespace

Ref str_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);

TypeObj str_type = {.head = GEN_TYPE_HEAD, .name = "str", .base = &object_type, .flags = kTypeBaseType,
    .repr = str_repr, .str = str_str, .hash = str_hash_slot, .compare = str_compare, .len = str_len, .iter = str_iter,
    .getitem = str_getitem, .contains = str_contains, .binop = str_binop, .construct = str_construct};

}  // namespace gen
