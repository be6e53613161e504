// The format specification mini-language (format(), f-strings,
// str.format) for str, int, bool and float, str.format's fields, and the %
// operator on str, with CPython's results and messages.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "gen/support/builtins.h"
#include "gen/support/codegen.h"
#include "gen/support/float_repr.h"
#include "gen/support/internal.h"
#include "gen/support/unicode.h"

namespace gen {

namespace {

// [[fill]align][sign][z][#][0][width][grouping][.precision][type]
struct Spec {
  std::string fill = " ";
  char align = 0;  // '<', '>', '=', '^', or 0 for the type's default
  char sign = 0;   // '+', '-', ' ', or 0
  bool coerce_zero = false;
  bool alternate = false;
  bool zero = false;
  std::int64_t width = -1;
  char grouping = 0;  // ',', '_' or 0
  std::int64_t precision = -1;
  char type = 0;
};

bool parse_spec(std::string_view s, Spec& spec, const char* type_name_for_errors) {
  std::size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
  // A fill character may be any one code point.
  if (!s.empty()) {
    std::size_t j = 0;
    utf8_next(s, j);
    if (j < s.size() && is_align(s[j])) {
      spec.fill = std::string(s.substr(0, j));
      spec.align = s[j];
      i = j + 1;
    } else if (is_align(s[0])) {
      spec.align = s[0];
      i = 1;
    }
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) spec.sign = s[i++];
  if (i < s.size() && s[i] == 'z') {
    spec.coerce_zero = true;
    ++i;
  }
  if (i < s.size() && s[i] == '#') {
    spec.alternate = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    spec.zero = true;
    ++i;
  }
  auto number = [&](std::int64_t& out) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      out = out * 10 + (s[i++] - '0');
      if (out > (std::int64_t{1} << 40)) {
        raise_message(&exc_ValueError, "Too many decimal digits in format string");
        return false;
      }
    }
    return true;
  };
  number(spec.width);
  if (error_pending()) return false;
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) spec.grouping = s[i++];
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) {
    raise_message(&exc_ValueError, "Cannot specify both ',' and '_'.");
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!number(spec.precision)) {
      if (!error_pending()) raise_message(&exc_ValueError, "Format specifier missing precision");
      return false;
    }
  }
  if (i < s.size()) spec.type = s[i++];
  if (i < s.size()) {
    raise_message(&exc_ValueError, "Invalid format specifier '" + std::string(s) + "' for object of type '" +
                                       type_name_for_errors + "'");
    return false;
  }
  if (spec.zero && !spec.align) {
    spec.fill = "0";
    spec.align = '=';
  }
  return true;
}

std::size_t cp_count(std::string_view s) {
  bool ascii;
  return utf8_length(s, ascii);
}

// Pads `body` (after `prefix`: the sign and 0x) to the width.
std::string pad(const Spec& spec, std::string_view prefix, std::string_view body, char default_align) {
  const char align = spec.align ? spec.align : default_align;
  const std::int64_t length = static_cast<std::int64_t>(cp_count(prefix) + cp_count(body));
  std::string out;
  const std::int64_t missing = spec.width > length ? spec.width - length : 0;
  auto fill = [&](std::int64_t n) {
    for (std::int64_t k = 0; k < n; ++k) out += spec.fill;
  };
  switch (align) {
    case '<':
      out += prefix;
      out += body;
      fill(missing);
      break;
    case '^':
      fill(missing / 2);
      out += prefix;
      out += body;
      fill(missing - missing / 2);
      break;
    case '=':
      out += prefix;
      fill(missing);
      out += body;
      break;
    default:
      fill(missing);
      out += prefix;
      out += body;
      break;
  }
  return out;
}

// Inserts `sep` every `every` digits from the right; with zero padding to
// `min_width`, the padding zeros are grouped too (as CPython does).
std::string group(std::string digits, char sep, int every, std::int64_t min_width) {
  auto grouped = [&](const std::string& d) {
    std::string out;
    const std::size_t n = d.size();
    for (std::size_t k = 0; k < n; ++k) {
      if (k && (n - k) % static_cast<std::size_t>(every) == 0) out.push_back(sep);
      out.push_back(d[k]);
    }
    return out;
  };
  std::string g = sep ? grouped(digits) : digits;
  while (static_cast<std::int64_t>(g.size()) < min_width) {
    digits.insert(digits.begin(), '0');
    g = sep ? grouped(digits) : digits;
  }
  return g;
}

std::string sign_of(bool negative, char sign) {
  if (negative) return "-";
  if (sign == '+') return "+";
  if (sign == ' ') return " ";
  return "";
}

Ref format_str(std::string_view text, const Spec& spec) {
  if (spec.type && spec.type != 's')
    return raise_format(&exc_ValueError, "Unknown format code '%c' for object of type 'str'", spec.type);
  if (spec.sign) return raise_message(&exc_ValueError, "Sign not allowed in string format specifier");
  if (spec.alternate) return raise_message(&exc_ValueError, "Alternate form (#) not allowed in string format specifier");
  if (spec.align == '=') return raise_message(&exc_ValueError, "'=' alignment not allowed in string format specifier");
  std::string_view body = text;
  if (spec.precision >= 0) {
    std::size_t i = 0, n = 0;
    while (i < body.size() && static_cast<std::int64_t>(n) < spec.precision) {
      utf8_next(body, i);
      ++n;
    }
    body = body.substr(0, i);
  }
  return str_from(pad(spec, "", body, '<'));
}

Ref format_float(double x, const Spec& spec, bool from_int);

Ref format_int(Obj v, const Spec& spec) {
  char type = spec.type ? spec.type : 'd';
  if (type == 'e' || type == 'E' || type == 'f' || type == 'F' || type == 'g' || type == 'G' || type == '%') {
    double x;
    if (!int_to_double(v, x)) return Ref();
    return format_float(x, spec, true);
  }
  if (spec.precision >= 0) return raise_message(&exc_ValueError, "Precision not allowed in integer format specifier");
  if (spec.coerce_zero) return raise_message(&exc_ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
  BigInt b = int_to_big(v);
  const bool negative = b.negative();
  if (negative) b = -b;
  std::string digits, prefix;
  int base = 10, every = 3;
  switch (type) {
    case 'd':
    case 'n': break;
    case 'b': base = 2; every = 4; prefix = "0b"; break;
    case 'o': base = 8; every = 4; prefix = "0o"; break;
    case 'x': base = 16; every = 4; prefix = "0x"; break;
    case 'X': base = 16; every = 4; prefix = "0X"; break;
    case 'c': {
      if (spec.sign) return raise_message(&exc_ValueError, "Sign not allowed with integer format specifier 'c'");
      // As CPython: PyLong_AsLong first, then the code point range.
      std::int64_t c;
      if (!int_to_int64(v, c)) return raise_message(&exc_OverflowError, "Python int too large to convert to C long");
      if (c < 0 || c > 0x10FFFF) return raise_message(&exc_OverflowError, "%c arg not in range(0x110000)");
      std::string s;
      utf8_append(s, static_cast<char32_t>(c));
      return str_from(pad(spec, "", s, '<'));
    }
    default:
      return raise_format(&exc_ValueError, "Unknown format code '%c' for object of type '%s'", type, type_name(v));
  }
  if (spec.grouping == ',' && base != 10)
    return raise_format(&exc_ValueError, "Cannot specify ',' with '%c'.", type);
  if (base == 10 && !b.fits_int64()) {
    Ref checked = int_decimal(b);
    if (!checked) return checked;
    digits = str_view(checked);  // b is the magnitude here
  } else {
    digits = b.to_string(base);
  }
  if (type == 'X')
    for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string head = sign_of(negative, spec.sign);
  if (spec.alternate) head += prefix;
  const bool zero_fill = spec.align == '=' && spec.fill == "0";
  const std::int64_t min_width = zero_fill ? spec.width - static_cast<std::int64_t>(head.size()) : 0;
  std::string body = group(digits, spec.grouping, every, zero_fill ? min_width : 0);
  return str_from(pad(spec, head, body, '>'));
}

Ref format_float(double x, const Spec& spec, bool from_int) {
  char type = spec.type;
  if (type && !std::strchr("eEfFgGn%", type))
    return raise_format(&exc_ValueError, "Unknown format code '%c' for object of type '%s'", type,
                        from_int ? "int" : "float");
  if (type == 'n') type = 'g';
  std::string body;
  bool negative = std::signbit(x);
  double v = std::fabs(x);
  const bool upper = type == 'E' || type == 'F' || type == 'G';
  if (!std::isfinite(v)) {
    body = std::isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    if (std::isnan(v)) negative = false;
    if (type == '%') body += "%";
  } else {
    char buf[512];
    std::int64_t precision = spec.precision;
    if (type == '%') {
      v *= 100;
      std::snprintf(buf, sizeof buf, spec.alternate ? "%#.*f" : "%.*f", static_cast<int>(precision < 0 ? 6 : precision), v);
      body = buf;
      body += "%";
    } else if (type == 0 && precision < 0) {
      body = float_repr(v);
    } else {
      char c = type ? type : 'g';
      if (precision < 0) precision = 6;
      if ((c == 'g' || c == 'G') && precision == 0) precision = 1;
      if (type == 0 && precision == 0) precision = 1;
      const char fmt[] = {'%', spec.alternate ? '#' : '%', '.', '*', c, '\0'};
      const char* f = spec.alternate ? fmt : (c == 'e' ? "%.*e" : c == 'E' ? "%.*E" : c == 'f' ? "%.*f" : c == 'F' ? "%.*F" : c == 'g' ? "%.*g" : "%.*G");
      if (precision > 400) precision = 400;
      std::snprintf(buf, sizeof buf, f, static_cast<int>(precision), v);
      body = buf;
      if (type == 0 && body.find_first_of(".eEn") == std::string::npos) body += ".0";
    }
    if (spec.coerce_zero && negative) {
      bool all_zero = true;
      for (char c : body)
        if (c >= '1' && c <= '9') all_zero = false;
      if (all_zero) negative = false;
    }
  }
  std::string head = sign_of(negative, spec.sign);
  // Grouping applies to the integer part.
  if (spec.grouping || (spec.align == '=' && spec.fill == "0")) {
    std::size_t int_end = 0;
    while (int_end < body.size() && std::isdigit(static_cast<unsigned char>(body[int_end]))) ++int_end;
    if (int_end > 0) {
      const bool zero_fill = spec.align == '=' && spec.fill == "0";
      const std::string rest = body.substr(int_end);
      const std::int64_t min_width = zero_fill ? spec.width - static_cast<std::int64_t>(head.size() + rest.size()) : 0;
      body = group(body.substr(0, int_end), spec.grouping, 3, min_width) + rest;
    }
  }
  return str_from(pad(spec, head, body, '>'));
}

}  // namespace

Ref format_utf8(Obj value, std::string_view spec_text) {
  TypeObj* t = value.type();
  if (t->flags & kTypeUser) {
    Ref name = str_intern("__format__");
    if (Obj f = type_lookup(t, name)) {
      Ref spec_str = str_from(spec_text);
      Obj args[] = {value, spec_str};
      Ref r = call(f, args, 2);
      if (r && !is_str(r)) return raise_format(&exc_TypeError, "__format__ must return a str, not %s", type_name(r));
      return r;
    }
  }
  if (spec_text.empty()) return str(value);
  Spec spec;
  if (is_str(value)) {
    if (!parse_spec(spec_text, spec, "str")) return Ref();
    return format_str(str_view(value), spec);
  }
  if (is_int(value)) {
    if (!parse_spec(spec_text, spec, type_name(value))) return Ref();
    return format_int(value, spec);
  }
  if (is_float(value)) {
    if (!parse_spec(spec_text, spec, "float")) return Ref();
    return format_float(float_value(value), spec, false);
  }
  return raise_format(&exc_TypeError, "unsupported format string passed to %s.__format__", type_name(value));
}

Ref format(Obj value, Obj spec) {
  if (!spec) return format_utf8(value, "");
  if (!is_str(spec)) return raise_format(&exc_TypeError, "format() argument 2 must be str, not %s", type_name(spec));
  return format_utf8(value, str_view(spec));
}

bool append_str(std::string& out, Obj o) {
  if (is_str(o) && o.type() == &str_type) {
    out += str_view(o);
    return true;
  }
  if (o.is_small()) {
    char buf[24];
    const int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(o.small_value()));
    out.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  Ref s = str(o);
  if (!s) return false;
  out += str_view(s);
  return true;
}

// --- str.format ---

namespace {

// Resolves "0", "name", "0.attr", "name[key]" against the arguments.
// str.format_map's mapping while it formats (named fields are looked up in
// it, not in keywords); restored afterwards, so nested calls nest.
Obj format_mapping;

Ref field_value(std::string_view field, const Obj* args, std::size_t nargs, Obj kwnames, std::size_t& auto_index,
                int& numbering) {
  std::size_t i = 0;
  while (i < field.size() && field[i] != '.' && field[i] != '[') ++i;
  const std::string_view head = field.substr(0, i);
  Ref value;
  if (head.empty() || std::isdigit(static_cast<unsigned char>(head[0]))) {
    std::size_t index;
    if (head.empty()) {
      if (numbering == 2)
        return raise_message(&exc_ValueError, "cannot switch from manual field specification to automatic field numbering");
      numbering = 1;
      index = auto_index++;
    } else {
      if (numbering == 1)
        return raise_message(&exc_ValueError, "cannot switch from automatic field numbering to manual field specification");
      numbering = 2;
      index = std::strtoull(std::string(head).c_str(), nullptr, 10);
    }
    if (index >= nargs)
      return raise_format(&exc_IndexError, "Replacement index %zu out of range for positional args tuple", index);
    value = Ref::borrow(args[index]);
  } else {
    if (kwnames) {
      const auto& names = tuple_items(kwnames);
      for (std::size_t k = 0; k < names.size(); ++k)
        if (str_view(names[k]) == head) value = Ref::borrow(args[nargs + k]);
    }
    if (!value && format_mapping) {
      Ref key = str_from(head);
      value = getitem(format_mapping, key);
      if (!value) return value;
    }
    if (!value) {
      Ref key = str_from(head);
      return raise_key_error(key);
    }
  }
  while (i < field.size()) {
    if (field[i] == '.') {
      std::size_t j = ++i;
      while (j < field.size() && field[j] != '.' && field[j] != '[') ++j;
      Ref name = str_intern(field.substr(i, j - i));
      value = getattr(value, name);
      if (!value) return value;
      i = j;
    } else {
      const std::size_t close = field.find(']', i);
      if (close == std::string_view::npos) return raise_message(&exc_ValueError, "Missing ']' in format string");
      const std::string_view key = field.substr(i + 1, close - i - 1);
      Ref k;
      if (!key.empty() && key.find_first_not_of("0123456789") == std::string_view::npos)
        k = int_from(std::strtoll(std::string(key).c_str(), nullptr, 10));
      else
        k = str_from(key);
      value = getitem(value, k);
      if (!value) return value;
      i = close + 1;
    }
  }
  return value;
}

bool format_into(std::string& out, std::string_view fmt, const Obj* args, std::size_t nargs, Obj kwnames,
                 std::size_t& auto_index, int& numbering, int depth) {
  if (depth > 2) {
    raise_message(&exc_ValueError, "Max string recursion exceeded");
    return false;
  }
  std::size_t i = 0;
  while (i < fmt.size()) {
    const char c = fmt[i];
    if (c == '}') {
      if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
        out.push_back('}');
        i += 2;
        continue;
      }
      raise_message(&exc_ValueError, "Single '}' encountered in format string");
      return false;
    }
    if (c != '{') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
      out.push_back('{');
      i += 2;
      continue;
    }
    // {field!conversion:spec}, where spec may hold {nested} fields.
    std::size_t j = i + 1;
    int level = 1;
    while (j < fmt.size()) {
      if (fmt[j] == '{') ++level;
      if (fmt[j] == '}' && --level == 0) break;
      ++j;
    }
    if (j >= fmt.size()) {
      raise_message(&exc_ValueError, level > 1 ? "expected '}' before end of string" : "Single '{' encountered in format string");
      return false;
    }
    std::string_view inner = fmt.substr(i + 1, j - i - 1);
    i = j + 1;
    std::size_t k = 0;
    while (k < inner.size() && inner[k] != '!' && inner[k] != ':') {
      if (inner[k] == '[') {
        while (k < inner.size() && inner[k] != ']') ++k;
      }
      if (k < inner.size()) ++k;
    }
    const std::string_view field = inner.substr(0, k);
    char conversion = 0;
    if (k < inner.size() && inner[k] == '!') {
      if (k + 1 >= inner.size()) {
        raise_message(&exc_ValueError, "end of string while looking for conversion specifier");
        return false;
      }
      conversion = inner[k + 1];
      k += 2;
      if (k < inner.size() && inner[k] != ':') {
        raise_message(&exc_ValueError, "expected ':' after conversion specifier");
        return false;
      }
    }
    std::string spec;
    if (k < inner.size() && inner[k] == ':') {
      if (!format_into(spec, inner.substr(k + 1), args, nargs, kwnames, auto_index, numbering, depth + 1)) return false;
    }
    Ref value = field_value(field, args, nargs, kwnames, auto_index, numbering);
    if (!value) return false;
    if (conversion == 'r') {
      value = repr(value);
    } else if (conversion == 'a') {
      value = ascii(value);
    } else if (conversion == 's') {
      value = str(value);
    } else if (conversion) {
      raise_format(&exc_ValueError, "Unknown conversion specifier %c", conversion);
      return false;
    }
    if (!value) return false;
    Ref text = format_utf8(value, spec);
    if (!text) return false;
    out += str_view(text);
  }
  return true;
}

}  // namespace

Ref str_format_method(Obj format_str, const Obj* args, std::size_t nargs, Obj kwnames) {
  std::string out;
  std::size_t auto_index = 0;
  int numbering = 0;
  if (!format_into(out, str_view(format_str), args, nargs, kwnames, auto_index, numbering, 0)) return Ref();
  return str_from(out);
}

Ref str_format_map(Obj format_str, Obj mapping) {
  const Obj outer = format_mapping;
  format_mapping = mapping;
  Ref r = str_format_method(format_str, nullptr, 0, Obj());
  format_mapping = outer;
  return r;
}

// --- printf-style: str % args and bytes % args ---

namespace {

// Width and precision for %s of bytes, counted in bytes.
std::string pad_bytes(std::string_view data, std::int64_t width, std::int64_t precision, bool left) {
  std::string s(data.substr(0, precision >= 0 && static_cast<std::size_t>(precision) < data.size()
                                   ? static_cast<std::size_t>(precision) : data.size()));
  if (width > static_cast<std::int64_t>(s.size())) {
    const std::size_t fill = static_cast<std::size_t>(width) - s.size();
    if (left) s.append(fill, ' ');
    else s.insert(0, fill, ' ');
  }
  return s;
}

Ref percent_format(std::string_view fmt, Obj args, bool bytes_mode) {
  std::vector<Obj> values;
  Obj mapping = Obj();
  if (is_tuple(args)) {
    for (const Ref& r : tuple_items(args)) values.push_back(r);
  } else if (is_dict(args) ||
             ((args.type()->flags & kTypeUser) && args.type()->getitem && !is_str(args) && args.type() != &bytes_type)) {
    mapping = args;
    values.push_back(args);
  } else {
    values.push_back(args);
  }
  std::size_t next = 0;
  std::string out;
  std::size_t i = 0;
  while (i < fmt.size()) {
    const char c = fmt[i++];
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    if (i >= fmt.size()) return raise_message(&exc_ValueError, "incomplete format");
    Obj value = Obj();
    Ref keyed;
    if (fmt[i] == '(') {
      const std::size_t close = fmt.find(')', i);
      if (close == std::string_view::npos) return raise_message(&exc_ValueError, "incomplete format key");
      if (!mapping) return raise_message(&exc_TypeError, "format requires a mapping");
      Ref key = bytes_mode ? bytes_from(fmt.substr(i + 1, close - i - 1)) : str_from(fmt.substr(i + 1, close - i - 1));
      keyed = getitem(mapping, key);
      if (!keyed) return keyed;
      value = keyed;
      i = close + 1;
    }
    Spec spec;
    std::string flags;
    while (i < fmt.size() && std::strchr("-+ #0", fmt[i])) flags.push_back(fmt[i++]);
    auto take_number = [&](std::int64_t& out_n) -> bool {
      if (i < fmt.size() && fmt[i] == '*') {
        ++i;
        if (next >= values.size()) {
          raise_message(&exc_TypeError, "not enough arguments for format string");
          return false;
        }
        if (!index_value(values[next++], out_n)) return false;
        return true;
      }
      if (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) {
        out_n = 0;
        while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) out_n = out_n * 10 + (fmt[i++] - '0');
      }
      return true;
    };
    if (!take_number(spec.width)) return Ref();
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      spec.precision = 0;
      if (!take_number(spec.precision)) return Ref();
    }
    while (i < fmt.size() && (fmt[i] == 'l' || fmt[i] == 'h' || fmt[i] == 'L')) ++i;
    if (i >= fmt.size()) return raise_message(&exc_ValueError, "incomplete format");
    const char type = fmt[i++];
    if (type == '%') {
      out.push_back('%');
      continue;
    }
    if (!value) {
      if (next >= values.size()) return raise_message(&exc_TypeError, "not enough arguments for format string");
      value = values[next++];
    }
    const bool left = flags.find('-') != std::string::npos;
    const bool zero = flags.find('0') != std::string::npos && !left;
    spec.align = left ? '<' : '>';
    if (flags.find('+') != std::string::npos) spec.sign = '+';
    else if (flags.find(' ') != std::string::npos) spec.sign = ' ';
    spec.alternate = flags.find('#') != std::string::npos;
    if (zero) {
      spec.fill = "0";
      spec.align = '=';
    }
    Ref piece;
    if (bytes_mode && (type == 's' || type == 'b' || type == 'r' || type == 'a' || type == 'c')) {
      std::string raw;
      if (type == 's' || type == 'b') {
        if (value.type() != &bytes_type)
          return raise_format(&exc_TypeError,
                              "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'",
                              type_name(value));
        raw = value.as<BytesObj>()->data;
      } else if (type == 'c') {
        std::int64_t c = -1;
        if (value.type() == &bytes_type && value.as<BytesObj>()->data.size() == 1) c = static_cast<unsigned char>(value.as<BytesObj>()->data[0]);
        else if (is_int(value) && (!int_to_int64(value, c) || c < 0 || c > 255)) c = -1;
        if (c < 0) return raise_message(&exc_TypeError, "%c requires an integer in range(256) or a single byte");
        raw.push_back(static_cast<char>(c));
      } else {
        Ref s = ascii(value);
        if (!s) return s;
        raw = str_view(s);
      }
      out += pad_bytes(raw, spec.width, type == 'c' ? -1 : spec.precision, left);
      continue;
    }
    switch (type) {
      case 's':
      case 'r':
      case 'a': {
        Ref s = type == 's' ? str(value) : type == 'r' ? repr(value) : ascii(value);
        if (!s) return s;
        Spec sspec;
        sspec.width = spec.width;
        sspec.precision = spec.precision;
        sspec.align = left ? '<' : '>';
        piece = format_str(str_view(s), sspec);
        break;
      }
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        Ref n;
        if (is_int(value)) {
          n = Ref::borrow(value);
        } else if (is_float(value) && (type == 'd' || type == 'i' || type == 'u')) {
          Obj a = value;
          n = int_construct(Obj::of(&int_type), &a, 1, Obj());
        } else {
          if (type == 'd' || type == 'i' || type == 'u')
            return raise_format(&exc_TypeError, "%%%c format: a real number is required, not %s", type,
                                type_name(value));
          return raise_format(&exc_TypeError, "%%%c format: an integer is required, not %s", type, type_name(value));
        }
        if (!n) return n;
        spec.type = type == 'i' || type == 'u' ? 'd' : type;
        const std::int64_t precision = spec.precision;
        spec.precision = -1;
        piece = format_int(n, spec);
        if (piece && precision > 0) {
          // %.3d pads the digits with zeros.
          std::string s(str_view(piece));
          std::size_t d = s.find_first_of("0123456789");
          std::size_t e = d;
          while (e < s.size() && std::isxdigit(static_cast<unsigned char>(s[e]))) ++e;
          if (d != std::string::npos && static_cast<std::int64_t>(e - d) < precision)
            s.insert(d, static_cast<std::size_t>(precision) - (e - d), '0');
          piece = str_from(s);
        }
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        double x;
        bool ok_type;
        if (!as_double(value, x, ok_type)) {
          if (ok_type) return Ref();
          return raise_format(&exc_TypeError, "must be real number, not %s", type_name(value));
        }
        spec.type = type;
        if (spec.precision < 0) spec.precision = 6;
        piece = format_float(x, spec, false);
        break;
      }
      case 'c': {
        if (is_str(value)) {
          if (value.as<StrObj>()->length != 1) return raise_message(&exc_TypeError, "%c requires int or char");
          Spec sspec;
          sspec.width = spec.width;
          sspec.align = left ? '<' : '>';
          piece = format_str(str_view(value), sspec);
        } else if (is_int(value)) {
          // Beyond a C long too (format()'s message differs).
          std::int64_t c;
          if (!int_to_int64(value, c)) return raise_message(&exc_OverflowError, "%c arg not in range(0x110000)");
          spec.type = 'c';
          piece = format_int(value, spec);
        } else {
          return raise_message(&exc_TypeError, "%c requires int or char");
        }
        break;
      }
      default:
        return raise_format(&exc_ValueError, "unsupported format character '%c' (0x%x) at index %zu", type,
                            static_cast<unsigned>(static_cast<unsigned char>(type)), i - 1);
    }
    if (!piece) return piece;
    out += str_view(piece);
  }
  if (next < values.size() && !mapping)
    return raise_format(&exc_TypeError, "not all arguments converted during %s formatting", bytes_mode ? "bytes" : "string");
  return bytes_mode ? bytes_from(out) : str_from(out);
}

}  // namespace

Ref str_percent(Obj format, Obj args) { return percent_format(str_view(format), args, false); }
Ref bytes_percent(Obj format, Obj args) { return percent_format(format.as<BytesObj>()->data, args, true); }

}  // namespace gen
