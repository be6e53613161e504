// pyfront: the Python front end's command line.
//
//   pyfront run FILE [ARGS...]    transpile, build (cached) and run; the program's exit status
//   pyfront build FILE -o OUT [-O0|-O1|-O2|-O3]   transpile and build a native executable
//   pyfront emit FILE [-o OUT]    the generated C++ (stdout without -o)
//   pyfront check FILE            syntax errors, then every construct the generator does not
//                                 support (FILE:LINE:COL: unsupported: WHAT), all at once
//   pyfront check --syntax FILE   parse (and what compile() checks beyond that: 'return'
//                                 outside function, ...): nothing and status 0, or the error
//   pyfront dump-ast FILE         the AST, as ast.dump(ast.parse(src), include_attributes=True) prints it
//   pyfront tokens FILE           the tokens, as `python3 -m tokenize -e FILE` prints them
//   pyfront bench DIR...          parse every .py file under the directories (no output but the
//                                 figures): files, bytes, seconds, MB/s, the largest file's peak memory
//
// FILE may be `-` (standard input). Exit status: 0 success, 1 a syntax
// error (reported as FILE:LINE:COL: SyntaxError: MESSAGE, the line and a
// caret) or an unsupported construct, 2 a usage or I/O error, 3 the C++
// build failed; `run` passes the program's status through.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gen/compiler/driver.h"
#include "pyfront/ast.h"
#include "pyfront/checks.h"
#include "pyfront/lexer.h"
#include "pyfront/parser.h"
#include "pyfront/repr.h"
#include "pyfront/source.h"
#include "pyfront/unicode.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSyntaxError = 1;
constexpr int kExitUsage = 2;

constexpr int kExitBuildFailed = 3;

const char kUsage[] =
    "usage: pyfront COMMAND FILE [ARGS...]\n"
    "\n"
    "commands:\n"
    "  run FILE [ARGS...]   transpile to C++, build (cached) and run the program\n"
    "  build FILE -o OUT [-O0|-O1|-O2|-O3]\n"
    "                       build a native executable (default -O2)\n"
    "  emit FILE [-o OUT]   print (or write) the generated C++\n"
    "  check FILE           report syntax errors and every unsupported construct\n"
    "  check --syntax FILE  parse only; report the first syntax error\n"
    "  dump-ast FILE        print the AST as CPython's ast.dump(..., include_attributes=True) does\n"
    "  tokens FILE          print the tokens as `python3 -m tokenize -e FILE` does\n"
    "  bench DIR...         parse every .py file under DIR and report the speed (MB/s)\n"
    "\n"
    "FILE may be - for standard input. Exit status: 0 ok, 1 syntax error or unsupported\n"
    "construct, 2 usage or I/O error, 3 C++ build failure; run: the program's status.\n"
    "Environment: PYFRONT_CXX, PYFRONT_INCLUDE, PYFRONT_LIB, PYFRONT_CACHE (see docs/gen.md).\n";

bool read_all(const char* path, std::string& out) {
  std::FILE* f = std::strcmp(path, "-") == 0 ? stdin : std::fopen(path, "rb");
  if (!f) {
    std::fprintf(stderr, "pyfront: cannot open %s: %s\n", path, std::strerror(errno));
    return false;
  }
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool ok = !std::ferror(f);
  if (!ok) std::fprintf(stderr, "pyfront: cannot read %s: %s\n", path, std::strerror(errno));
  if (f != stdin) std::fclose(f);
  return ok;
}

// FILE:LINE:COL: Kind: message, then the line and a caret under COL (both
// counted in characters, COL 1-based, as CPython's offset).
void report_at(const pyfront::Source& source, std::uint32_t begin, const char* kind, const std::string& message) {
  if (source.text().empty() || source.line_count() == 0) {
    std::fprintf(stderr, "%s: %s: %s\n", source.name().c_str(), kind, message.c_str());
    return;
  }
  const std::uint32_t at = std::min<std::uint32_t>(begin, static_cast<std::uint32_t>(source.text().size() - 1));
  const std::uint32_t line = source.line_of(at);
  const std::uint32_t col = source.char_column(at);
  std::fprintf(stderr, "%s:%u:%u: %s: %s\n", source.name().c_str(), line, col + 1, kind, message.c_str());
  const std::string_view text = source.line_text(line);
  std::fprintf(stderr, "    %.*s\n    %*s^\n", static_cast<int>(text.size()), text.data(), static_cast<int>(col), "");
}
void report(const pyfront::Source& source, const pyfront::Diagnostic& d) {
  report_at(source, d.begin, pyfront::error_kind_name(d.kind), d.message);
}

// `s` padded with spaces to `width` characters, as Python's "%-Ns".
void print_padded(const std::string& s, std::size_t width) {
  std::fputs(s.c_str(), stdout);
  for (std::size_t n = pyfront::count_code_points(s); n < width; ++n) std::fputc(' ', stdout);
}

struct Position {
  std::uint32_t line, col;
};

// Where tokenize puts an offset: (line, column in characters); the end of
// the text is column 0 of the line after the last.
Position position_of(const pyfront::Source& source, std::uint32_t offset) {
  if (offset >= source.text().size()) return {source.line_count() + 1, 0};
  return {source.line_of(offset), source.char_column(offset)};
}
Position end_position_of(const pyfront::Source& source, const pyfront::Token& t) {
  if (t.end == t.begin) return position_of(source, t.begin);
  const std::uint32_t line = source.line_of(t.end - 1);  // a token ending in '\n' ends on its own line
  const std::string_view text = source.text().substr(source.line_start(line), t.end - source.line_start(line));
  return {line, static_cast<std::uint32_t>(pyfront::count_code_points(text))};
}

void print_token(const char* name, Position begin, Position end, const std::string& text) {
  char range[64];
  std::snprintf(range, sizeof range, "%u,%u-%u,%u:", begin.line, begin.col, end.line, end.col);
  print_padded(range, 20);
  print_padded(name, 15);
  print_padded(pyfront::python_str_repr(text), 15);
  std::fputc('\n', stdout);
}

int command_tokens(const pyfront::Source& source) {
  // tokenize names a BOM's encoding "utf-8" too.
  print_token("ENCODING", {0, 0}, {0, 0}, source.encoding() == "utf-8-sig" ? "utf-8" : source.encoding());
  if (source.text() == "\n" && source.added_final_newline()) {  // an empty file: only its end
    print_token("ENDMARKER", {1, 0}, {1, 0}, "");
    return kExitOk;
  }
  pyfront::Lexer lexer(source, pyfront::LexerOptions{.trivia = true});
  for (std::size_t steps = 0;; ++steps) {
    const pyfront::Token t = lexer.next();
    if (t.kind == pyfront::TokenKind::ErrorToken && lexer.error()) {
      std::fflush(stdout);
      report(source, *lexer.error());
      return kExitSyntaxError;
    }
    std::string text(source.text().substr(t.begin, t.end - t.begin));
    // The newline the source did not have is printed as tokenize prints it: ''.
    if (source.added_final_newline() && t.begin + 1 == source.text().size() &&
        (t.kind == pyfront::TokenKind::Newline || t.kind == pyfront::TokenKind::NL))
      text.clear();
    Position end = end_position_of(source, t);
    if (t.kind == pyfront::TokenKind::NL && text.empty()) end = position_of(source, t.begin);  // tokenize: zero width
    print_token(std::string(pyfront::token_kind_name(t.kind)).c_str(), position_of(source, t.begin), end, text);
    if (t.kind == pyfront::TokenKind::EndMarker) return kExitOk;
    if (steps > source.text().size() + 1000) {  // every token consumes text, or is one of a bounded run
      std::fprintf(stderr, "pyfront: internal error: the lexer stopped making progress\n");
      return kExitUsage;
    }
  }
}

int command_parse(const pyfront::Source& source, bool dump) {
  pyfront::ast::Arena arena;
  const pyfront::ParseResult r = pyfront::parse_module(source, arena);
  if (r.error) {
    report(source, *r.error);
    return kExitSyntaxError;
  }
  if (!dump) {
    // What compile() reports beyond the parser: 'return' outside function, ...
    if (const auto error = pyfront::compile_time_errors(r.module)) {
      report(source, *error);
      return kExitSyntaxError;
    }
  } else {
    const std::string out = pyfront::dump(source, r.module);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
  }
  return kExitOk;
}

// pyfront bench: every .py file under the directories, read first, then
// decoded and parsed, timed together (the reading is not). Files that do
// not parse are counted (CPython rejects some in its own test suite).
int command_bench(int argc, char** argv) {
  std::vector<std::string> paths;
  for (int i = 2; i < argc; ++i) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(argv[i], ec)) {
      paths.emplace_back(argv[i]);
      continue;
    }
    std::filesystem::recursive_directory_iterator it(argv[i], std::filesystem::directory_options::skip_permission_denied, ec);
    if (ec) {
      std::fprintf(stderr, "pyfront: cannot read %s: %s\n", argv[i], ec.message().c_str());
      return kExitUsage;
    }
    for (; it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_directory() && it->path().filename() == "site-packages") {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && it->path().extension() == ".py") paths.push_back(it->path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> contents(paths.size());
  std::size_t bytes = 0, largest = 0;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (!read_all(paths[i].c_str(), contents[i])) return kExitUsage;
    bytes += contents[i].size();
    if (contents[i].size() > contents[largest].size()) largest = i;
  }
  std::size_t rejected = 0, arena_bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    pyfront::Source source;
    pyfront::Diagnostic error;
    if (!pyfront::Source::decode(paths[i], contents[i], source, error)) {
      ++rejected;
      continue;
    }
    pyfront::ast::Arena arena;
    if (pyfront::parse_module(source, arena).error) ++rejected;
    arena_bytes += arena.bytes_allocated();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // The largest file's peak: the resident set's growth while it is parsed
  // again, alone, with its text already in memory.
  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  std::size_t largest_arena = 0;
  if (!paths.empty()) {
    pyfront::Source source;
    pyfront::Diagnostic error;
    if (pyfront::Source::decode(paths[largest], contents[largest], source, error)) {
      pyfront::ast::Arena arena;
      (void)pyfront::parse_module(source, arena);
      largest_arena = arena.bytes_allocated();
    }
  }
  getrusage(RUSAGE_SELF, &after);
  std::printf("pyfront bench: %zu files, %zu bytes, %zu rejected, %.3f s, %.1f MB/s, AST %.1f bytes per source byte\n",
              paths.size(), bytes, rejected, seconds, static_cast<double>(bytes) / 1e6 / seconds,
              bytes ? static_cast<double>(arena_bytes) / static_cast<double>(bytes) : 0.0);
  if (!paths.empty()) {
    std::printf("pyfront bench: largest file %s, %zu bytes: AST %zu bytes (%.1fx), peak RSS %ld kB (grew %ld kB)\n",
                paths[largest].c_str(), contents[largest].size(), largest_arena,
                static_cast<double>(largest_arena) / static_cast<double>(contents[largest].size()), after.ru_maxrss,
                after.ru_maxrss - before.ru_maxrss);
  }
  return kExitOk;
}

// Reads and decodes FILE (exit status in `status` on failure).
bool load(const char* path, pyfront::Source& source, int& status) {
  std::string bytes;
  if (!read_all(path, bytes)) {
    status = kExitUsage;
    return false;
  }
  pyfront::Diagnostic error;
  const std::string name = std::strcmp(path, "-") == 0 ? "<stdin>" : path;
  if (!pyfront::Source::decode(name, bytes, source, error)) {
    std::fprintf(stderr, "%s: %s: %s\n", name.c_str(), pyfront::error_kind_name(error.kind), error.message.c_str());
    status = kExitSyntaxError;
    return false;
  }
  return true;
}

// The generated C++, or the diagnostics (all unsupported constructs).
bool transpile(const pyfront::Source& source, std::string& cpp) {
  // Tracebacks name the script by its absolute path, as CPython's (3.9+) do.
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(source.name(), ec);
  const std::string traceback_file = source.name() == "<stdin>" || ec ? source.name() : absolute.lexically_normal().string();
  gen::compiler::Translation t = gen::compiler::translate(source, traceback_file);
  if (t.syntax_error) {
    report(source, *t.syntax_error);
    return false;
  }
  for (const gen::compiler::Unsupported& u : t.unsupported) report_at(source, u.begin, "unsupported", u.what);
  if (!t.unsupported.empty()) {
    std::fprintf(stderr, "%s: %zu unsupported construct%s: not built\n", source.name().c_str(), t.unsupported.size(),
                 t.unsupported.size() == 1 ? "" : "s");
    return false;
  }
  cpp = std::move(t.cpp);
  return true;
}

bool write_output(const std::string& path, const std::string& text) {
  std::FILE* f = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
  if (!f) {
    std::fprintf(stderr, "pyfront: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (f != stdout) std::fclose(f);
  if (!ok) std::fprintf(stderr, "pyfront: cannot write %s\n", path.c_str());
  return ok;
}

int usage_error(const char* message) {
  std::fprintf(stderr, "pyfront: %s\n%s", message, kUsage);
  return kExitUsage;
}

// emit / build / run.
int command_generate(std::string_view command, int argc, char** argv) {
  const char* file = argv[2];
  std::string output;
  std::string opt = "-O2";
  int program_args = argc;  // run: where the program's own arguments start
  if (command == "run") {
    program_args = 3;
  } else {
    for (int i = 3; i < argc; ++i) {
      const std::string_view a = argv[i];
      if (a == "-o" && i + 1 < argc)
        output = argv[++i];
      else if (command == "build" && (a == "-O0" || a == "-O1" || a == "-O2" || a == "-O3"))
        opt = std::string(a);
      else
        return usage_error(("unexpected argument '" + std::string(a) + "'").c_str());
    }
    if (command == "build" && output.empty()) return usage_error("build needs -o OUT");
  }
  int status = 0;
  pyfront::Source source;
  if (!load(file, source, status)) return status;
  std::string cpp;
  if (!transpile(source, cpp)) return kExitSyntaxError;
  if (command == "emit") return write_output(output.empty() ? "-" : output, cpp) ? kExitOk : kExitUsage;

  gen::compiler::BuildConfig config = gen::compiler::default_build_config();
  config.flags.push_back(opt);
  config.verbose = std::getenv("PYFRONT_VERBOSE") != nullptr;
  const std::string exe = gen::compiler::build_cached(config, cpp);
  if (exe.empty()) return kExitBuildFailed;
  if (command == "build") {
    std::error_code ec;
    std::filesystem::copy_file(exe, output, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) {
      std::fprintf(stderr, "pyfront: cannot write %s: %s\n", output.c_str(), ec.message().c_str());
      return kExitUsage;
    }
    return kExitOk;
  }
  // run: the program replaces pyfront, so its status is ours; its argv[0]
  // is the script, as CPython's sys.argv[0].
  std::vector<char*> args = {argv[2]};
  for (int i = program_args; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  std::fflush(nullptr);
  ::execv(exe.c_str(), args.data());
  std::fprintf(stderr, "pyfront: cannot run %s: %s\n", exe.c_str(), std::strerror(errno));
  return kExitBuildFailed;
}

int command_check(const pyfront::Source& source) {
  std::string cpp;
  return transpile(source, cpp) ? kExitOk : kExitSyntaxError;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::string_view(argv[1]) == "bench") return command_bench(argc, argv);
  if (argc < 3) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  const std::string_view command = argv[1];
  if (command == "run" || command == "build" || command == "emit") return command_generate(command, argc, argv);
  const bool syntax_only = command == "check" && argc == 4 && std::string_view(argv[2]) == "--syntax";
  if (argc != 3 && !syntax_only) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  if (command != "tokens" && command != "dump-ast" && command != "check")
    return usage_error(("unknown command '" + std::string(command) + "'").c_str());
  int status = 0;
  pyfront::Source source;
  if (!load(argv[syntax_only ? 3 : 2], source, status)) return status;
  if (command == "tokens") return command_tokens(source);
  if (command == "check" && !syntax_only) return command_check(source);
  return command_parse(source, command == "dump-ast");
}
