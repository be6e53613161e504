// `import math`: the constants; the functions land next.
#include <cmath>

#include "gen/support/internal.h"
#include "gen/support/module.h"

namespace gen {

Ref make_math_module() {
  Ref m = make_module("math");
  module_set(m, "pi", float_from(3.141592653589793));
  module_set(m, "e", float_from(2.718281828459045));
  module_set(m, "tau", float_from(6.283185307179586));
  module_set(m, "inf", float_from(HUGE_VAL));
  module_set(m, "nan", float_from(std::nan("")));
  return m;
}

}  // namespace gen
