// The one header generated programs include: the dynamic object model
// (object.h, type.h, objects.h), the operations (ops.h), exceptions
// (error.h), the builtins (builtins.h), the standard streams (io.h) and
// the typed paths (typed.h).
#pragma once

#include "gen/support/builtins.h"
#include "gen/support/codegen.h"
#include "gen/support/error.h"
#include "gen/support/file.h"
#include "gen/support/generator.h"
#include "gen/support/module.h"
#include "gen/support/io.h"
#include "gen/support/object.h"
#include "gen/support/objects.h"
#include "gen/support/ops.h"
#include "gen/support/type.h"
#include "gen/support/typed.h"

namespace gen {

// Installs the builtin types' methods and keeps the program's arguments
// (sys.argv). main() calls it first.
void init_runtime(int argc = 0, char** argv = nullptr);

}  // namespace gen
