// The builtin types' constructors (int(), float(), str(), list(), ...) and
// the builtin functions, as values (builtin_object) and as the direct calls
// generated code makes.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "gen/support/builtins.h"
#include "gen/support/codegen.h"
#include "gen/support/float_repr.h"
#include "gen/support/generator.h"
#include "gen/support/internal.h"
#include "gen/support/io.h"
#include "gen/support/unicode.h"

namespace gen {

bool dict_update(Obj self, Obj other);
bool set_update(Obj set, Obj other);
Ref make_enumerate(Obj iterable, Obj start);
Ref make_zip(const Obj* iterables, std::size_t n, bool strict);
Ref make_map(Obj fn, const Obj* iterables, std::size_t n);
Ref make_filter(Obj fn, Obj iterable);
Ref make_reversed(Obj seq);
bool list_sort(Obj list, Obj key, bool reverse);

namespace {

std::string_view strip_spaces(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e) {
    std::size_t i = b;
    if (!uni_space(utf8_next(s, i))) break;
    b = i;
  }
  while (e > b) {
    std::size_t k = e - 1;
    while (k > b && utf8_continuation(s[k])) --k;
    std::size_t i = k;
    if (!uni_space(utf8_next(s, i))) break;
    e = k;
  }
  return s.substr(b, e - b);
}

// Non-ASCII decimal digits become ASCII ones (int('٣') is 3).
std::string ascii_digits(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = utf8_next(s, i);
    const int d = c >= 0x80 ? uni_decimal_value(c) : -1;
    if (d >= 0)
      out.push_back(static_cast<char>('0' + d));
    else if (c < 0x80)
      out.push_back(static_cast<char>(c));
    else
      out.push_back('?');
  }
  return out;
}

}  // namespace

Ref int_from_string(Obj text, int base) {
  const std::string original(str_view(text));
  std::string s = ascii_digits(strip_spaces(original));
  auto invalid = [&]() {
    return raise_message(&exc_ValueError, "invalid literal for int() with base " + std::to_string(base) + ": " +
                                              str_repr_utf8(original));
  };
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  int b = base;
  if (i + 1 < s.size() && s[i] == '0') {
    const char p = static_cast<char>(s[i + 1] | 0x20);
    const int prefixed = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (prefixed && (base == 0 || base == prefixed)) {
      b = prefixed;
      i += 2;
      if (i < s.size() && s[i] == '_') ++i;
    }
  }
  if (b == 0) {
    b = 10;
    // Base 0: a decimal literal may not have leading zeros (except 0 itself).
    std::string_view rest = std::string_view(s).substr(i);
    if (rest.size() > 1 && rest[0] == '0' && rest.find_first_not_of("0_") != std::string_view::npos) return invalid();
  }
  std::string_view digits = std::string_view(s).substr(i);
  if (digits.empty() || digits.front() == '_' || digits.back() == '_' ||
      digits.find("__") != std::string_view::npos)
    return invalid();
  BigInt v;
  if (!BigInt::parse(digits, b, v)) return invalid();
  if ((b & (b - 1)) != 0 && digits.size() > 18) {  // the limit is on non-power-of-two bases
    std::size_t count = 0;
    for (char c : digits) count += c != '_';
    if (!int_digits_allowed(count)) return Ref();
  }
  return int_from_big(negative ? -v : v);
}

Ref int_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("int", args, nargs, kwnames, {"x", "base"}, 0, a)) return Ref();
  if (!a[0]) {
    if (a[1]) return raise_message(&exc_TypeError, "int() missing string argument");
    return int_from(0);
  }
  Obj x = a[0];
  if (a[1]) {
    std::int64_t base;
    if (!index_value(a[1], base)) return Ref();
    if (base != 0 && (base < 2 || base > 36))
      return raise_message(&exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    if (!is_str(x)) return raise_message(&exc_TypeError, "int() can't convert non-string with explicit base");
    return int_from_string(x, static_cast<int>(base));
  }
  if (x.is_small()) return Ref::borrow(x);
  if (is_int(x)) return int_from_big(int_to_big(x));
  if (is_float(x)) {
    const double v = float_value(x);
    if (std::isnan(v)) return raise_message(&exc_ValueError, "cannot convert float NaN to integer");
    if (std::isinf(v)) return raise_message(&exc_OverflowError, "cannot convert float infinity to integer");
    if (std::fabs(v) < 9e18) return int_from(static_cast<std::int64_t>(v));
    return int_from_big(BigInt::from_double(v));
  }
  if (is_str(x)) return int_from_string(x, 10);
  if (x.type()->flags & kTypeUser) {
    for (const char* name : {"__int__", "__index__", "__trunc__"}) {
      Ref n = str_intern(name);
      if (Obj f = type_lookup(x.type(), n)) {
        Ref r = call1(f, x);
        if (r && !is_int(r))
          return raise_format(&exc_TypeError, "%s returned non-int (type %s)", name, type_name(r));
        return r;
      }
    }
  }
  return raise_format(&exc_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                      type_name(x));
}

bool parse_float(std::string_view text, double& out) {
  std::string s;
  // Underscores only between digits (PEP 515), then strtod on the rest.
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '_') {
      if (i == 0 || i + 1 >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i - 1])) ||
          !std::isdigit(static_cast<unsigned char>(text[i + 1])))
        return false;
      continue;
    }
    s.push_back(c);
  }
  if (s.empty()) return false;
  std::string lower;
  for (char c : s) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::string_view body = lower;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "inf" || body == "infinity") {
    out = negative ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (body == "nan") {
    out = negative ? -NAN : NAN;
    return true;
  }
  // Only decimal forms: digits, one '.', an exponent.
  for (char c : body)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == '+' || c == '-')) return false;
  if (body.find_first_of("0123456789") == std::string_view::npos) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

Ref float_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("float", kwnames)) return Ref();
  if (nargs > 1) return raise_format(&exc_TypeError, "float expected at most 1 argument, got %zu", nargs);
  if (nargs == 0) return float_from(0.0);
  Obj x = args[0];
  if (is_float(x)) return float_from(float_value(x));
  if (is_int(x)) {
    double v;
    if (!int_to_double(x, v)) return Ref();
    return float_from(v);
  }
  if (is_str(x)) {
    double v;
    const std::string_view s = strip_spaces(str_view(x));
    if (!parse_float(ascii_digits(s), v))
      return raise_message(&exc_ValueError, "could not convert string to float: " + str_repr_utf8(str_view(x)));
    return float_from(v);
  }
  if (x.type()->flags & kTypeUser) {
    Ref n = str_intern("__float__");
    if (Obj f = type_lookup(x.type(), n)) return call1(f, x);
  }
  return raise_format(&exc_TypeError, "float() argument must be a string or a real number, not '%s'", type_name(x));
}

Ref bool_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("bool", kwnames)) return Ref();
  if (nargs > 1) return raise_format(&exc_TypeError, "bool expected at most 1 argument, got %zu", nargs);
  if (nargs == 0) return new_ref(False());
  const int t = truth(args[0]);
  if (t < 0) return Ref();
  return new_ref(Bool(t));
}

Ref str_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[3];
  if (!parse_args("str", args, nargs, kwnames, {"object", "encoding", "errors"}, 0, a)) return Ref();
  if (!a[0]) return str_intern("");
  if (a[1] || a[2]) {
    if (a[0].type() != &bytes_type) return raise_message(&exc_TypeError, "decoding str is not supported");
    const std::string& data = a[0].as<BytesObj>()->data;
    if (std::string error = utf8_decode_error(data); !error.empty())
      return raise_message(&exc_UnicodeDecodeError, error);
    return str_from(data);
  }
  return str(a[0]);
}

Ref list_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("list", kwnames)) return Ref();
  if (nargs > 1) return raise_format(&exc_TypeError, "list expected at most 1 argument, got %zu", nargs);
  if (nargs == 0) return make_list();
  return list_from_iterable(args[0]);
}

Ref tuple_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("tuple", kwnames)) return Ref();
  if (nargs > 1) return raise_format(&exc_TypeError, "tuple expected at most 1 argument, got %zu", nargs);
  if (nargs == 0) return Ref::borrow(empty_tuple());
  return tuple_from_iterable(args[0]);
}

Ref dict_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (nargs > 1) return raise_format(&exc_TypeError, "dict expected at most 1 argument, got %zu", nargs);
  Ref d = make_dict();
  if (nargs == 1 && !dict_update(d, args[0])) return Ref();
  if (kwnames) {
    const auto& names = tuple_items(kwnames);
    for (std::size_t i = 0; i < names.size(); ++i)
      if (!dict_set(d, names[i], args[nargs + i])) return Ref();
  }
  return d;
}

Ref set_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("set", kwnames)) return Ref();
  if (nargs > 1) return raise_format(&exc_TypeError, "set expected at most 1 argument, got %zu", nargs);
  Ref s = make_set(&set_type);
  if (nargs == 1 && !set_update(s, args[0])) return Ref();
  return s;
}

Ref frozenset_construct(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("frozenset", kwnames)) return Ref();
  if (nargs > 1) return raise_format(&exc_TypeError, "frozenset expected at most 1 argument, got %zu", nargs);
  if (nargs == 1 && args[0].type() == &frozenset_type) return Ref::borrow(args[0]);
  Ref s = make_set(&frozenset_type);
  if (nargs == 1 && !set_update(s, args[0])) return Ref();
  return s;
}

// --- builtin functions ---

namespace {

Ref b_print(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj sep = Obj(), end = Obj(), file = Obj(), flush = Obj();
  if (kwnames) {
    const auto& names = tuple_items(kwnames);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string_view n = str_view(names[i]);
      Obj v = args[nargs + i];
      if (n == "sep") sep = v;
      else if (n == "end") end = v;
      else if (n == "file") file = v;
      else if (n == "flush") flush = v;
      else
        return raise_format(&exc_TypeError, "print() got an unexpected keyword argument '%.*s'",
                            static_cast<int>(n.size()), n.data());
    }
  }
  for (Obj* p : {&sep, &end}) {
    if (*p == None()) *p = Obj();
    if (*p && !is_str(*p))
      return raise_format(&exc_TypeError, "%s must be None or a string, not %s", p == &sep ? "sep" : "end",
                          type_name(*p));
  }
  std::string out;
  for (std::size_t i = 0; i < nargs; ++i) {
    if (i) out += sep ? str_view(sep) : std::string_view(" ");
    if (!append_str(out, args[i])) return Ref();
  }
  out += end ? str_view(end) : std::string_view("\n");
  if (file && file != None()) {
    Ref text = str_from(out);
    Ref name = str_intern("write");
    Obj t = text;
    Ref r = call_method(file, name, &t, 1);
    if (!r) return r;
    if (flush && truth(flush) == 1) {
      Ref flush_name = str_intern("flush");
      Ref f = call_method(file, flush_name, nullptr, 0);
      if (!f) return f;
    }
    return new_ref(None());
  }
  write_stdout(out);
  if (flush && truth(flush) == 1) flush_stdout();
  return new_ref(None());
}

Ref b_len(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (nargs != 1 || !no_keywords("len", kwnames))
    return error_pending() ? Ref() : raise_format(&exc_TypeError, "len() takes exactly one argument (%zu given)", nargs);
  const std::int64_t n = len(args[0]);
  if (n < 0) return Ref();
  return int_from(n);
}

Ref b_repr(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "repr() takes exactly one argument (%zu given)", nargs);
  return repr(args[0]);
}

Ref b_ascii(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "ascii() takes exactly one argument (%zu given)", nargs);
  return ascii(args[0]);
}

Ref b_format(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("format", args, nargs, kwnames, {"value", "format_spec"}, 1, a)) return Ref();
  if (a[1] && !is_str(a[1]))
    return raise_format(&exc_TypeError, "format() argument 2 must be str, not %s", type_name(a[1]));
  return a[1] ? format(a[0], a[1]) : format_utf8(a[0], "");
}

Ref b_abs(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "abs() takes exactly one argument (%zu given)", nargs);
  return builtin_abs(args[0]);
}

Ref minmax(const char* name, CmpOp op, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj key = Obj(), dflt = Obj();
  if (kwnames) {
    const auto& names = tuple_items(kwnames);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string_view n = str_view(names[i]);
      if (n == "key") key = args[nargs + i];
      else if (n == "default") dflt = args[nargs + i];
      else
        return raise_format(&exc_TypeError, "%s() got an unexpected keyword argument '%.*s'", name,
                            static_cast<int>(n.size()), n.data());
    }
  }
  if (key == None()) key = Obj();
  if (nargs == 0) return raise_format(&exc_TypeError, "%s expected at least 1 argument, got 0", name);
  if (nargs > 1 && dflt)
    return raise_format(&exc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
  Ref it;
  if (nargs == 1) {
    it = iter(args[0]);
  } else {
    std::vector<Ref> items;
    for (std::size_t i = 0; i < nargs; ++i) items.push_back(Ref::borrow(args[i]));
    it = iter(make_tuple(std::move(items)));
  }
  if (!it) return it;
  Ref best, best_key;
  for (;;) {
    Ref v = next(it);
    if (!v) {
      if (error_pending()) return v;
      break;
    }
    Ref k = key ? call1(key, v) : v;
    if (!k) return k;
    if (!best) {
      best = std::move(v);
      best_key = std::move(k);
      continue;
    }
    const int better = compare_bool(k, best_key, op);
    if (better < 0) return Ref();
    if (better) {
      best = std::move(v);
      best_key = std::move(k);
    }
  }
  if (!best) {
    if (dflt) return Ref::borrow(dflt);
    return raise_format(&exc_ValueError, "%s() arg is an empty sequence", name);
  }
  return best;
}

Ref b_min(Obj, const Obj* args, std::size_t nargs, Obj kwnames) { return minmax("min", CmpOp::Lt, args, nargs, kwnames); }
Ref b_max(Obj, const Obj* args, std::size_t nargs, Obj kwnames) { return minmax("max", CmpOp::Gt, args, nargs, kwnames); }

Ref b_sum(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("sum", args, nargs, kwnames, {"iterable", "start"}, 1, a)) return Ref();
  if (a[1] && is_str(a[1]))
    return raise_message(&exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  Ref total = a[1] ? Ref::borrow(a[1]) : int_from(0);
  Ref it = iter(a[0]);
  if (!it) return it;
  for (;;) {
    Ref v = next(it);
    if (!v) return error_pending() ? v : total;
    total = builtin_add(total, v);
    if (!total) return total;
  }
}

Ref b_sorted(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (nargs != 1) return raise_format(&exc_TypeError, "sorted expected 1 argument, got %zu", nargs);
  Obj a[2];
  if (!parse_args("sorted", args + 1, 0, kwnames, {"key", "reverse"}, 0, a)) return Ref();
  Ref list = list_from_iterable(args[0]);
  if (!list) return list;
  int reverse = 0;
  if (a[1] && (reverse = truth(a[1])) < 0) return Ref();
  if (!list_sort(list, a[0], reverse == 1)) return Ref();
  return list;
}

Ref b_enumerate(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("enumerate", args, nargs, kwnames, {"iterable", "start"}, 1, a)) return Ref();
  return make_enumerate(a[0], a[1]);
}

Ref b_zip(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  bool strict = false;
  if (kwnames) {
    const auto& names = tuple_items(kwnames);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (str_view(names[i]) != "strict")
        return raise_message(&exc_TypeError, "zip() got an unexpected keyword argument");
      const int t = truth(args[nargs + i]);
      if (t < 0) return Ref();
      strict = t == 1;
    }
  }
  return make_zip(args, nargs, strict);
}

Ref b_map(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("map", kwnames)) return Ref();
  if (nargs < 2) return raise_message(&exc_TypeError, "map() must have at least two arguments.");
  return make_map(args[0], args + 1, nargs - 1);
}

Ref b_filter(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("filter", kwnames)) return Ref();
  if (nargs != 2) return raise_format(&exc_TypeError, "filter expected 2 arguments, got %zu", nargs);
  return make_filter(args[0], args[1]);
}

Ref b_reversed(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("reversed", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "reversed expected 1 argument, got %zu", nargs);
  return make_reversed(args[0]);
}

template <bool All>
Ref b_any_all(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1)
    return raise_format(&exc_TypeError, "%s() takes exactly one argument (%zu given)", All ? "all" : "any", nargs);
  Ref it = iter(args[0]);
  if (!it) return it;
  for (;;) {
    Ref v = next(it);
    if (!v) return error_pending() ? v : new_ref(Bool(All));
    const int t = truth(v);
    if (t < 0) return Ref();
    if (All ? !t : t) return new_ref(Bool(!All));
  }
}

Ref b_isinstance(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 2) return raise_format(&exc_TypeError, "isinstance expected 2 arguments, got %zu", nargs);
  const int r = builtin_isinstance(args[0], args[1]);
  if (r < 0) return Ref();
  return new_ref(Bool(r));
}

Ref b_issubclass(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 2) return raise_format(&exc_TypeError, "issubclass expected 2 arguments, got %zu", nargs);
  if (!is_type(args[0])) return raise_message(&exc_TypeError, "issubclass() arg 1 must be a class");
  Obj classes = args[1];
  if (is_tuple(classes)) {
    for (const Ref& c : tuple_items(classes))
      if (is_type(c) && is_subtype(args[0].as<TypeObj>(), c.get().as<TypeObj>())) return new_ref(True());
    return new_ref(False());
  }
  if (!is_type(classes))
    return raise_message(&exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  return new_ref(Bool(is_subtype(args[0].as<TypeObj>(), classes.as<TypeObj>())));
}

Ref b_hash(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "hash() takes exactly one argument (%zu given)", nargs);
  std::int64_t h;
  if (!hash(args[0], h)) return Ref();
  return int_from(h);
}

Ref b_id(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "id() takes exactly one argument (%zu given)", nargs);
  return int_from(static_cast<std::int64_t>(args[0].bits()));
}

Ref b_iter(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "iter expected 1 argument, got %zu", nargs);
  return iter(args[0]);
}

Ref b_next(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs < 1 || nargs > 2) return raise_format(&exc_TypeError, "next expected at least 1 argument, got %zu", nargs);
  if (args[0].type() == &generator_type) {  // StopIteration carries the return value
    Ref v = generator_send(args[0], None());
    if (v || nargs == 1 || !exception_matches_type(peek_error(), &exc_StopIteration)) return v;
    clear_error();
    return Ref::borrow(args[1]);
  }
  Ref v = next(args[0]);
  if (v || error_pending()) return v;
  if (nargs == 2) return Ref::borrow(args[1]);
  return raise_stop_iteration(Obj());
}

Ref b_chr(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "chr() takes exactly one argument (%zu given)", nargs);
  std::int64_t v;
  Ref index = index_object(args[0]);
  if (!index) return index;
  if (!int_to_int64(index, v) || v < 0 || v > 0x10FFFF)
    return raise_message(&exc_ValueError, "chr() arg not in range(0x110000)");
  std::string s;
  utf8_append(s, static_cast<char32_t>(v));
  return str_from(s);
}

Ref b_ord(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "ord() takes exactly one argument (%zu given)", nargs);
  Obj c = args[0];
  if (c.type() == &bytes_type) {
    const std::string& d = c.as<BytesObj>()->data;
    if (d.size() != 1)
      return raise_format(&exc_TypeError, "ord() expected a character, but string of length %zu found", d.size());
    return int_from(static_cast<unsigned char>(d[0]));
  }
  if (!is_str(c))
    return raise_format(&exc_TypeError, "ord() expected string of length 1, but %s found", type_name(c));
  const StrObj* s = c.as<StrObj>();
  if (s->length != 1)
    return raise_format(&exc_TypeError, "ord() expected a character, but string of length %zu found", s->length);
  std::size_t i = 0;
  return int_from(utf8_next(s->view(), i));
}

Ref radix(Obj v, int base, const char* prefix) {
  Ref index = index_object(v);
  if (!index) return index;
  BigInt b = int_to_big(index);
  std::string s = b.negative() ? "-" : "";
  s += prefix;
  s += (b.negative() ? -b : b).to_string(base);
  return str_from_ascii(s);
}

Ref b_hex(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "hex() takes exactly one argument (%zu given)", nargs);
  return radix(args[0], 16, "0x");
}
Ref b_oct(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "oct() takes exactly one argument (%zu given)", nargs);
  return radix(args[0], 8, "0o");
}
Ref b_bin(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "bin() takes exactly one argument (%zu given)", nargs);
  return radix(args[0], 2, "0b");
}

Ref b_divmod(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 2) return raise_format(&exc_TypeError, "divmod expected 2 arguments, got %zu", nargs);
  return builtin_divmod(args[0], args[1]);
}

Ref b_pow(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[3];
  if (!parse_args("pow", args, nargs, kwnames, {"base", "exp", "mod"}, 2, a)) return Ref();
  return builtin_pow(a[0], a[1], a[2] && a[2] != None() ? a[2] : Obj());
}

Ref b_round(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("round", args, nargs, kwnames, {"number", "ndigits"}, 1, a)) return Ref();
  return builtin_round(a[0], a[1] && a[1] != None() ? a[1] : Obj());
}

Ref b_callable(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 1) return raise_format(&exc_TypeError, "callable() takes exactly one argument (%zu given)", nargs);
  TypeObj* t = args[0].type();
  bool r = false;
  for (TypeObj* s = t; s; s = s->base)
    if (s->call) r = true;
  if (t->flags & kTypeUser) {
    Ref n = str_intern("__call__");
    r = static_cast<bool>(type_lookup(t, n));
  }
  return new_ref(Bool(r));
}

Ref b_getattr(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs < 2 || nargs > 3) return raise_format(&exc_TypeError, "getattr expected at least 2 arguments, got %zu", nargs);
  if (!is_str(args[1])) return raise_message(&exc_TypeError, "attribute name must be string");
  Ref name = str_intern(str_view(args[1]));
  if (nargs == 2) return getattr(args[0], name);
  bool missing;
  Ref r = getattr_or_missing(args[0], name, missing);
  if (missing) return Ref::borrow(args[2]);
  return r;
}

Ref b_hasattr(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 2) return raise_format(&exc_TypeError, "hasattr expected 2 arguments, got %zu", nargs);
  if (!is_str(args[1])) return raise_message(&exc_TypeError, "attribute name must be string");
  Ref name = str_intern(str_view(args[1]));
  bool missing;
  Ref r = getattr_or_missing(args[0], name, missing);
  if (!r && !missing) return r;
  return new_ref(Bool(!missing));
}

Ref b_setattr(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 3) return raise_format(&exc_TypeError, "setattr expected 3 arguments, got %zu", nargs);
  if (!is_str(args[1])) return raise_message(&exc_TypeError, "attribute name must be string");
  Ref name = str_intern(str_view(args[1]));
  if (!setattr(args[0], name, args[2])) return Ref();
  return new_ref(None());
}

Ref b_delattr(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs != 2) return raise_format(&exc_TypeError, "delattr expected 2 arguments, got %zu", nargs);
  if (!is_str(args[1]))
    return raise_format(&exc_TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
  Ref name = str_intern(str_view(args[1]));
  if (!delattr(args[0], name)) return Ref();
  return new_ref(None());
}

Ref b_input(Obj, const Obj* args, std::size_t nargs, Obj) {
  if (nargs > 1) return raise_format(&exc_TypeError, "input expected at most 1 argument, got %zu", nargs);
  if (nargs == 1) {
    std::string prompt;
    if (!append_str(prompt, args[0])) return Ref();
    write_stdout(prompt);
  }
  flush_stdout();
  std::string line;
  int c;
  bool any = false;
  while ((c = std::getchar()) != EOF) {
    any = true;
    if (c == '\n') break;
    line.push_back(static_cast<char>(c));
  }
  if (!any) return raise_message(&exc_EOFError, "EOF when reading a line");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (std::string error = utf8_decode_error(line); !error.empty())
    return raise_message(&exc_UnicodeDecodeError, error);
  return str_from(line);
}

struct BuiltinEntry {
  const char* name;
  NativeFn fn;
};

constexpr BuiltinEntry kBuiltins[] = {
    {"print", b_print},       {"len", b_len},           {"repr", b_repr},           {"abs", b_abs},
    {"ascii", b_ascii},       {"format", b_format},
    {"min", b_min},           {"max", b_max},           {"sum", b_sum},             {"sorted", b_sorted},
    {"enumerate", b_enumerate}, {"zip", b_zip},         {"map", b_map},             {"filter", b_filter},
    {"reversed", b_reversed}, {"any", b_any_all<false>}, {"all", b_any_all<true>}, {"isinstance", b_isinstance},
    {"issubclass", b_issubclass}, {"hash", b_hash},     {"id", b_id},               {"iter", b_iter},
    {"next", b_next},         {"chr", b_chr},           {"ord", b_ord},             {"hex", b_hex},
    {"oct", b_oct},           {"bin", b_bin},           {"divmod", b_divmod},       {"pow", b_pow},
    {"round", b_round},       {"callable", b_callable}, {"getattr", b_getattr},     {"hasattr", b_hasattr},
    {"setattr", b_setattr},   {"input", b_input},       {"open", b_open},         {"delattr", b_delattr},
};

struct TypeEntry {
  const char* name;
  TypeObj* type;
};

}  // namespace

Obj builtin_object(std::string_view name) {
  static const TypeEntry kTypes[] = {
      {"int", &int_type},           {"float", &float_type},         {"str", &str_type},
      {"bool", &bool_type},         {"list", &list_type},           {"tuple", &tuple_type},
      {"dict", &dict_type},         {"set", &set_type},             {"frozenset", &frozenset_type},
      {"range", &range_type},       {"object", &object_type},       {"type", &type_type},
      {"property", &property_type}, {"staticmethod", &staticmethod_type}, {"classmethod", &classmethod_type},
      {"slice", &slice_type},       {"bytes", &bytes_type},         {"BaseException", &exc_BaseException},
#define GEN_EXCEPTION(n, base) {#n, &exc_##n},
#include "gen/support/exceptions.def"
#undef GEN_EXCEPTION
  };
  for (const TypeEntry& t : kTypes)
    if (name == t.name) return Obj::of(t.type);
  // Never destroyed (as the intern table): the objects live to the end and
  // stay reachable, so a leak checker does not report them at exit.
  static auto* functions = [] {
    auto* v = new std::vector<std::pair<const char*, Ref>>();
    for (const BuiltinEntry& b : kBuiltins) {
      Ref f = make_builtin(b.name, b.fn);
      f.get().header()->refcnt = kImmortal;
      v->emplace_back(b.name, std::move(f));
    }
    return v;
  }();
  for (auto& f : *functions)
    if (name == f.first) return f.second;
  if (name == "None") return None();
  if (name == "True") return True();
  if (name == "False") return False();
  if (name == "NotImplemented") return NotImplemented();
  if (name == "Ellipsis") return Ellipsis();
  return Obj();
}

NativeFn builtin_function(std::string_view name) {
  for (const BuiltinEntry& b : kBuiltins)
    if (name == b.name) return b.fn;
  return nullptr;
}

}  // namespace gen
