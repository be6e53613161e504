#include "runtime.h"

#include <utility>

#include "executor.h"
#include "mt/scheduler.h"
#include "platform.h"

namespace prt {

Result<void> RuntimeConfig::validate() const noexcept {
  switch (runtime_type) {
    case RuntimeType::SingleThreaded:
    case RuntimeType::MultiThreaded:
      break;
    case RuntimeType::BrowserEventLoop:
      return Error(ErrorKind::PlatformNotSupported,
                   "RuntimeConfig.runtime_type: BrowserEventLoop exists only on the browser target");
    default:
      return Error(ErrorKind::Runtime, "RuntimeConfig.runtime_type: not a RuntimeType value");
  }
  if (worker_threads) {
    if (*worker_threads < 1 || *worker_threads > 1024) {
      return Error(ErrorKind::Runtime, "RuntimeConfig.worker_threads must be between 1 and 1024");
    }
    if (runtime_type == RuntimeType::SingleThreaded && *worker_threads != 1) {
      return Error(ErrorKind::Runtime,
                   "RuntimeConfig.worker_threads must be 1 (or unset) for a single-threaded runtime");
    }
  }
  if (thread_name) {
    if (thread_name->empty()) return Error(ErrorKind::Runtime, "RuntimeConfig.thread_name is empty");
    if (thread_name->find('\0') != std::string::npos) {
      return Error(ErrorKind::Runtime, "RuntimeConfig.thread_name contains a NUL byte");
    }
  }
  if (stack_size) {
    if (*stack_size < sys::min_stack_size()) {
      return Error(ErrorKind::Runtime, "RuntimeConfig.stack_size is below the platform minimum (16 KiB)");
    }
    if (*stack_size > (std::size_t{1} << 30)) {
      return Error(ErrorKind::Runtime, "RuntimeConfig.stack_size is above 1 GiB");
    }
  }
  return {};
}

Result<Runtime> Runtime::create(const RuntimeConfig& config) noexcept {
  PRT_TRY(config.validate());
  std::uint32_t flags = config.force_timer_handle ? sys::kPollerTimerHandle : sys::kPollerDefault;
  if (config.runtime_type == RuntimeType::MultiThreaded) {
    detail::MtConfig mc;
    mc.workers = static_cast<std::uint32_t>(config.worker_threads.value_or(sys::cpu_count()));
    if (config.thread_name) mc.thread_name = *config.thread_name;
    mc.stack_size = config.stack_size.value_or(0);
    mc.enable_time = config.enable_time;
    mc.enable_io = config.enable_io;
    mc.poller_flags = flags;
    auto mt = detail::MtScheduler::create(mc);
    if (!mt) return mt.error();
    return Runtime(*mt, config);
  }
  auto exec = detail::Executor::create(config.enable_time, config.enable_io, flags);
  if (!exec) return exec.error();
  return Runtime(*exec, config);
}

Runtime::Runtime(Runtime&& other) noexcept
    : sched_(std::exchange(other.sched_, nullptr)), config_(std::move(other.config_)) {}

Runtime& Runtime::operator=(Runtime&& other) noexcept {
  if (this != &other) {
    destroy();
    sched_ = std::exchange(other.sched_, nullptr);
    config_ = std::move(other.config_);
  }
  return *this;
}

Runtime::~Runtime() { destroy(); }

Result<void> Runtime::shutdown() noexcept {
  if (!sched_) return {};
  if (detail::tls_context.scheduler == sched_) {
    return Error(ErrorKind::Runtime, "Runtime::shutdown called from inside the runtime");
  }
  sched_->shutdown();
  return {};
}

void Runtime::destroy() noexcept {
  if (sched_) std::exchange(sched_, nullptr)->destroy();
}

}  // namespace prt
