// The C++ generator: a parsed, analysed module -> one C++ translation unit
// that includes gen/support/runtime.h and defines main().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gen/compiler/scope.h"
#include "pyfront/ast.h"
#include "pyfront/source.h"

namespace gen::compiler {

struct EmitOptions {
  std::string traceback_file;   // the file name tracebacks print (CPython: as given on the command line)
  bool line_directives = true;  // #line: compiler errors and debuggers point at the .py lines
  std::string program_dir;      // the program's directory: a module file there is not a stdlib import
};

// A construct the generator does not compile: the build stops rather than
// miscompile (`prog.py:LINE:COL: unsupported: WHAT`).
struct Unsupported {
  std::uint32_t begin = 0;  // byte offset into the source
  std::string what;
};

struct EmitResult {
  std::string cpp;
  std::vector<Unsupported> unsupported;  // in source order; non-empty: `cpp` must not be built
};

// Generates the program. `check`'s use: every unsupported construct is
// listed, not just the first.
EmitResult emit_program(const pyfront::Source& source, const pyfront::ast::Module* module, const ScopeTable& scopes,
                        const EmitOptions& options);

}  // namespace gen::compiler
