#include "runtime.h"

#include <utility>

#include "executor.h"
#include "mt/scheduler.h"
#include "platform.h"
#include "threading/thread_pool.h"

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
  if (max_blocking_threads && (*max_blocking_threads < 1 || *max_blocking_threads > 4096)) {
    return Error(ErrorKind::Runtime, "RuntimeConfig.max_blocking_threads must be between 1 and 4096");
  }
  if (blocking_keep_alive && blocking_keep_alive->count() < 0) {
    return Error(ErrorKind::Runtime, "RuntimeConfig.blocking_keep_alive is negative");
  }
  return {};
}

namespace {

Result<threading::detail::PoolShared*> create_blocking_pool(const RuntimeConfig& config) noexcept {
  threading::detail::PoolConfig pc;
  pc.max_threads = config.max_blocking_threads.value_or(512);
  pc.keep_alive_ns = config.blocking_keep_alive.value_or(std::chrono::seconds(10)).count();
  pc.name_prefix = config.thread_name.value_or("prt") + "-blocking";
  pc.stack_size = config.stack_size.value_or(0);
  return threading::detail::pool_create(pc);  // no thread starts before the first job
}

}  // namespace

Result<Runtime> Runtime::create(const RuntimeConfig& config) noexcept {
  PRT_TRY(config.validate());
  if (config.runtime_type == RuntimeType::MultiThreaded && !sys::threads_supported()) {
    return Error(ErrorKind::PlatformNotSupported, "RuntimeType::MultiThreaded: this target has no threads");
  }
  auto blocking = create_blocking_pool(config);
  if (!blocking) return blocking.error();
  detail::Scheduler* sched = nullptr;
  Error failed(ErrorKind::Other, "runtime: scheduler creation failed");
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
    if (mt) sched = *mt;
    else failed = mt.error();
  } else {
    auto exec = detail::Executor::create(config.enable_time, config.enable_io, flags);
    if (exec) sched = *exec;
    else failed = exec.error();
  }
  if (!sched) {
    threading::detail::pool_destroy(*blocking);
    return failed;
  }
  sched->set_blocking_pool(*blocking);
  return Runtime(sched, *blocking, config);
}

Runtime::Runtime(Runtime&& other) noexcept
    : sched_(std::exchange(other.sched_, nullptr)),
      blocking_(std::exchange(other.blocking_, nullptr)),
      config_(std::move(other.config_)) {}

Runtime& Runtime::operator=(Runtime&& other) noexcept {
  if (this != &other) {
    destroy();
    sched_ = std::exchange(other.sched_, nullptr);
    blocking_ = std::exchange(other.blocking_, nullptr);
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
  if (threading::detail::pool_owns_current_thread(blocking_)) {
    return Error(ErrorKind::Runtime, "Runtime::shutdown called from one of its blocking jobs");
  }
  // Tasks first: a cancelled task drops its receivers, so a blocking job
  // that finishes afterwards wakes nobody, and one blocked on a channel a
  // task fed sees it disconnect. Then the pool: queued jobs are cancelled,
  // running ones waited for. The scheduler is freed only in destroy(),
  // after the pool's threads are gone.
  sched_->shutdown();
  (void)threading::detail::pool_shutdown(blocking_, threading::ShutdownMode::CancelQueued);
  return {};
}

RuntimeStats Runtime::stats() const noexcept {
  if (!sched_) return {};
  RuntimeStats s = sched_->stats();
  s.blocking_threads = threading::detail::pool_threads(blocking_);
  return s;
}

void Runtime::destroy() noexcept {
  if (!sched_) return;
  if (detail::tls_context.scheduler != sched_ && !threading::detail::pool_owns_current_thread(blocking_)) {
    (void)shutdown();
  }
  threading::detail::pool_destroy(std::exchange(blocking_, nullptr));
  std::exchange(sched_, nullptr)->destroy();
}

}  // namespace prt
