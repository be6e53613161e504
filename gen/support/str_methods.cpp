// str's methods. Positions are code points; searching works on the UTF-8
// bytes (a code point sequence matches exactly where its bytes do).
#include <cstring>

#include "gen/support/internal.h"
#include "gen/support/unicode.h"

namespace gen {

namespace {

std::string_view sv(Obj o) { return str_view(o); }

bool want_str(const char* method, Obj o, const char* what = "argument") {
  if (is_str(o)) return true;
  raise_format(&exc_TypeError, "%s() %s must be str, not %s", method, what, type_name(o));
  return false;
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\x1c' || c == '\x1d' || c == '\x1e' || c == '\x1f'; }

// The code point starting at byte i is whitespace (str.isspace()).
bool space_at(std::string_view s, std::size_t i, std::size_t& next) {
  next = i;
  const char32_t c = utf8_next(s, next);
  return c < 0x80 ? is_ascii_space(static_cast<char>(c)) : uni_space(c);
}

Ref m_join(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (nargs != 1 || !no_keywords("join", kwnames))
    return error_pending() ? Ref() : raise_format(&exc_TypeError, "str.join() takes exactly one argument (%zu given)", nargs);
  Ref seq = is_list(args[0]) || is_tuple(args[0]) ? Ref::borrow(args[0]) : list_from_iterable(args[0]);
  if (!seq) return seq;
  const std::vector<Ref>& items = is_list(seq) ? list_items(seq) : tuple_items(seq);
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!is_str(items[i]))
      return raise_format(&exc_TypeError, "sequence item %zu: expected str instance, %s found", i, type_name(items[i]));
    if (i) out += sv(self);
    out += sv(items[i]);
  }
  return str_from(out);
}

Ref split_impl(Obj self, const Obj* args, std::size_t nargs, Obj kwnames, bool right) {
  Obj a[2];
  if (!parse_args(right ? "rsplit" : "split", args, nargs, kwnames, {"sep", "maxsplit"}, 0, a)) return Ref();
  std::int64_t maxsplit = -1;
  if (a[1] && !index_value(a[1], maxsplit)) return Ref();
  const std::string_view s = sv(self);
  std::vector<Ref> parts;
  if (!a[0] || a[0] == None()) {
    // Runs of whitespace separate; leading and trailing ones are dropped.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    if (!right) {
      std::size_t i = 0, n;
      while (i < s.size()) {
        while (i < s.size() && space_at(s, i, n)) i = n;
        if (i >= s.size()) break;
        if (maxsplit >= 0 && static_cast<std::int64_t>(spans.size()) == maxsplit) {
          // The rest, without its trailing whitespace.
          std::size_t end = s.size();
          std::size_t k = i, last_nonspace_end = i;
          while (k < end) {
            if (!space_at(s, k, n)) last_nonspace_end = n;
            k = n;
          }
          spans.emplace_back(i, last_nonspace_end);
          break;
        }
        const std::size_t b = i;
        while (i < s.size() && !space_at(s, i, n)) i = n;
        spans.emplace_back(b, i);
      }
    } else {
      // From the right: split everything, then join the leftmost parts back.
      std::vector<std::pair<std::size_t, std::size_t>> all;
      std::size_t i = 0, n;
      while (i < s.size()) {
        while (i < s.size() && space_at(s, i, n)) i = n;
        if (i >= s.size()) break;
        const std::size_t b = i;
        while (i < s.size() && !space_at(s, i, n)) i = n;
        all.emplace_back(b, i);
      }
      if (maxsplit >= 0 && static_cast<std::int64_t>(all.size()) > maxsplit + 1) {
        const std::size_t keep = static_cast<std::size_t>(maxsplit);
        const std::size_t first = all.size() - keep;
        spans.emplace_back(all[0].first, all[first - 1].second);
        for (std::size_t k = first; k < all.size(); ++k) spans.push_back(all[k]);
        // The joined head starts at its first non-space and keeps inner spaces.
      } else {
        spans = all;
      }
    }
    for (auto& sp : spans) parts.push_back(str_from(s.substr(sp.first, sp.second - sp.first)));
    return make_list(std::move(parts));
  }
  if (!want_str(right ? "rsplit" : "split", a[0], "argument 1")) return Ref();
  const std::string_view sep = sv(a[0]);
  if (sep.empty()) return raise_message(&exc_ValueError, "empty separator");
  if (!right) {
    std::size_t b = 0;
    std::int64_t count = 0;
    for (;;) {
      const std::size_t at = (maxsplit >= 0 && count >= maxsplit) ? std::string_view::npos : s.find(sep, b);
      if (at == std::string_view::npos) {
        parts.push_back(str_from(s.substr(b)));
        break;
      }
      parts.push_back(str_from(s.substr(b, at - b)));
      b = at + sep.size();
      ++count;
    }
  } else {
    std::size_t e = s.size();
    std::int64_t count = 0;
    std::vector<Ref> rev;
    for (;;) {
      std::size_t at = std::string_view::npos;
      if (!(maxsplit >= 0 && count >= maxsplit) && e >= sep.size()) at = s.rfind(sep, e - sep.size());
      if (at == std::string_view::npos) {
        rev.push_back(str_from(s.substr(0, e)));
        break;
      }
      rev.push_back(str_from(s.substr(at + sep.size(), e - at - sep.size())));
      e = at;
      ++count;
    }
    for (auto it = rev.rbegin(); it != rev.rend(); ++it) parts.push_back(std::move(*it));
  }
  return make_list(std::move(parts));
}

Ref m_split(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) { return split_impl(self, args, nargs, kwnames, false); }
Ref m_rsplit(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) { return split_impl(self, args, nargs, kwnames, true); }

template <int Side>  // 1 left, 2 right, 3 both
Ref m_strip(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  static const char* const kNames[] = {"", "lstrip", "rstrip", "strip"};
  Obj a[1];
  if (!parse_args(kNames[Side], args, nargs, kwnames, {"chars"}, 0, a)) return Ref();
  const std::string_view s = sv(self);
  std::u32string chars;  // the non-ASCII ones
  std::uint64_t ascii[2] = {0, 0};  // bit c: ASCII c is stripped
  const bool whitespace = !a[0] || a[0] == None();
  if (!whitespace) {
    if (!want_str(kNames[Side], a[0], "arg")) return Ref();
    const std::string_view set = sv(a[0]);
    std::size_t i = 0;
    while (i < set.size()) {
      const char32_t c = utf8_next(set, i);
      if (c < 0x80) ascii[c >> 6] |= std::uint64_t{1} << (c & 63);
      else chars.push_back(c);
    }
  }
  auto strip_cp = [&](char32_t c) {
    if (whitespace) return c < 0x80 ? is_ascii_space(static_cast<char>(c)) : uni_space(c);
    if (c < 0x80) return ((ascii[c >> 6] >> (c & 63)) & 1) != 0;
    return chars.find(c) != std::u32string::npos;
  };
  std::size_t b = 0, e = s.size();
  if (Side & 1) {
    while (b < e) {
      std::size_t n = b;
      if (!strip_cp(utf8_next(s, n))) break;
      b = n;
    }
  }
  if (Side & 2) {
    while (e > b) {
      std::size_t k = e - 1;
      while (k > b && utf8_continuation(s[k])) --k;
      std::size_t n = k;
      if (!strip_cp(utf8_next(s, n))) break;
      e = k;
    }
  }
  if (b == 0 && e == s.size() && self.type() == &str_type) return Ref::borrow(self);
  return str_from(s.substr(b, e - b));
}

// Code point bounds [start, end) of s[start:end] as byte offsets.
bool byte_range(Obj self, Obj start, Obj end, std::size_t& b, std::size_t& e) {
  const StrObj* s = self.as<StrObj>();
  const auto n = static_cast<std::int64_t>(s->length);
  std::int64_t x = 0, y = n;
  if (start && start != None() && !index_value(start, x)) return false;
  if (end && end != None() && !index_value(end, y)) return false;
  if (x < 0) x = std::max<std::int64_t>(0, x + n);
  if (y < 0) y = std::max<std::int64_t>(0, y + n);
  if (x > n) x = n + 1;  // past the end: nothing can match (not even '')
  if (y > n) y = n;
  if (x > n) {
    b = s->size + 1;
    e = s->size;
    return true;
  }
  b = str_offset(s, static_cast<std::size_t>(x));
  e = y < x ? b : str_offset(s, static_cast<std::size_t>(y));
  return true;
}

std::int64_t cp_index(Obj self, std::size_t byte) {
  const StrObj* s = self.as<StrObj>();
  if (s->ascii) return static_cast<std::int64_t>(byte);
  std::int64_t n = 0;
  for (std::size_t i = 0; i < byte; ++i)
    if (!utf8_continuation(s->data[i])) ++n;
  return n;
}

template <bool Reverse, bool Raise>
Ref m_find(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  const char* name = Reverse ? (Raise ? "rindex" : "rfind") : (Raise ? "index" : "find");
  Obj a[3];
  if (!parse_args(name, args, nargs, kwnames, {"sub", "start", "end"}, 1, a)) return Ref();
  if (!is_str(a[0])) return raise_format(&exc_TypeError, "must be str, not %s", type_name(a[0]));
  std::size_t b, e;
  if (!byte_range(self, a[1], a[2], b, e)) return Ref();
  const std::string_view s = sv(self), sub = sv(a[0]);
  std::size_t at = std::string_view::npos;
  if (b <= e && e - b >= sub.size()) {
    const std::string_view window = s.substr(b, e - b);
    at = Reverse ? window.rfind(sub) : window.find(sub);
    if (at != std::string_view::npos) at += b;
  }
  if (at == std::string_view::npos) {
    if (Raise) return raise_message(&exc_ValueError, "substring not found");
    return int_from(-1);
  }
  return int_from(cp_index(self, at));
}

Ref m_count(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[3];
  if (!parse_args("count", args, nargs, kwnames, {"sub", "start", "end"}, 1, a)) return Ref();
  if (!is_str(a[0])) return raise_format(&exc_TypeError, "must be str, not %s", type_name(a[0]));
  std::size_t b, e;
  if (!byte_range(self, a[1], a[2], b, e)) return Ref();
  if (b > e) return int_from(0);
  const std::string_view window = sv(self).substr(b, e - b), sub = sv(a[0]);
  if (sub.empty()) return int_from(cp_index(self, e) - cp_index(self, b) + 1);
  std::int64_t n = 0;
  for (std::size_t at = window.find(sub); at != std::string_view::npos; at = window.find(sub, at + sub.size())) ++n;
  return int_from(n);
}

Ref m_replace(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[3];
  if (!parse_args("replace", args, nargs, kwnames, {"old", "new", "count"}, 2, a)) return Ref();
  if (!want_str("replace", a[0], "argument 1") || !want_str("replace", a[1], "argument 2")) return Ref();
  std::int64_t count = -1;
  if (a[2] && !index_value(a[2], count)) return Ref();
  const std::string_view s = sv(self), from = sv(a[0]), to = sv(a[1]);
  std::string out;
  if (from.empty()) {
    // Before every code point and at the end: the first `count` of them.
    std::size_t i = 0;
    for (std::int64_t done = 0;; ++done) {
      if (count < 0 || done < count) out += to;
      if (i >= s.size()) break;
      const std::size_t b = i;
      utf8_next(s, i);
      out += s.substr(b, i - b);
    }
    return str_from(out);
  }
  std::size_t b = 0;
  std::int64_t done = 0;
  for (;;) {
    const std::size_t at = (count >= 0 && done >= count) ? std::string_view::npos : s.find(from, b);
    if (at == std::string_view::npos) break;
    out += s.substr(b, at - b);
    out += to;
    b = at + from.size();
    ++done;
  }
  if (done == 0 && self.type() == &str_type) return Ref::borrow(self);
  out += s.substr(b);
  return str_from(out);
}

template <bool End>
Ref m_startswith(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  const char* name = End ? "endswith" : "startswith";
  Obj a[3];
  if (!parse_args(name, args, nargs, kwnames, {"prefix", "start", "end"}, 1, a)) return Ref();
  std::size_t b, e;
  if (!byte_range(self, a[1], a[2], b, e)) return Ref();
  if (b > e) return new_ref(False());
  const std::string_view window = sv(self).substr(b, e - b);
  auto test = [&](Obj p) -> int {
    if (!is_str(p)) {
      raise_format(&exc_TypeError, "%s first arg must be str or a tuple of str, not %s", name, type_name(p));
      return -1;
    }
    const std::string_view x = sv(p);
    if (x.size() > window.size()) return 0;
    return End ? window.substr(window.size() - x.size()) == x : window.substr(0, x.size()) == x;
  };
  if (is_tuple(a[0])) {
    for (const Ref& p : tuple_items(a[0])) {
      if (!is_str(p))
        return raise_format(&exc_TypeError, "tuple for %s must only contain str, not %s", name, type_name(p));
      if (test(p) == 1) return new_ref(True());
    }
    return new_ref(False());
  }
  const int r = test(a[0]);
  if (r < 0) return Ref();
  return new_ref(Bool(r));
}

enum class Case { Upper, Lower, Swap, Title, Capitalize, Fold };

// The case methods on an ASCII string: a byte at a time (only letters
// are cased, and none of them changes length or has a final form).
template <Case C>
Ref ascii_case(std::string_view s) {
  std::string out(s.size(), '\0');
  bool previous_cased = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
    bool to_upper = false, to_lower = false;
    switch (C) {
      case Case::Upper: to_upper = true; break;
      case Case::Lower:
      case Case::Fold: to_lower = true; break;
      case Case::Swap:
        to_upper = lower;
        to_lower = upper;
        break;
      case Case::Title:
        to_upper = !previous_cased;
        to_lower = previous_cased;
        break;
      case Case::Capitalize:
        to_upper = i == 0;
        to_lower = i != 0;
        break;
    }
    out[i] = to_upper && lower ? static_cast<char>(c - 'a' + 'A') : to_lower && upper ? static_cast<char>(c - 'A' + 'a') : c;
    previous_cased = upper || lower;
  }
  return str_from_ascii(out);
}

template <Case C>
Ref m_case(Obj self, const Obj*, std::size_t nargs, Obj) {
  if (nargs) return raise_message(&exc_TypeError, "takes no arguments");
  const std::string_view s = sv(self);
  if (self.as<StrObj>()->ascii) return ascii_case<C>(s);
  std::string out;
  out.reserve(s.size());
  std::u32string buf;
  bool previous_cased = false;
  std::size_t i = 0;
  bool first = true;
  while (i < s.size()) {
    const std::size_t at = i;
    const char32_t c = utf8_next(s, i);
    buf.clear();
    bool upper_it = false, lower_it = false, title_it = false;
    switch (C) {
      case Case::Upper: upper_it = true; break;
      case Case::Lower: lower_it = true; break;
      case Case::Fold: uni_to_fold(c, buf); break;
      case Case::Swap:
        if (uni_upper(c)) lower_it = true;
        else if (uni_lower(c)) upper_it = true;
        else buf.push_back(c);
        break;
      case Case::Title:
        if (previous_cased) lower_it = true;
        else title_it = true;
        break;
      case Case::Capitalize:
        if (first) title_it = true;
        else lower_it = true;
        break;
    }
    if (upper_it) uni_to_upper(c, buf);
    if (title_it) uni_to_title(c, buf);
    if (lower_it) {
      if (c == 0x3A3) {
        // Final sigma: after a cased letter and not before one.
        bool before = false, after = false;
        for (std::size_t k = at; k > 0;) {
          --k;
          while (k > 0 && utf8_continuation(s[k])) --k;
          std::size_t n = k;
          const char32_t p = utf8_next(s, n);
          if (uni_case_ignorable(p)) continue;
          before = uni_cased(p);
          break;
        }
        for (std::size_t k = i; k < s.size();) {
          const char32_t p = utf8_next(s, k);
          if (uni_case_ignorable(p)) continue;
          after = uni_cased(p);
          break;
        }
        buf.push_back(before && !after ? 0x3C2 : 0x3C3);
      } else {
        uni_to_lower(c, buf);
      }
    }
    for (char32_t x : buf) utf8_append(out, x);
    if (C == Case::Title) previous_cased = uni_cased(c) || (c < 0x80 && std::isalpha(static_cast<int>(c)));
    first = false;
  }
  return str_from(out);
}

template <bool (*Pred)(char32_t)>
Ref m_is(Obj self, const Obj*, std::size_t, Obj) {
  const std::string_view s = sv(self);
  if (s.empty()) return new_ref(False());
  std::size_t i = 0;
  while (i < s.size())
    if (!Pred(utf8_next(s, i))) return new_ref(False());
  return new_ref(True());
}

bool alnum(char32_t c) { return uni_alpha(c) || uni_numeric(c) || uni_digit(c) || uni_decimal(c); }
// isascii() is True for '' (the other predicates are False).
Ref m_isascii(Obj self, const Obj*, std::size_t, Obj) { return new_ref(Bool(self.as<StrObj>()->ascii)); }

Ref m_isupper_lower(Obj self, bool upper) {
  const std::string_view s = sv(self);
  bool cased = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = utf8_next(s, i);
    if (upper ? uni_lower(c) || uni_title(c) : uni_upper(c) || uni_title(c)) return new_ref(False());
    if (upper ? uni_upper(c) : uni_lower(c)) cased = true;
  }
  return new_ref(Bool(cased));
}
Ref m_isupper(Obj self, const Obj*, std::size_t, Obj) { return m_isupper_lower(self, true); }
// Title case: uppercase (or titlecase) letters only after uncased ones,
// lowercase ones only after cased ones, and at least one cased letter.
Ref m_istitle(Obj self, const Obj*, std::size_t, Obj) {
  const std::string_view s = sv(self);
  bool cased = false, previous_cased = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = utf8_next(s, i);
    if (uni_upper(c) || uni_title(c)) {
      if (previous_cased) return new_ref(False());
      previous_cased = cased = true;
    } else if (uni_lower(c)) {
      if (!previous_cased) return new_ref(False());
      previous_cased = cased = true;
    } else {
      previous_cased = false;
    }
  }
  return new_ref(Bool(cased));
}
Ref m_islower(Obj self, const Obj*, std::size_t, Obj) { return m_isupper_lower(self, false); }

template <int Align>  // 0 center, 1 ljust, 2 rjust
Ref m_justify(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  static const char* const kNames[] = {"center", "ljust", "rjust"};
  Obj a[2];
  if (!parse_args(kNames[Align], args, nargs, kwnames, {"width", "fillchar"}, 1, a)) return Ref();
  std::int64_t width;
  if (!index_value(a[0], width)) return Ref();
  std::string fill = " ";
  if (a[1]) {
    if (!is_str(a[1]) || a[1].as<StrObj>()->length != 1)
      return raise_message(&exc_TypeError, "The fill character must be exactly one character long");
    fill = std::string(sv(a[1]));
  }
  const auto length = static_cast<std::int64_t>(self.as<StrObj>()->length);
  if (width <= length) return Ref::borrow(self);
  const std::int64_t missing = width - length;
  std::int64_t left = Align == 1 ? 0 : Align == 2 ? missing : missing / 2 + (missing & width & 1);
  std::string out;
  for (std::int64_t k = 0; k < left; ++k) out += fill;
  out += sv(self);
  for (std::int64_t k = 0; k < missing - left; ++k) out += fill;
  return str_from(out);
}

Ref m_zfill(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("zfill", args, nargs, kwnames, {"width"}, 1, a)) return Ref();
  std::int64_t width;
  if (!index_value(a[0], width)) return Ref();
  const auto length = static_cast<std::int64_t>(self.as<StrObj>()->length);
  if (width <= length) return Ref::borrow(self);
  std::string s(sv(self));
  const std::size_t at = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
  s.insert(at, static_cast<std::size_t>(width - length), '0');
  return str_from(s);
}

template <bool Right>
Ref m_partition(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args(Right ? "rpartition" : "partition", args, nargs, kwnames, {"sep"}, 1, a)) return Ref();
  if (!is_str(a[0])) return raise_format(&exc_TypeError, "must be str, not %s", type_name(a[0]));
  const std::string_view s = sv(self), sep = sv(a[0]);
  if (sep.empty()) return raise_message(&exc_ValueError, "empty separator");
  const std::size_t at = Right ? s.rfind(sep) : s.find(sep);
  Ref empty = str_intern("");
  if (at == std::string_view::npos) {
    Ref whole = str_from(s);
    return Right ? tuple_of({empty, empty, whole}) : tuple_of({whole, empty, empty});
  }
  Ref head = str_from(s.substr(0, at)), tail = str_from(s.substr(at + sep.size()));
  return tuple_of({head, a[0], tail});
}

Ref m_splitlines(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("splitlines", args, nargs, kwnames, {"keepends"}, 0, a)) return Ref();
  int keep = 0;
  if (a[0] && (keep = truth(a[0])) < 0) return Ref();
  const std::string_view s = sv(self);
  std::vector<Ref> lines;
  std::size_t b = 0, i = 0;
  while (i < s.size()) {
    const std::size_t at = i;
    const char32_t c = utf8_next(s, i);
    const bool brk = c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e ||
                     c == 0x85 || c == 0x2028 || c == 0x2029;
    if (!brk) continue;
    if (c == '\r' && i < s.size() && s[i] == '\n') ++i;
    lines.push_back(str_from(s.substr(b, (keep ? i : at) - b)));
    b = i;
  }
  if (b < s.size()) lines.push_back(str_from(s.substr(b)));
  return make_list(std::move(lines));
}

template <bool Suffix>
Ref m_remove_affix(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args(Suffix ? "removesuffix" : "removeprefix", args, nargs, kwnames, {"affix"}, 1, a)) return Ref();
  if (!want_str(Suffix ? "removesuffix" : "removeprefix", a[0], "argument")) return Ref();
  const std::string_view s = sv(self), x = sv(a[0]);
  if (x.empty() || x.size() > s.size()) return Ref::borrow(self);
  if (Suffix ? s.substr(s.size() - x.size()) == x : s.substr(0, x.size()) == x)
    return str_from(Suffix ? s.substr(0, s.size() - x.size()) : s.substr(x.size()));
  return Ref::borrow(self);
}

Ref m_format(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  return str_format_method(self, args, nargs, kwnames);
}

Ref m_format_map(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("format_map", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "format_map() takes exactly one argument (%zu given)", nargs);
  return str_format_map(self, args[0]);
}

// Tabs to spaces: a tab advances to the next multiple of tabsize; the
// column restarts after \n and \r.
Ref m_expandtabs(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("expandtabs", args, nargs, kwnames, {"tabsize"}, 0, a)) return Ref();
  std::int64_t tabsize = 8;
  if (a[0]) {
    if (!is_int(a[0]))
      return raise_format(&exc_TypeError, "'%s' object cannot be interpreted as an integer", type_name(a[0]));
    if (!int_to_int64(a[0], tabsize)) return raise_message(&exc_OverflowError, "Python int too large to convert to C int");
  }
  const std::string_view s = sv(self);
  std::string out;
  std::int64_t column = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = utf8_next(s, i);
    if (cp == '\t') {
      if (tabsize > 0) {
        const std::int64_t spaces = tabsize - column % tabsize;
        out.append(static_cast<std::size_t>(spaces), ' ');
        column += spaces;
      }
    } else {
      out.append(s.substr(start, i - start));
      column = cp == '\n' || cp == '\r' ? 0 : column + 1;
    }
  }
  return str_from(out);
}

// XID_Start (or "_") first, then XID_Continue, as CPython's (no NFKC
// normalization: that is the parser's, not isidentifier()'s).
Ref m_isidentifier(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("isidentifier", kwnames)) return Ref();
  if (nargs != 0) return raise_format(&exc_TypeError, "str.isidentifier() takes no arguments (%zu given)", nargs);
  const std::string_view s = sv(self);
  if (s.empty()) return new_ref(False());
  std::size_t i = 0;
  const char32_t first = utf8_next(s, i);
  if (!uni_xid_start(first)) return new_ref(False());
  while (i < s.size())
    if (!uni_xid_continue(utf8_next(s, i))) return new_ref(False());
  return new_ref(True());
}

Ref m_isprintable(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("isprintable", kwnames)) return Ref();
  if (nargs != 0) return raise_format(&exc_TypeError, "str.isprintable() takes no arguments (%zu given)", nargs);
  const std::string_view s = sv(self);
  for (std::size_t i = 0; i < s.size();)
    if (!uni_printable(utf8_next(s, i))) return new_ref(False());
  return new_ref(True());
}

// translate(table): each character's ordinal looked up in the table (a
// mapping or sequence); LookupError keeps it, None deletes it, an int or a
// str replaces it.
Ref m_translate(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("translate", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "translate() takes exactly one argument (%zu given)", nargs);
  const std::string_view s = sv(self);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = utf8_next(s, i);
    Ref key = int_from(static_cast<std::int64_t>(cp));
    Ref v = getitem(args[0], key);
    if (!v) {
      if (!exception_matches_type(peek_error(), &exc_LookupError)) return v;
      clear_error();
      out.append(s.substr(start, i - start));
      continue;
    }
    if (v.get() == None()) continue;
    if (is_str(v)) {
      out.append(sv(v));
      continue;
    }
    std::int64_t c = 0;
    if (!is_int(v)) return raise_message(&exc_TypeError, "character mapping must return integer, None or str");
    if (!int_to_int64(v, c) || c < 0 || c > 0x10FFFF)
      return raise_message(&exc_ValueError, "character mapping must be in range(0x110000)");
    utf8_append(out, static_cast<char32_t>(c));
  }
  return str_from(out);
}

// str.maketrans(x[, y[, z]]): a static method building translate's table.
Ref str_maketrans(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("maketrans", kwnames)) return Ref();
  if (nargs < 1 || nargs > 3)
    return raise_format(&exc_TypeError, "maketrans expected %s, got %zu", nargs < 1 ? "at least 1 argument" : "at most 3 arguments",
                        nargs);
  Ref table = make_dict();
  if (nargs == 1) {
    if (!is_dict(args[0]))
      return raise_message(&exc_TypeError, "if you give only one argument to maketrans it must be a dict");
    Ref items = list_from_iterable(args[0]);
    if (!items) return items;
    for (const Ref& k : list_items(items)) {
      Ref v = getitem(args[0], k);
      if (!v) return v;
      Ref key;
      if (is_str(k)) {
        if (k.get().as<StrObj>()->length != 1)
          return raise_message(&exc_ValueError, "string keys in translate table must be of length 1");
        std::size_t i = 0;
        key = int_from(static_cast<std::int64_t>(utf8_next(sv(k), i)));
      } else if (is_int(k)) {
        key = Ref::borrow(k);
      } else {
        return raise_message(&exc_TypeError, "keys in translate table must be strings or integers");
      }
      if (!dict_set(table, key, v)) return Ref();
    }
    return table;
  }
  if (!is_str(args[0]) || !is_str(args[1]))
    return raise_message(&exc_TypeError, "maketrans() argument must be str");
  const std::string_view x = sv(args[0]), y = sv(args[1]);
  if (args[0].as<StrObj>()->length != args[1].as<StrObj>()->length)
    return raise_message(&exc_ValueError, "the first two maketrans arguments must have equal length");
  for (std::size_t i = 0, j = 0; i < x.size();) {
    Ref k = int_from(static_cast<std::int64_t>(utf8_next(x, i)));
    Ref v = int_from(static_cast<std::int64_t>(utf8_next(y, j)));
    if (!dict_set(table, k, v)) return Ref();
  }
  if (nargs == 3) {
    if (!is_str(args[2])) return raise_message(&exc_TypeError, "maketrans() argument 3 must be str");
    const std::string_view z = sv(args[2]);
    for (std::size_t i = 0; i < z.size();) {
      Ref k = int_from(static_cast<std::int64_t>(utf8_next(z, i)));
      if (!dict_set(table, k, None())) return Ref();
    }
  }
  return table;
}

Ref m_encode(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("encode", args, nargs, kwnames, {"encoding", "errors"}, 0, a)) return Ref();
  if (a[0]) {
    std::string enc(sv(a[0]));
    for (char& c : enc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (enc != "utf-8" && enc != "utf8" && enc != "ascii")
      return raise_message(&exc_LookupError, "unsupported encoding: " + std::string(sv(a[0])));
    if (enc == "ascii" && !self.as<StrObj>()->ascii) {
      // CPython's message names the first run of unencodable characters.
      const std::string_view s = sv(self);
      std::size_t i = 0, position = 0, first = 0, run = 0;
      char32_t cp = 0, first_cp = 0;
      while (i < s.size()) {
        cp = utf8_next(s, i);
        if (cp >= 0x80) {
          if (run == 0) first = position, first_cp = cp;
          ++run;
        } else if (run) {
          break;
        }
        ++position;
      }
      char buf[160];
      if (run == 1)
        std::snprintf(buf, sizeof buf, "'ascii' codec can't encode character '%s%0*x' in position %zu: ordinal not in range(128)",
                      first_cp <= 0xFF ? "\\x" : first_cp <= 0xFFFF ? "\\u" : "\\U",
                      first_cp <= 0xFF ? 2 : first_cp <= 0xFFFF ? 4 : 8, static_cast<unsigned>(first_cp), first);
      else
        std::snprintf(buf, sizeof buf, "'ascii' codec can't encode characters in position %zu-%zu: ordinal not in range(128)",
                      first, first + run - 1);
      return raise_message(&exc_UnicodeEncodeError, buf);
    }
  }
  return bytes_from(sv(self));
}

constexpr MethodDef kStrMethods[] = {
    {"join", m_join},
    {"split", m_split},
    {"rsplit", m_rsplit},
    {"strip", m_strip<3>},
    {"lstrip", m_strip<1>},
    {"rstrip", m_strip<2>},
    {"find", m_find<false, false>},
    {"rfind", m_find<true, false>},
    {"index", m_find<false, true>},
    {"rindex", m_find<true, true>},
    {"count", m_count},
    {"replace", m_replace},
    {"startswith", m_startswith<false>},
    {"endswith", m_startswith<true>},
    {"upper", m_case<Case::Upper>},
    {"lower", m_case<Case::Lower>},
    {"swapcase", m_case<Case::Swap>},
    {"title", m_case<Case::Title>},
    {"capitalize", m_case<Case::Capitalize>},
    {"casefold", m_case<Case::Fold>},
    {"isdigit", m_is<uni_digit>},
    {"isdecimal", m_is<uni_decimal>},
    {"isnumeric", m_is<uni_numeric>},
    {"isalpha", m_is<uni_alpha>},
    {"isalnum", m_is<alnum>},
    {"isspace", m_is<uni_space>},
    {"isascii", m_isascii},
    {"isupper", m_isupper},
    {"istitle", m_istitle},
    {"islower", m_islower},
    {"center", m_justify<0>},
    {"ljust", m_justify<1>},
    {"rjust", m_justify<2>},
    {"zfill", m_zfill},
    {"partition", m_partition<false>},
    {"rpartition", m_partition<true>},
    {"splitlines", m_splitlines},
    {"removeprefix", m_remove_affix<false>},
    {"removesuffix", m_remove_affix<true>},
    {"format", m_format},
    {"format_map", m_format_map},
    {"expandtabs", m_expandtabs},
    {"isidentifier", m_isidentifier},
    {"isprintable", m_isprintable},
    {"translate", m_translate},
    {"encode", m_encode},
};

}  // namespace

void init_str_methods() {
  add_methods(&str_type, kStrMethods);
  Ref maketrans = make_builtin("maketrans", str_maketrans);  // a static method: never bound
  maketrans.get().header()->refcnt = kImmortal;
  Ref name = str_intern("maketrans");
  dict_set(str_type.dict, name, maketrans);
}

}  // namespace gen
