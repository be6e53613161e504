#include "scheduler.h"

namespace prt::detail {

void complete_root(TaskHeader* t) noexcept { tls_context.scheduler->complete_root(t); }

}  // namespace prt::detail
