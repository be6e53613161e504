// The pipeline and the build cache (driver.h).
#include "gen/compiler/driver.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gen/compiler/scope.h"
#include "pyfront/checks.h"
#include "pyfront/parser.h"

#ifndef PYFRONT_DEFAULT_CXX
#define PYFRONT_DEFAULT_CXX "c++"
#endif
#ifndef PYFRONT_DEFAULT_INCLUDE
#define PYFRONT_DEFAULT_INCLUDE "."
#endif
#ifndef PYFRONT_DEFAULT_LIBRARY
#define PYFRONT_DEFAULT_LIBRARY "libgen_support.a"
#endif
#ifndef PYFRONT_DEFAULT_FLAGS
#define PYFRONT_DEFAULT_FLAGS ""
#endif

namespace gen::compiler {

namespace fs = std::filesystem;

Translation translate(const pyfront::Source& source, const std::string& traceback_file) {
  Translation t;
  pyfront::ast::Arena arena;
  pyfront::ParseResult parsed = pyfront::parse_module(source, arena);
  if (parsed.error) {
    t.syntax_error = parsed.error;
    return t;
  }
  if (auto e = pyfront::compile_time_errors(parsed.module)) {
    t.syntax_error = e;
    return t;
  }
  ScopeTable scopes;
  pyfront::Diagnostic error;
  if (!analyze_scopes(parsed.module, scopes, error)) {
    t.syntax_error = error;
    return t;
  }
  EmitOptions options;
  options.traceback_file = traceback_file;
  const std::size_t slash = traceback_file.rfind('/');
  options.program_dir = slash == std::string::npos ? "." : traceback_file.substr(0, slash);
  EmitResult result = emit_program(source, parsed.module, scopes, options);
  std::stable_sort(result.unsupported.begin(), result.unsupported.end(),
                   [](const Unsupported& a, const Unsupported& b) { return a.begin < b.begin; });
  t.unsupported = std::move(result.unsupported);
  if (t.unsupported.empty()) t.cpp = std::move(result.cpp);
  return t;
}

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

// Two independent 64-bit FNV-1a hashes: a 128-bit content key.
struct Hasher {
  std::uint64_t a = 1469598103934665603ull, b = 1099511628211ull * 31;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      a = (a ^ c) * 1099511628211ull;
      b = (b ^ c) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
    }
    a = (a ^ 0xff) * 1099511628211ull;  // separator: ("ab","c") != ("a","bc")
    b = (b ^ 0xff) * 0x100000001b3ull;
  }
  std::string hex() const {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016" PRIx64 "%016" PRIx64, a, b);
    return buf;
  }
};

std::string file_identity(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "missing";
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

bool is_clang(const std::string& cxx) { return cxx.find("clang") != std::string::npos; }

int run_command(const std::vector<std::string>& args, bool verbose) {
  if (verbose) {
    std::string line;
    for (const std::string& a : args) (line += a) += ' ';
    std::fprintf(stderr, "+ %s\n", line.c_str());
  }
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::execvp(argv[0], argv.data());
    std::fprintf(stderr, "pyfront: cannot run %s: %s\n", argv[0], std::strerror(errno));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out.flush());
}

std::vector<std::string> base_flags(const BuildConfig& c) {
  std::vector<std::string> f = {"-std=c++20", "-fno-exceptions", "-fno-rtti", "-w"};
  for (const std::string& x : c.flags) f.push_back(x);
  return f;
}

// The precompiled runtime header for these flags: made once, then shared.
// Returns the flags that use it (none when it cannot be made: the build
// still works, only slower).
std::vector<std::string> pch_flags(const BuildConfig& c) {
  Hasher h;
  h.add(c.cxx);
  for (const std::string& f : base_flags(c)) h.add(f);
  h.add(c.include_dir);
  // Every header the PCH could contain: a changed one must not leave a
  // stale PCH in use (compilers check flags and macros, not contents).
  std::vector<std::string> headers;
  std::error_code list_error;
  for (const auto& entry : fs::directory_iterator(fs::path(c.include_dir) / "gen" / "support", list_error))
    if (entry.path().extension() == ".h" || entry.path().extension() == ".def") headers.push_back(entry.path().string());
  std::sort(headers.begin(), headers.end());
  for (const std::string& header : headers) {
    h.add(header);
    h.add(file_identity(header));
  }
  const fs::path dir = fs::path(c.cache_dir) / "pch" / h.hex();
  const fs::path header = dir / "portalis_runtime.h";
  const fs::path output = is_clang(c.cxx) ? dir / "portalis_runtime.pch" : dir / "portalis_runtime.h.gch";
  std::error_code ec;
  if (!fs::exists(output, ec)) {
    fs::create_directories(dir, ec);
    if (!write_file(header, "#include \"gen/support/runtime.h\"\n")) return {};
    const fs::path tmp = output.string() + ".tmp." + std::to_string(::getpid());
    std::vector<std::string> cmd = {c.cxx};
    for (const std::string& f : base_flags(c)) cmd.push_back(f);
    cmd.insert(cmd.end(), {"-I", c.include_dir, "-x", "c++-header", header.string(), "-o", tmp.string()});
    if (run_command(cmd, c.verbose) != 0) return {};
    fs::rename(tmp, output, ec);
    if (ec) return {};
  }
  if (is_clang(c.cxx)) return {"-include-pch", output.string()};
  return {"-include", header.string()};
}

}  // namespace

BuildConfig default_build_config() {
  BuildConfig c;
  c.cxx = env_or("PYFRONT_CXX", PYFRONT_DEFAULT_CXX);
  c.include_dir = env_or("PYFRONT_INCLUDE", PYFRONT_DEFAULT_INCLUDE);
  c.library = env_or("PYFRONT_LIB", PYFRONT_DEFAULT_LIBRARY);
  std::string cache = env_or("PYFRONT_CACHE", "");
  if (cache.empty()) {
    const std::string xdg = env_or("XDG_CACHE_HOME", "");
    cache = !xdg.empty() ? xdg + "/portalis" : env_or("HOME", "/tmp") + "/.cache/portalis";
  }
  c.cache_dir = cache;
  std::istringstream extra(PYFRONT_DEFAULT_FLAGS);
  for (std::string f; extra >> f;) c.flags.push_back(f);
  return c;
}

std::string build_cached(const BuildConfig& c, const std::string& cpp) {
  Hasher h;
  h.add(cpp);
  h.add(c.cxx);
  for (const std::string& f : base_flags(c)) h.add(f);
  h.add(c.include_dir);
  h.add(file_identity(c.library));
  const fs::path dir = fs::path(c.cache_dir) / "bin";
  const fs::path exe = dir / h.hex();
  std::error_code ec;
  if (fs::exists(exe, ec)) return exe.string();
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "pyfront: cannot create the cache %s: %s\n", dir.c_str(), ec.message().c_str());
    return "";
  }
  const std::string tag = "." + std::to_string(::getpid());
  const fs::path source = dir / (h.hex() + tag + ".cpp");
  if (!write_file(source, cpp)) {
    std::fprintf(stderr, "pyfront: cannot write %s\n", source.c_str());
    return "";
  }
  std::vector<std::string> cmd = {c.cxx};
  for (const std::string& f : base_flags(c)) cmd.push_back(f);
  for (const std::string& f : pch_flags(c)) cmd.push_back(f);
  const fs::path tmp = exe.string() + tag;
  cmd.insert(cmd.end(), {"-I", c.include_dir, source.string(), c.library, "-o", tmp.string()});
  const int status = run_command(cmd, c.verbose);
  if (!c.verbose) fs::remove(source, ec);
  if (status != 0) {
    std::fprintf(stderr, "pyfront: the C++ compiler failed (status %d); this is a bug in pyfront\n", status);
    fs::remove(tmp, ec);
    return "";
  }
  fs::rename(tmp, exe, ec);
  if (ec) {
    std::fprintf(stderr, "pyfront: cannot store %s: %s\n", exe.c_str(), ec.message().c_str());
    return "";
  }
  return exe.string();
}

}  // namespace gen::compiler
