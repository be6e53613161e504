// bytes: an immutable sequence of small ints. Its methods are str's with
// byte semantics (ASCII-only case and whitespace, no code points).
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "gen/support/internal.h"

namespace gen {

namespace {

const std::string& data_of(Obj o) { return o.as<BytesObj>()->data; }
bool is_bytes(Obj o) { return !o.is_small() && o.type() == &bytes_type; }

bool want_bytes(const char* what, Obj o) {
  if (is_bytes(o)) return true;
  raise_format(&exc_TypeError, "%s a bytes-like object is required, not '%s'", what, type_name(o));
  return false;
}

Ref bytes_repr(Obj o) {
  const std::string& d = data_of(o);
  const bool single = d.find('\'') == std::string::npos || d.find('"') != std::string::npos;
  const char quote = single ? '\'' : '"';
  std::string out = "b";
  out.push_back(quote);
  for (unsigned char c : d) append_ascii_escaped(out, c, quote);
  out.push_back(quote);
  return str_from_ascii(out);
}

std::int64_t bytes_len(Obj o) { return static_cast<std::int64_t>(data_of(o).size()); }

Ref bytes_compare(Obj a, Obj b, CmpOp op) {
  if (!is_bytes(b)) return new_ref(NotImplemented());
  return new_ref(Bool(order_holds(data_of(a).compare(data_of(b)), op)));
}

bool bytes_hash(Obj o, std::int64_t& out) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data_of(o)) {
    h ^= c;
    h *= 1099511628211ull;
  }
  out = static_cast<std::int64_t>(h == static_cast<std::uint64_t>(-1) ? 2 : h);
  return true;
}

Ref bytes_getitem(Obj o, Obj key) {
  const std::string& d = data_of(o);
  const auto length = static_cast<std::int64_t>(d.size());
  if (!key.is_small() && key.type() == &slice_type) {
    std::int64_t start, stop, step, count;
    if (!slice_indices(key, length, start, stop, step, count)) return Ref();
    std::string out;
    out.reserve(static_cast<std::size_t>(count));
    for (std::int64_t i = 0, k = start; i < count; ++i, k += step) out.push_back(d[static_cast<std::size_t>(k)]);
    return bytes_from(out);
  }
  if (!has_index(key))
    return raise_format(&exc_TypeError, "byte indices must be integers or slices, not %s", type_name(key));
  std::int64_t i;
  if (!index_value(key, i)) return Ref();
  if (i < 0) i += length;
  if (i < 0 || i >= length) return raise_message(&exc_IndexError, "index out of range");
  return int_from(static_cast<unsigned char>(d[static_cast<std::size_t>(i)]));
}

int bytes_contains(Obj o, Obj v) {
  if (is_bytes(v)) return data_of(o).find(data_of(v)) != std::string::npos;
  if (!has_index(v)) {
    raise_format(&exc_TypeError, "a bytes-like object is required, not '%s'", type_name(v));
    return -1;
  }
  std::int64_t b;
  if (!index_value(v, b)) return -1;
  if (b < 0 || b > 255) {
    raise_message(&exc_ValueError, "byte must be in range(0, 256)");
    return -1;
  }
  return data_of(o).find(static_cast<char>(b)) != std::string::npos;
}

struct BytesIterObj {
  Header head;
  Ref bytes = {};
  std::size_t next = 0;
};
Ref bytes_iter_next(Obj it) {
  auto* s = it.as<BytesIterObj>();
  if (!s->bytes || s->next >= data_of(s->bytes).size()) {
    s->bytes.reset();
    return Ref();
  }
  return int_from(static_cast<unsigned char>(data_of(s->bytes)[s->next++]));
}
TypeObj bytes_iterator_type = {.head = GEN_TYPE_HEAD, .name = "bytes_iterator", .base = &object_type,
    .destroy = [](Obj o) { o.as<BytesIterObj>()->~BytesIterObj(); }, .hash = object_hash, .iter = self_iter_slot,
    .next = bytes_iter_next};
Ref bytes_iter(Obj o) {
  return Ref::steal(Obj::of(make<BytesIterObj>(&bytes_iterator_type, Ref::borrow(o), std::size_t{0})));
}

Ref bytes_binop(Obj a, Obj b, BinOp op) {
  if (op == BinOp::Add && is_bytes(a)) {
    if (!is_bytes(b)) return raise_format(&exc_TypeError, "can't concat %s to bytes", type_name(b));
    return bytes_from(data_of(a) + data_of(b));
  }
  if (op == BinOp::Mul) {
    Obj seq = is_bytes(a) ? a : b, n = is_bytes(a) ? b : a;
    if (!is_bytes(seq) || !has_index(n)) return new_ref(NotImplemented());
    std::int64_t times;
    if (!index_value(n, times)) return Ref();
    std::string out;
    for (std::int64_t i = 0; i < times; ++i) out += data_of(seq);
    return bytes_from(out);
  }
  if (op == BinOp::Mod && is_bytes(a)) return bytes_percent(a, b);
  return new_ref(NotImplemented());
}

// bytes(), bytes(n), bytes(iterable of ints), bytes(str, encoding[, errors]), bytes(bytes)
Ref bytes_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[3];
  if (!parse_args("bytes", args, nargs, kwnames, {"source", "encoding", "errors"}, 0, a)) return Ref();
  if (!a[0]) {
    if (a[1] || a[2]) return raise_message(&exc_TypeError, a[1] ? "encoding without a string argument"
                                                                   : "errors without a string argument");
    return bytes_from("");
  }
  if (is_str(a[0])) {
    if (!a[1]) return raise_message(&exc_TypeError, "string argument without an encoding");
    static Ref encode_name = str_intern("encode");
    Obj enc[2] = {a[1], a[2]};
    return call_method(a[0], encode_name, enc, a[2] ? 2 : 1);
  }
  if (a[1]) return raise_message(&exc_TypeError, "encoding without a string argument");
  if (is_bytes(a[0])) return Ref::borrow(a[0]);
  if (has_index(a[0])) {
    std::int64_t n;
    if (!index_value(a[0], n)) return Ref();
    if (n < 0) return raise_message(&exc_ValueError, "negative count");
    return bytes_from(std::string(static_cast<std::size_t>(n), '\0'));
  }
  Ref it = iter(a[0]);
  if (!it) {
    if (!exception_matches_type(peek_error(), &exc_TypeError)) return it;
    clear_error();
    return raise_format(&exc_TypeError, "cannot convert '%s' object to bytes", type_name(a[0]));
  }
  std::string out;
  for (;;) {
    Ref x = next(it);
    if (!x) return error_pending() ? Ref() : bytes_from(out);
    if (!has_index(x))
      return raise_format(&exc_TypeError, "'%s' object cannot be interpreted as an integer", type_name(x));
    std::int64_t b;
    if (!index_value(x, b)) return Ref();
    if (b < 0 || b > 255) return raise_message(&exc_ValueError, "bytes must be in range(0, 256)");
    out.push_back(static_cast<char>(b));
  }
}

// --- methods ---

Ref m_decode(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("decode", args, nargs, kwnames, {"encoding", "errors"}, 0, a)) return Ref();
  const std::string& d = data_of(self);
  std::string encoding = a[0] && is_str(a[0]) ? std::string(str_view(a[0])) : "utf-8";
  for (char& c : encoding) c = static_cast<char>(c == '_' ? '-' : std::tolower(static_cast<unsigned char>(c)));
  if (encoding == "ascii") {
    for (std::size_t i = 0; i < d.size(); ++i)
      if (static_cast<unsigned char>(d[i]) >= 0x80) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "'ascii' codec can't decode byte 0x%02x in position %zu: ordinal not in range(128)",
                      static_cast<unsigned char>(d[i]), i);
        return raise_message(&exc_UnicodeDecodeError, buf);
      }
  } else if (encoding == "latin-1" || encoding == "latin1" || encoding == "iso-8859-1") {
    std::string out;
    for (unsigned char c : d) utf8_append(out, c);
    return str_from(out);
  } else if (encoding != "utf-8" && encoding != "utf8") {
    return raise_format(&exc_LookupError, "unknown encoding: %s", encoding.c_str());
  }
  if (std::string error = utf8_decode_error(d); !error.empty()) return raise_message(&exc_UnicodeDecodeError, error);
  return str_from(d);
}

template <bool Upper>
Ref m_case(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords(Upper ? "upper" : "lower", kwnames)) return Ref();
  if (nargs) return raise_format(&exc_TypeError, "%s() takes no arguments (%zu given)", Upper ? "upper" : "lower", nargs);
  std::string out = data_of(self);
  for (char& c : out) c = static_cast<char>(Upper ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
  return bytes_from(out);
}

// isalpha/isdigit/isspace/isalnum/isupper/islower: ASCII classes.
template <int (*Class)(int)>
Ref m_is(Obj self, const Obj*, std::size_t, Obj) {
  const std::string& d = data_of(self);
  if (d.empty()) return new_ref(False());
  for (unsigned char c : d)
    if (!Class(c)) return new_ref(False());
  return new_ref(True());
}
template <bool Upper>
Ref m_is_cased(Obj self, const Obj*, std::size_t, Obj) {
  bool cased = false;
  for (unsigned char c : data_of(self)) {
    if (Upper ? std::islower(c) : std::isupper(c)) return new_ref(False());
    cased |= Upper ? std::isupper(c) != 0 : std::islower(c) != 0;
  }
  return new_ref(Bool(cased));
}

bool ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

Ref split_common(Obj self, const Obj* args, std::size_t nargs, Obj kwnames, bool right) {
  Obj a[2];
  if (!parse_args(right ? "rsplit" : "split", args, nargs, kwnames, {"sep", "maxsplit"}, 0, a)) return Ref();
  std::int64_t maxsplit = -1;
  if (a[1] && !index_value(a[1], maxsplit)) return Ref();
  const std::string& d = data_of(self);
  std::vector<std::string> parts;
  if (!a[0] || a[0] == None()) {  // runs of whitespace; none at the ends
    std::vector<std::pair<std::size_t, std::size_t>> words;
    std::size_t i = 0;
    while (i < d.size()) {
      while (i < d.size() && ascii_space(static_cast<unsigned char>(d[i]))) ++i;
      if (i >= d.size()) break;
      std::size_t j = i;
      while (j < d.size() && !ascii_space(static_cast<unsigned char>(d[j]))) ++j;
      words.emplace_back(i, j);
      i = j;
    }
    if (maxsplit >= 0 && static_cast<std::int64_t>(words.size()) > maxsplit + 1) {
      const std::size_t keep = static_cast<std::size_t>(maxsplit);
      if (!right) {
        for (std::size_t k = 0; k < keep; ++k) parts.push_back(d.substr(words[k].first, words[k].second - words[k].first));
        parts.push_back(d.substr(words[keep].first));  // the rest keeps its trailing whitespace
      } else {
        const std::size_t first = words.size() - keep;
        parts.push_back(d.substr(0, words[first - 1].second));  // keeps its leading whitespace
        for (std::size_t k = first; k < words.size(); ++k) parts.push_back(d.substr(words[k].first, words[k].second - words[k].first));
      }
    } else {
      for (auto [b, e] : words) parts.push_back(d.substr(b, e - b));
    }
  } else {
    if (!want_bytes("", a[0])) return Ref();
    const std::string& sep = data_of(a[0]);
    if (sep.empty()) return raise_message(&exc_ValueError, "empty separator");
    if (!right) {
      std::size_t start = 0;
      for (std::int64_t n = 0; maxsplit < 0 || n < maxsplit; ++n) {
        const std::size_t at = d.find(sep, start);
        if (at == std::string::npos) break;
        parts.push_back(d.substr(start, at - start));
        start = at + sep.size();
      }
      parts.push_back(d.substr(start));
    } else {
      std::size_t end = d.size();
      for (std::int64_t n = 0; maxsplit < 0 || n < maxsplit; ++n) {
        if (end < sep.size()) break;
        const std::size_t at = d.rfind(sep, end - sep.size());
        if (at == std::string::npos) break;
        parts.push_back(d.substr(at + sep.size(), end - at - sep.size()));
        end = at;
      }
      parts.push_back(d.substr(0, end));
      std::reverse(parts.begin(), parts.end());
    }
  }
  Ref out = make_list();
  for (const std::string& p : parts)
    if (!list_append(out, bytes_from(p))) return Ref();
  return out;
}
Ref m_split(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) { return split_common(self, args, nargs, kwnames, false); }
Ref m_rsplit(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) { return split_common(self, args, nargs, kwnames, true); }

template <int Side>  // 1 left, 2 right, 3 both
Ref m_strip(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  static const char* const kNames[] = {"", "lstrip", "rstrip", "strip"};
  Obj a[1];
  if (!parse_args(kNames[Side], args, nargs, kwnames, {"bytes"}, 0, a)) return Ref();
  const std::string& d = data_of(self);
  const bool whitespace = !a[0] || a[0] == None();
  if (!whitespace && !want_bytes("", a[0])) return Ref();
  auto strip_it = [&](unsigned char c) {
    return whitespace ? ascii_space(c) : data_of(a[0]).find(static_cast<char>(c)) != std::string::npos;
  };
  std::size_t b = 0, e = d.size();
  if (Side & 1)
    while (b < e && strip_it(static_cast<unsigned char>(d[b]))) ++b;
  if (Side & 2)
    while (e > b && strip_it(static_cast<unsigned char>(d[e - 1]))) --e;
  return bytes_from(std::string_view(d).substr(b, e - b));
}

// The [start, end) window of find/count/startswith, resolved as slices are.
bool window(Obj start, Obj end, std::size_t size, std::size_t& b, std::size_t& e) {
  auto part = [&](Obj v, std::int64_t fallback, std::int64_t& out) {
    out = fallback;
    if (!v || v == None()) return true;
    if (!index_value(v, out)) return false;
    if (out < 0) out = std::max<std::int64_t>(0, out + static_cast<std::int64_t>(size));
    out = std::min<std::int64_t>(out, static_cast<std::int64_t>(size));
    return true;
  };
  std::int64_t s, t;
  if (!part(start, 0, s) || !part(end, static_cast<std::int64_t>(size), t)) return false;
  b = static_cast<std::size_t>(s);
  e = static_cast<std::size_t>(std::max(s, t));
  return true;
}

// The needle of find/count/index/in: bytes, or an int byte.
bool needle(Obj v, std::string& out) {
  if (is_bytes(v)) {
    out = data_of(v);
    return true;
  }
  if (!has_index(v)) {
    raise_format(&exc_TypeError, "argument should be integer or bytes-like object, not '%s'", type_name(v));
    return false;
  }
  std::int64_t b;
  if (!index_value(v, b)) return false;
  if (b < 0 || b > 255) {
    raise_message(&exc_ValueError, "byte must be in range(0, 256)");
    return false;
  }
  out.assign(1, static_cast<char>(b));
  return true;
}

template <bool Reverse, bool Raise>
Ref m_find(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  const char* name = Raise ? (Reverse ? "rindex" : "index") : (Reverse ? "rfind" : "find");
  Obj a[3];
  if (!parse_args(name, args, nargs, kwnames, {"sub", "start", "end"}, 1, a)) return Ref();
  std::string sub;
  std::size_t b, e;
  if (!needle(a[0], sub) || !window(a[1], a[2], data_of(self).size(), b, e)) return Ref();
  const std::string_view hay = std::string_view(data_of(self)).substr(b, e - b);
  const std::size_t at = sub.size() > hay.size() ? std::string_view::npos : Reverse ? hay.rfind(sub) : hay.find(sub);
  if (at == std::string_view::npos) {
    if (Raise) return raise_message(&exc_ValueError, "subsection not found");
    return int_from(-1);
  }
  return int_from(static_cast<std::int64_t>(b + at));
}

Ref m_count(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[3];
  if (!parse_args("count", args, nargs, kwnames, {"sub", "start", "end"}, 1, a)) return Ref();
  std::string sub;
  std::size_t b, e;
  if (!needle(a[0], sub) || !window(a[1], a[2], data_of(self).size(), b, e)) return Ref();
  const std::string_view hay = std::string_view(data_of(self)).substr(b, e - b);
  if (sub.empty()) return int_from(static_cast<std::int64_t>(hay.size() + 1));
  std::int64_t n = 0;
  for (std::size_t at = hay.find(sub); at != std::string_view::npos; at = hay.find(sub, at + sub.size())) ++n;
  return int_from(n);
}

Ref m_replace(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[3];
  if (!parse_args("replace", args, nargs, kwnames, {"old", "new", "count"}, 2, a)) return Ref();
  if (!want_bytes("", a[0]) || !want_bytes("", a[1])) return Ref();
  std::int64_t count = -1;
  if (a[2] && !index_value(a[2], count)) return Ref();
  const std::string& d = data_of(self);
  const std::string &from = data_of(a[0]), &to = data_of(a[1]);
  std::string out;
  std::size_t start = 0;
  std::int64_t done = 0;
  if (from.empty()) {  // between every byte, as str.replace
    for (std::size_t i = 0; i <= d.size(); ++i) {
      if (count < 0 || done < count) {
        out += to;
        ++done;
      }
      if (i < d.size()) out.push_back(d[i]);
    }
    return bytes_from(out);
  }
  for (std::size_t at; (count < 0 || done < count) && (at = d.find(from, start)) != std::string::npos; ++done) {
    out.append(d, start, at - start);
    out += to;
    start = at + from.size();
  }
  out.append(d, start);
  return bytes_from(out);
}

template <bool Suffix>
Ref m_startswith(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  const char* name = Suffix ? "endswith" : "startswith";
  Obj a[3];
  if (!parse_args(name, args, nargs, kwnames, {"prefix", "start", "end"}, 1, a)) return Ref();
  std::size_t b, e;
  if (!window(a[1], a[2], data_of(self).size(), b, e)) return Ref();
  const std::string_view hay = std::string_view(data_of(self)).substr(b, e - b);
  auto test = [&](Obj p) -> int {
    if (!is_bytes(p)) {
      raise_format(&exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %s", name, type_name(p));
      return -1;
    }
    const std::string& x = data_of(p);
    if (x.size() > hay.size()) return 0;
    return Suffix ? hay.substr(hay.size() - x.size()) == x : hay.substr(0, x.size()) == x;
  };
  if (is_tuple(a[0])) {
    for (const Ref& p : tuple_items(a[0])) {
      const int r = test(p);
      if (r) return r < 0 ? Ref() : new_ref(True());
    }
    return new_ref(False());
  }
  const int r = test(a[0]);
  return r < 0 ? Ref() : new_ref(Bool(r));
}

Ref m_join(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("join", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "join() takes exactly one argument (%zu given)", nargs);
  Ref it = iter(args[0]);
  if (!it) return it;
  std::string out;
  for (std::size_t i = 0;; ++i) {
    Ref x = next(it);
    if (!x) return error_pending() ? Ref() : bytes_from(out);
    if (!is_bytes(x))
      return raise_format(&exc_TypeError, "sequence item %zu: expected a bytes-like object, %s found", i, type_name(x));
    if (i) out += data_of(self);
    out += data_of(x);
  }
}

Ref m_hex(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("hex", kwnames)) return Ref();
  if (nargs) return raise_format(&exc_TypeError, "hex() takes no arguments (%zu given)", nargs);
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : data_of(self)) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return str_from_ascii(out);
}

// bytes.fromhex(string): pairs of hex digits, spaces between pairs allowed.
Ref bytes_fromhex(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("fromhex", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "fromhex() takes exactly one argument (%zu given)", nargs);
  if (!is_str(args[0])) return raise_format(&exc_TypeError, "fromhex() argument must be str, not %s", type_name(args[0]));
  const std::string_view s = str_view(args[0]);
  auto digit = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) ? std::stoi(std::string(1, c), nullptr, 16) : -1; };
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (ascii_space(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    const int hi = digit(s[i]);
    const int lo = i + 1 < s.size() ? digit(s[i + 1]) : -1;
    if (hi < 0 || lo < 0) {
      const std::size_t at = hi < 0 ? i : i + 1;
      return raise_format(&exc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zu", at);
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return bytes_from(out);
}

int is_alpha(int c) { return std::isalpha(c); }
int is_digit(int c) { return std::isdigit(c); }
int is_space(int c) { return ascii_space(static_cast<unsigned char>(c)); }
int is_alnum(int c) { return std::isalnum(c); }

constexpr MethodDef kBytesMethods[] = {
    {"decode", m_decode},          {"upper", m_case<true>},           {"lower", m_case<false>},
    {"split", m_split},            {"rsplit", m_rsplit},              {"strip", m_strip<3>},
    {"lstrip", m_strip<1>},        {"rstrip", m_strip<2>},            {"find", m_find<false, false>},
    {"rfind", m_find<true, false>}, {"index", m_find<false, true>},   {"rindex", m_find<true, true>},
    {"count", m_count},            {"replace", m_replace},            {"startswith", m_startswith<false>},
    {"endswith", m_startswith<true>}, {"join", m_join},              {"hex", m_hex},
    {"isalpha", m_is<is_alpha>},   {"isdigit", m_is<is_digit>},       {"isspace", m_is<is_space>},
    {"isalnum", m_is<is_alnum>},   {"isupper", m_is_cased<true>},     {"islower", m_is_cased<false>},
};

}  // namespace

TypeObj bytes_type = {.head = GEN_TYPE_HEAD, .name = "bytes", .base = &object_type, .flags = kTypeBaseType,
    .destroy = [](Obj o) { o.as<BytesObj>()->~BytesObj(); }, .repr = bytes_repr, .hash = bytes_hash,
    .compare = bytes_compare, .len = bytes_len, .iter = bytes_iter, .getitem = bytes_getitem,
    .contains = bytes_contains, .binop = bytes_binop, .construct = bytes_construct};

Ref bytes_from(std::string_view data) {
  return Ref::steal(Obj::of(make<BytesObj>(&bytes_type, std::int64_t{-1}, std::string(data))));
}

void init_bytes_methods() {
  add_methods(&bytes_type, kBytesMethods);
  Ref fromhex = make_builtin("fromhex", bytes_fromhex);  // a class method: called on the type
  fromhex.get().header()->refcnt = kImmortal;
  Ref name = str_intern("fromhex");
  dict_set(bytes_type.dict, name, fromhex);
}

}  // namespace gen
