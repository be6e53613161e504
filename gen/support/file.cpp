// open() and the file objects of file.h.
#include "gen/support/file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "gen/support/internal.h"
#include "gen/support/io.h"

namespace gen {

namespace {

enum class Route : std::uint8_t { File, Stdout, Stderr };

struct FileObj {
  Header head;
  std::FILE* file = nullptr;  // null once closed; stdin's is std's and never fclose()d
  Route route = Route::File;  // stdout/stderr write through io.h
  Ref name = {};
  Ref mode = {};
  Ref encoding = {};  // as open() was given it (repr and .encoding show it), default "UTF-8"
  // Read-ahead: decoded (newline-translated) bytes not yet returned start
  // at `pos`. `held_cr`: a "\r" ended the last chunk; whether it pairs with
  // a "\n" is known only after the next read.
  std::string buffer = {};
  std::size_t pos = 0;
  bool held_cr = false;
  bool at_eof = false;
  bool readable = false, writable = false, binary = false, closed = false;
  // open()'s newline=: how lines end when read and what "\n" becomes when
  // written. Universal: None ("\r\n" and "\r" read as "\n"); Untranslated:
  // "" (any of the three ends a line, kept as it is); the others: that one.
  enum class Newline : std::uint8_t { Universal, Untranslated, Lf, Cr, CrLf } newline = Newline::Universal;
  bool owns_file = true;
  bool last_was_write = false;  // C stdio needs a seek or flush between a write and a read
};

FileObj* as_file(Obj o) { return o.as<FileObj>(); }
std::string_view as_bytes_view(Obj b) { return b.as<BytesObj>()->data; }

bool check_open(FileObj* f) {
  if (!f->closed) return true;
  raise_message(&exc_ValueError, "I/O operation on closed file.");
  return false;
}

bool check_readable(FileObj* f) {
  if (!check_open(f)) return false;
  if (f->readable) return true;
  raise_message(&exc_UnsupportedOperation, "not readable");
  return false;
}

bool check_writable(FileObj* f) {
  if (!check_open(f)) return false;
  if (f->writable) return true;
  raise_message(&exc_UnsupportedOperation, "not writable");
  return false;
}

bool os_error(FileObj* f) {
  raise_os_error(errno ? errno : EIO, f->name);
  return false;
}

// Reads one chunk into the buffer; false on a read error. Sets at_eof.
bool fill(FileObj* f) {
  if (f->at_eof) return true;
  if (f->last_was_write) {
    std::fflush(f->file);
    f->last_was_write = false;
  }
  if (f->pos > 0) {
    f->buffer.erase(0, f->pos);
    f->pos = 0;
  }
  char chunk[65536];
  const std::size_t n = std::fread(chunk, 1, sizeof chunk, f->file);
  if (n < sizeof chunk) {
    if (std::ferror(f->file)) return os_error(f);
    f->at_eof = true;
  }
  if (f->newline != FileObj::Newline::Universal) {
    f->buffer.append(chunk, n);
    return true;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const char c = chunk[i];
    if (f->held_cr) {
      f->held_cr = false;
      f->buffer.push_back('\n');
      if (c == '\n') continue;
    }
    if (c == '\r') f->held_cr = true;
    else f->buffer.push_back(c);
  }
  if (f->at_eof && f->held_cr) {
    f->held_cr = false;
    f->buffer.push_back('\n');
  }
  return true;
}

std::string_view unread(const FileObj* f) { return std::string_view(f->buffer).substr(f->pos); }

Ref decoded(FileObj* f, std::string bytes) {
  if (f->binary) return bytes_from(bytes);
  if (std::string error = utf8_decode_error(bytes); !error.empty())
    return raise_message(&exc_UnicodeDecodeError, error);
  return str_from(bytes);
}

// Everything left.
Ref read_all(FileObj* f) {
  while (!f->at_eof)
    if (!fill(f)) return Ref();
  std::string out(unread(f));
  f->buffer.clear();
  f->pos = 0;
  return decoded(f, std::move(out));
}

// The length in bytes of the first `count` code points of s (text) or
// bytes (binary); npos when s holds fewer.
std::size_t prefix_bytes(const FileObj* f, std::string_view s, std::size_t count) {
  if (f->binary) return count <= s.size() ? count : std::string_view::npos;
  std::size_t i = 0;
  for (std::size_t seen = 0; seen < count; ++seen) {
    if (i >= s.size()) return std::string_view::npos;
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  // A code point is complete only when the next byte starts another.
  if (i == s.size() && !f->at_eof && count > 0) return std::string_view::npos;
  return i;
}

Ref read_count(FileObj* f, std::size_t count) {
  std::size_t n;
  while ((n = prefix_bytes(f, unread(f), count)) == std::string_view::npos && !f->at_eof)
    if (!fill(f)) return Ref();
  if (n == std::string_view::npos) n = unread(f).size();
  std::string out(unread(f).substr(0, n));
  f->pos += n;
  return decoded(f, std::move(out));
}

// The length of the first line in `rest` with its ending, or npos when
// more must be read to know (no ending yet, or a "\r" that may pair).
std::size_t line_length(const FileObj* f, std::string_view rest, std::size_t from) {
  using Newline = FileObj::Newline;
  switch (f->newline) {
    case Newline::Universal:
    case Newline::Lf: {
      const std::size_t i = rest.find('\n', from);
      return i == std::string_view::npos ? i : i + 1;
    }
    case Newline::Cr: {
      const std::size_t i = rest.find('\r', from);
      return i == std::string_view::npos ? i : i + 1;
    }
    case Newline::CrLf: {
      const std::size_t i = rest.find("\r\n", from);
      return i == std::string_view::npos ? i : i + 2;
    }
    case Newline::Untranslated: {
      const std::size_t i = rest.find_first_of("\r\n", from);
      if (i == std::string_view::npos || rest[i] == '\n') return i == std::string_view::npos ? i : i + 1;
      if (i + 1 < rest.size()) return rest[i + 1] == '\n' ? i + 2 : i + 1;
      return f->at_eof ? i + 1 : std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// Through the next line ending (kept), or to the end; at most `limit`
// characters.
Ref read_line(FileObj* f, std::size_t limit = std::string_view::npos) {
  std::size_t searched = 0;
  for (;;) {
    const std::string_view rest = unread(f);
    const std::size_t end = line_length(f, rest, searched);
    const std::size_t cut = limit == std::string_view::npos ? limit : prefix_bytes(f, rest, limit);
    if (end != std::string_view::npos || f->at_eof || cut != std::string_view::npos) {
      std::size_t n = end == std::string_view::npos ? rest.size() : end;
      if (cut < n) n = cut;
      std::string out(rest.substr(0, n));
      f->pos += n;
      return decoded(f, std::move(out));
    }
    // Offsets are from the first unread byte, which fill() keeps in place
    // logically. A "\r" at the end may pair with what comes next.
    searched = rest.empty() ? 0 : rest.size() - 1;
    if (!fill(f)) return Ref();
  }
}

bool write_bytes(FileObj* f, std::string_view data) {
  switch (f->route) {
    case Route::Stdout: write_stdout(data); return true;
    case Route::Stderr: write_stderr(data); return true;
    case Route::File: break;
  }
  if (!f->buffer.empty() || f->held_cr) {
    // Reading went ahead of the logical position: go back to it.
    const long back = static_cast<long>(unread(f).size());
    f->buffer.clear();
    f->pos = 0;
    f->held_cr = false;
    if (std::fseek(f->file, -back, SEEK_CUR) != 0) return os_error(f);
  }
  f->at_eof = false;
  f->last_was_write = true;
  if (std::fwrite(data.data(), 1, data.size(), f->file) != data.size()) return os_error(f);
  return true;
}

bool close_file(FileObj* f) {
  if (f->closed) return true;
  f->closed = true;
  f->buffer.clear();
  if (!f->file) return true;
  std::FILE* file = std::exchange(f->file, nullptr);
  if (!f->owns_file) return std::fflush(file) == 0 || os_error(f);
  return std::fclose(file) == 0 || os_error(f);
}

// --- slots ---

void file_destroy(Obj o) {
  auto* f = as_file(o);
  if (f->owns_file && f->file) std::fclose(f->file);
  f->~FileObj();
}

Ref file_repr(Obj o) {
  auto* f = as_file(o);
  Ref name = repr(f->name);
  if (!name) return name;
  std::string s = "<_io.";
  s += o.type()->name;
  s += " name=";
  s += str_view(name);
  if (!f->binary) {
    s += " mode='";
    s += str_view(f->mode);
    s += "' encoding='";
    s += str_view(f->encoding);
    s += "'";
  }
  s += ">";
  return str_from(s);
}

Ref file_iter(Obj o) {
  if (!check_open(as_file(o))) return Ref();
  return Ref::borrow(o);
}

Ref file_next(Obj o) {
  auto* f = as_file(o);
  if (!check_readable(f)) return Ref();
  Ref line = read_line(f);
  if (line && (f->binary ? as_bytes_view(line).empty() : str_view(line).empty())) return Ref();
  return line;
}

Ref file_getattr(Obj self, Obj name) {
  auto* f = as_file(self);
  const std::string_view n = str_view(name);
  if (n == "closed") return new_ref(Bool(f->closed));
  if (n == "name") return Ref::borrow(f->name);
  if (n == "mode") return Ref::borrow(f->mode);
  if (n == "encoding" && !f->binary) return Ref::borrow(f->encoding);
  bool missing = false;
  Ref r = generic_getattr(self, name, missing);
  if (missing)
    return raise_format(&exc_AttributeError, "'_io.%s' object has no attribute '%.*s'", self.type()->name,
                        static_cast<int>(n.size()), n.data());
  return r;
}

// --- methods ---

Ref m_read(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[1];
  if (!parse_args("read", args, nargs, kwnames, {"size"}, 0, a)) return Ref();
  auto* f = as_file(self);
  if (!check_readable(f)) return Ref();
  std::int64_t size = -1;
  if (a[0] && a[0] != None()) {
    if (!is_int(a[0]))
      return raise_format(&exc_TypeError, "argument should be integer or None, not '%s'", type_name(a[0]));
    if (!int_to_int64(a[0], size)) return Ref();
  }
  return size < 0 ? read_all(f) : read_count(f, static_cast<std::size_t>(size));
}

Ref m_readline(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("readline", kwnames)) return Ref();
  if (nargs > 1) return raise_format(&exc_TypeError, "readline expected at most 1 argument, got %zu", nargs);
  auto* f = as_file(self);
  if (!check_readable(f)) return Ref();
  std::int64_t size = -1;
  if (nargs == 1 && args[0] != None()) {
    if (!is_int(args[0]))
      return raise_format(&exc_TypeError, "argument should be integer or None, not '%s'", type_name(args[0]));
    if (!int_to_int64(args[0], size)) return Ref();
  }
  return read_line(f, size < 0 ? std::string_view::npos : static_cast<std::size_t>(size));
}

Ref m_readlines(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("readlines", kwnames)) return Ref();
  if (nargs > 1) return raise_format(&exc_TypeError, "readlines expected at most 1 argument, got %zu", nargs);
  auto* f = as_file(self);
  if (!check_readable(f)) return Ref();
  Ref lines = make_list();
  for (;;) {
    Ref line = read_line(f);
    if (!line) return line;
    if (f->binary ? as_bytes_view(line).empty() : str_view(line).empty()) return lines;
    if (!list_append(lines, line)) return Ref();
  }
}

// One write: str (text) or bytes (binary). Returns what CPython's does:
// the number of code points, or of bytes.
bool write_one(FileObj* f, Obj data, std::int64_t& written) {
  if (f->binary) {
    if (!isinstance(data, &bytes_type)) {
      raise_format(&exc_TypeError, "a bytes-like object is required, not '%s'", type_name(data));
      return false;
    }
    const std::string_view b = as_bytes_view(data);
    written = static_cast<std::int64_t>(b.size());
    return write_bytes(f, b);
  }
  if (!is_str(data)) {
    raise_format(&exc_TypeError, "write() argument must be str, not %s", type_name(data));
    return false;
  }
  written = static_cast<std::int64_t>(data.as<StrObj>()->length);
  const std::string_view text = str_view(data);
  if (f->newline != FileObj::Newline::Cr && f->newline != FileObj::Newline::CrLf) return write_bytes(f, text);
  const char* ending = f->newline == FileObj::Newline::Cr ? "\r" : "\r\n";
  std::string translated;
  for (char c : text) {
    if (c == '\n') translated += ending;
    else translated.push_back(c);
  }
  return write_bytes(f, translated);
}

Ref m_write(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("write", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "write() takes exactly one argument (%zu given)", nargs);
  auto* f = as_file(self);
  if (!check_writable(f)) return Ref();
  std::int64_t written = 0;
  if (!write_one(f, args[0], written)) return Ref();
  return int_from(written);
}

Ref m_writelines(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("writelines", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "writelines() takes exactly one argument (%zu given)", nargs);
  auto* f = as_file(self);
  if (!check_writable(f)) return Ref();
  Ref it = iter(args[0]);
  if (!it) return it;
  for (;;) {
    Ref line = next(it);
    if (!line) return error_pending() ? Ref() : new_ref(None());
    std::int64_t written = 0;
    if (!write_one(f, line, written)) return Ref();
  }
}

Ref m_flush(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("flush", kwnames)) return Ref();
  if (nargs != 0) return raise_format(&exc_TypeError, "flush() takes no arguments (%zu given)", nargs);
  auto* f = as_file(self);
  if (!check_open(f)) return Ref();
  if (f->route == Route::Stdout) flush_stdout();
  if (f->file && std::fflush(f->file) != 0) return os_error(f), Ref();
  return new_ref(None());
}

Ref m_close(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("close", kwnames)) return Ref();
  if (nargs != 0) return raise_format(&exc_TypeError, "close() takes no arguments (%zu given)", nargs);
  auto* f = as_file(self);
  if (f->route == Route::Stdout) flush_stdout();
  if (!close_file(f)) return Ref();
  return new_ref(None());
}

// tell(): the byte offset of the next character. Exact unless "\r\n"
// pairs were translated in the read-ahead not yet returned.
Ref m_tell(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("tell", kwnames)) return Ref();
  if (nargs != 0) return raise_format(&exc_TypeError, "tell() takes no arguments (%zu given)", nargs);
  auto* f = as_file(self);
  if (!check_open(f)) return Ref();
  if (!f->file) return raise_message(&exc_UnsupportedOperation, "underlying stream is not seekable");
  const long at = std::ftell(f->file);
  if (at < 0) return os_error(f), Ref();
  return int_from(static_cast<std::int64_t>(at) - static_cast<std::int64_t>(unread(f).size()) - (f->held_cr ? 1 : 0));
}

Ref m_seek(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("seek", args, nargs, kwnames, {"cookie", "whence"}, 1, a)) return Ref();
  auto* f = as_file(self);
  if (!check_open(f)) return Ref();
  if (!f->file) return raise_message(&exc_UnsupportedOperation, "underlying stream is not seekable");
  std::int64_t offset = 0, whence = 0;
  if (!is_int(a[0])) return raise_format(&exc_TypeError, "an integer is required (got type %s)", type_name(a[0]));
  if (!int_to_int64(a[0], offset)) return Ref();
  if (a[1] && (!is_int(a[1]) || !int_to_int64(a[1], whence))) return Ref();
  if (whence < 0 || whence > 2) return raise_format(&exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)",
                                                    static_cast<long long>(whence));
  if (!f->binary && whence != 0 && offset != 0)
    return raise_message(&exc_UnsupportedOperation, whence == 1 ? "can't do nonzero cur-relative seeks"
                                                                : "can't do nonzero end-relative seeks");
  if (offset < 0 && whence == 0) return raise_format(&exc_ValueError, "negative seek position %lld",
                                                     static_cast<long long>(offset));
  if (whence == 1) {  // relative to the logical position, not the read-ahead's
    offset -= static_cast<std::int64_t>(unread(f).size()) + (f->held_cr ? 1 : 0);
  }
  f->buffer.clear();
  f->pos = 0;
  f->held_cr = false;
  f->at_eof = false;
  if (std::fseek(f->file, static_cast<long>(offset), static_cast<int>(whence)) != 0) return os_error(f), Ref();
  f->last_was_write = false;
  const long at = std::ftell(f->file);
  return int_from(static_cast<std::int64_t>(at));
}

Ref m_enter(Obj self, const Obj*, std::size_t, Obj) {
  if (!check_open(as_file(self))) return Ref();
  return Ref::borrow(self);
}

Ref m_exit(Obj self, const Obj*, std::size_t, Obj) {
  if (!close_file(as_file(self))) return Ref();
  return new_ref(None());
}

Ref m_bool_query(Obj self, bool FileObj::*field) {
  auto* f = as_file(self);
  if (!check_open(f)) return Ref();
  return new_ref(Bool(f->*field));
}
Ref m_readable(Obj self, const Obj*, std::size_t, Obj) { return m_bool_query(self, &FileObj::readable); }
Ref m_writable(Obj self, const Obj*, std::size_t, Obj) { return m_bool_query(self, &FileObj::writable); }

Ref m_fileno(Obj self, const Obj*, std::size_t, Obj) {
  auto* f = as_file(self);
  if (!check_open(f)) return Ref();
  if (f->route == Route::Stdout) return int_from(1);
  if (f->route == Route::Stderr) return int_from(2);
  return int_from(fileno(f->file));
}

constexpr MethodDef kFileMethods[] = {
    {"read", m_read},         {"readline", m_readline}, {"readlines", m_readlines}, {"write", m_write},
    {"writelines", m_writelines}, {"flush", m_flush},   {"close", m_close},         {"tell", m_tell},
    {"seek", m_seek},         {"__enter__", m_enter},   {"__exit__", m_exit},       {"readable", m_readable},
    {"writable", m_writable}, {"fileno", m_fileno},
};

#define GEN_FILE_TYPE(var, pyname)                                                                          \
  TypeObj var = {.head = GEN_TYPE_HEAD, .name = pyname, .base = &object_type, .destroy = file_destroy,     \
                 .repr = file_repr, .hash = object_hash, .iter = file_iter, .next = file_next,             \
                 .getattr = file_getattr};

}  // namespace

GEN_FILE_TYPE(text_file_type, "TextIOWrapper")
GEN_FILE_TYPE(buffered_reader_type, "BufferedReader")
GEN_FILE_TYPE(buffered_writer_type, "BufferedWriter")

void init_file_types() {
  add_methods(&text_file_type, kFileMethods);
  add_methods(&buffered_reader_type, kFileMethods);
  add_methods(&buffered_writer_type, kFileMethods);
}

// open(file, mode='r', buffering=-1, encoding=None, errors=None,
//      newline=None, closefd=True, opener=None)
Ref b_open(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[8];
  if (!parse_args("open", args, nargs, kwnames,
                  {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"}, 1, a))
    return Ref();
  Obj path = a[0];
  if (!is_str(path))
    return raise_format(&exc_TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(path));
  std::string_view mode = "r";
  if (a[1]) {
    if (!is_str(a[1])) return raise_format(&exc_TypeError, "open() argument 'mode' must be str, not %s", type_name(a[1]));
    mode = str_view(a[1]);
  }
  // Mode: exactly one of r/w/a/x, then any of b/t/+ once each.
  char kind = 0;
  bool binary = false, text = false, plus = false, bad = false;
  for (char c : mode) {
    switch (c) {
      case 'r': case 'w': case 'a': case 'x': bad |= kind != 0; kind = c; break;
      case 'b': bad |= binary; binary = true; break;
      case 't': bad |= text; text = true; break;
      case '+': bad |= plus; plus = true; break;
      default: bad = true;
    }
  }
  if (bad || (binary && text) || !kind) {
    if (!bad && !(binary && text))
      return raise_message(&exc_ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
    return raise_format(&exc_ValueError, "invalid mode: '%.*s'", static_cast<int>(mode.size()), mode.data());
  }
  if (a[3] && a[3] != None()) {
    if (binary) return raise_message(&exc_ValueError, "binary mode doesn't take an encoding argument");
    if (!is_str(a[3])) return raise_format(&exc_TypeError, "open() argument 'encoding' must be str or None, not %s",
                                           type_name(a[3]));
    std::string e(str_view(a[3]));
    for (char& c : e) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c == '_' ? '-' : c);
    if (e != "utf-8" && e != "utf8")
      return raise_format(&exc_LookupError, "gen supports only the utf-8 encoding, not '%s'", std::string(str_view(a[3])).c_str());
  }
  auto newline = binary ? FileObj::Newline::Untranslated : FileObj::Newline::Universal;
  if (a[5] && a[5] != None()) {
    if (binary) return raise_message(&exc_ValueError, "binary mode doesn't take a newline argument");
    if (!is_str(a[5])) return raise_format(&exc_TypeError, "open() argument 'newline' must be str or None, not %s",
                                           type_name(a[5]));
    const std::string_view nl = str_view(a[5]);
    if (nl == "") newline = FileObj::Newline::Untranslated;
    else if (nl == "\n") newline = FileObj::Newline::Lf;
    else if (nl == "\r") newline = FileObj::Newline::Cr;
    else if (nl == "\r\n") newline = FileObj::Newline::CrLf;
    else return raise_format(&exc_ValueError, "illegal newline value: %.*s", static_cast<int>(nl.size()), nl.data());
  }
  const std::string file_name(str_view(path));
  struct stat st;
  if (::stat(file_name.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return raise_os_error(EISDIR, path);
  std::string cmode(1, kind == 'x' ? 'w' : kind);
  if (plus) cmode += '+';
  cmode += 'b';  // no C-level translation: newlines are ours
  if (kind == 'x') cmode += 'x';
  errno = 0;
  std::FILE* file = std::fopen(file_name.c_str(), cmode.c_str());
  if (!file) return raise_os_error(errno ? errno : ENOENT, path);
  TypeObj* type = !binary ? &text_file_type : (kind == 'r' && !plus) ? &buffered_reader_type : &buffered_writer_type;
  auto* f = make<FileObj>(type);
  f->file = file;
  f->name = Ref::borrow(path);
  f->mode = str_from(std::string(mode));
  f->encoding = a[3] && a[3] != None() ? Ref::borrow(a[3]) : str_intern("UTF-8");
  f->readable = kind == 'r' || plus;
  f->writable = kind != 'r' || plus;
  f->binary = binary;
  f->newline = binary ? FileObj::Newline::Lf : newline;  // binary lines end at b"\n"
  return Ref::steal(Obj::of(f));
}

Ref std_stream(StdStream which) {
  static auto* streams = new Ref[3];  // never destroyed, as the intern table
  Ref& slot = streams[static_cast<int>(which)];
  if (!slot) {
    auto* f = make<FileObj>(&text_file_type);
    f->owns_file = false;
    f->encoding = str_intern("utf-8");
    switch (which) {
      case StdStream::In:
        f->file = stdin;
        f->readable = true;
        f->name = str_from(std::string("<stdin>"));
        f->mode = str_from(std::string("r"));
        break;
      case StdStream::Out:
      case StdStream::Err:
        f->route = which == StdStream::Out ? Route::Stdout : Route::Stderr;
        f->writable = true;
        f->name = str_from(std::string(which == StdStream::Out ? "<stdout>" : "<stderr>"));
        f->mode = str_from(std::string("w"));
        break;
    }
    slot = Ref::steal(Obj::of(f));
    slot.get().header()->refcnt = kImmortal;
  }
  return Ref::borrow(slot);
}

}  // namespace gen
