// From a .py file to a native program: parse, check, analyse, emit C++,
// compile it against the prebuilt support library, cache the result.
//
// Configuration (defaults fixed when pyfront is built; environment wins):
//   PYFRONT_CXX      the C++ compiler (default: the one that built pyfront)
//   PYFRONT_INCLUDE  the directory holding gen/support/runtime.h
//   PYFRONT_LIB      the support library (libgen_support.a)
//   PYFRONT_CACHE    the build cache (default $XDG_CACHE_HOME/portalis,
//                    else ~/.cache/portalis)
//
// The cache holds, per compiler and flags, a precompiled runtime header
// (made on first use) and the programs, keyed by a hash of the generated
// C++, the flags, the compiler and the library's size and time: a program
// already built is not built again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gen/compiler/emitter.h"
#include "pyfront/diagnostic.h"
#include "pyfront/source.h"

namespace gen::compiler {

struct BuildConfig {
  std::string cxx;
  std::string include_dir;
  std::string library;
  std::string cache_dir;
  std::vector<std::string> flags;  // beyond -std=c++20 and the no-exceptions set
  bool verbose = false;            // print the commands
};

BuildConfig default_build_config();

struct Translation {
  std::string cpp;                                 // valid when neither of the below
  std::optional<pyfront::Diagnostic> syntax_error;  // what CPython would raise compiling it
  std::vector<Unsupported> unsupported;           // every construct not compiled, in source order
};

// Parses, checks, analyses and emits `source`; tracebacks will name it
// `traceback_file`.
Translation translate(const pyfront::Source& source, const std::string& traceback_file);

// Compiles `cpp` (through the cache) and returns the executable's path, or
// "" after printing why.
std::string build_cached(const BuildConfig& config, const std::string& cpp);

}  // namespace gen::compiler
