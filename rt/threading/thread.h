// prt::threading::Thread — an OS thread running a function, with a name and
// a stack size.
//
//   auto t = prt::threading::Thread::spawn([] { work(); }, {.name = "worker"});
//   if (!t) report(t.error());
//   ...
//   PRT_TRY(t->join());
//
// join() waits for the function to return; joining twice, joining an empty
// Thread or a thread joining itself is ErrorKind::Join. is_finished() tells
// whether the function has returned. Destroying a Thread that was not
// joined detaches it: it runs on and releases its resources when done.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "../memory.h"
#include "../platform.h"
#include "../result.h"

namespace prt::threading {

struct ThreadOptions {
  std::string name;             // empty: unnamed; the OS may truncate it
  std::size_t stack_size = 0;   // 0: the platform default; else at least
                                // sys::min_stack_size() and at most 1 GiB
};

namespace detail {
// Shared by the thread and its handle; freed by whichever lets go last.
struct ThreadState {
  // 2 at start (thread + handle). Each side's decrement is acq_rel so the
  // last one sees everything the other did before freeing.
  std::atomic<std::uint32_t> refs{2};
  // Set (release) by the thread after the function returned; read with
  // acquire by is_finished().
  std::atomic<std::uint32_t> finished{0};
  void (*run)(ThreadState*) = nullptr;
  void (*destroy)(ThreadState*) = nullptr;
};

template <class F>
struct ThreadBox final : ThreadState {
  F fn;
  explicit ThreadBox(F&& f) : fn(std::move(f)) {
    run = [](ThreadState* s) { static_cast<ThreadBox*>(s)->fn(); };
    destroy = [](ThreadState* s) { prt::detail::delete_object(static_cast<ThreadBox*>(s)); };
  }
};

void release(ThreadState* s) noexcept;
Result<sys::Thread> start(ThreadState* s, const ThreadOptions& options) noexcept;
}  // namespace detail

class Thread {
 public:
  Thread() noexcept = default;
  Thread(Thread&& other) noexcept
      : native_(other.native_), state_(std::exchange(other.state_, nullptr)) {}
  Thread& operator=(Thread&& other) noexcept {
    if (this != &other) {
      detach();
      native_ = other.native_;
      state_ = std::exchange(other.state_, nullptr);
    }
    return *this;
  }
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;
  ~Thread() { detach(); }

  // Starts `f` on a new thread. Errors: ErrorKind::Spawn for a bad stack
  // size or when the OS refuses; ErrorKind::Other when out of memory.
  template <class F>
  static Result<Thread> spawn(F&& f, const ThreadOptions& options = {}) noexcept {
    using Fn = std::decay_t<F>;
    auto* box = prt::detail::new_object<detail::ThreadBox<Fn>>(Fn(std::forward<F>(f)));
    if (!box) return Error(ErrorKind::Other, "out of memory: thread");
    auto native = detail::start(box, options);
    if (!native) return native.error();
    Thread t;
    t.native_ = *native;
    t.state_ = box;
    return t;
  }

  Result<void> join() noexcept;
  // Lets the thread run on unjoined; a no-op on an empty or joined Thread.
  void detach() noexcept;
  bool joinable() const noexcept { return state_ != nullptr; }
  // True once the function returned (also true for an empty Thread).
  bool is_finished() const noexcept {
    return !state_ || state_->finished.load(std::memory_order_acquire) != 0;
  }

 private:
  sys::Thread native_{};
  detail::ThreadState* state_ = nullptr;
};

}  // namespace prt::threading
