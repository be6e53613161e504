// Errors CPython finds only when it compiles the parsed module (its symbol
// table and code generator): 'return', 'yield' and 'await' outside a
// function, 'await', 'async for', 'async with' and asynchronous
// comprehensions outside an async function, 'break' and 'continue'
// outside a loop, nonlocal at module level, duplicate parameters.
#pragma once

#include <optional>

#include "pyfront/ast.h"
#include "pyfront/diagnostic.h"

namespace pyfront {

// The first such error, as CPython would report it, or nothing.
std::optional<Diagnostic> compile_time_errors(const ast::Module* module);

}  // namespace pyfront
