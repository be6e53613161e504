// prt::RwLock — many readers or one writer, for tasks, served in arrival
// order (asyncio has no such lock; this is the fair queue of tokio's RwLock).
//
//   prt::RwLock lock;
//   { auto r = co_await lock.read();  if (!r) ...; ... }   // shared
//   { auto w = co_await lock.write(); if (!w) ...; ... }   // exclusive
//
// Fairness: a request that finds anyone waiting queues behind them, so a
// stream of readers cannot starve a writer. When the lock frees up it is
// handed to the front of the line: a writer alone, or every reader up to the
// next waiting writer. A handed-over grant belongs to the waiter before its
// task runs; a waiter cancelled after that gives it back (which hands the
// lock on), one cancelled before simply leaves. Nothing is lost.
// Errors: read()/write() outside a task, or from another runtime while the
// lock is busy: ErrorKind::Runtime; cancelled while waiting: Cancelled.
// try_read()/try_write() when they would wait: ErrorKind::Timeout. Releasing
// happens through the guards only. The lock must outlive guards and waiters.
#pragma once

#include <coroutine>
#include <cstdint>
#include <utility>

#include "wait_list.h"

namespace prt {

class RwLock {
 public:
  template <bool kWrite>
  class [[nodiscard]] Guard {
   public:
    Guard() noexcept = default;
    explicit Guard(RwLock* l) noexcept : l_(l) {}
    Guard(Guard&& o) noexcept : l_(std::exchange(o.l_, nullptr)) {}
    Guard& operator=(Guard&& o) noexcept {
      if (this != &o) {
        unlock();
        l_ = std::exchange(o.l_, nullptr);
      }
      return *this;
    }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard() { unlock(); }
    void unlock() noexcept {
      if (RwLock* l = std::exchange(l_, nullptr)) l->release(kWrite);
    }
    bool owns_lock() const noexcept { return l_ != nullptr; }

   private:
    RwLock* l_ = nullptr;
  };
  using ReadGuard = Guard<false>;
  using WriteGuard = Guard<true>;

  class AwaiterBase : public detail::SyncWaiter {
   protected:
    explicit AwaiterBase(RwLock* l) noexcept : l_(l) {}
    AwaiterBase(AwaiterBase&& o) noexcept : detail::SyncWaiter(), l_(o.l_) { PRT_DEBUG_ASSERT(!o.linked()); }
    ~AwaiterBase() { detail::leave_site(this); }

    friend class RwLock;
    RwLock* l_;
    bool acquired_ = false;
    ErrorSlot refused_;
  };

  template <bool kWrite>
  class Awaiter : public AwaiterBase {
   public:
    explicit Awaiter(RwLock* l) noexcept : AwaiterBase(l) {}
    Awaiter(Awaiter&&) noexcept = default;
    Awaiter& operator=(Awaiter&&) = delete;

    bool await_ready() noexcept {
      acquired_ = l_->site_.core.owned_plainly(detail::tls_context.scheduler) && l_->try_take(kWrite);
      return acquired_;
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept { return l_->acquire_slow(this, kWrite, leaf); }
    Result<Guard<kWrite>> await_resume() noexcept {
      if (refused_.has_error()) return refused_.error();
      if (acquired_) return Guard<kWrite>(l_);
      if (auto r = l_->acquire_resumed(this, kWrite); !r) return r.error();
      return Guard<kWrite>(l_);
    }
  };

  RwLock() noexcept = default;
  RwLock(const RwLock&) = delete;
  RwLock& operator=(const RwLock&) = delete;

  Awaiter<false> read() noexcept { return Awaiter<false>(this); }
  Awaiter<true> write() noexcept { return Awaiter<true>(this); }
  Result<ReadGuard> try_read() noexcept;
  Result<WriteGuard> try_write() noexcept;
  // Snapshots; racy on a multi-threaded runtime.
  std::uint32_t readers() const noexcept { return readers_; }
  bool write_locked() const noexcept { return writer_; }

 private:
  // SyncWaiter::want: what the waiter asked for.
  static constexpr std::uint32_t kWantRead = 0;
  static constexpr std::uint32_t kWantWrite = 1;

  // Takes the lock if free for `write` and nobody is still waiting.
  bool try_take(bool write) noexcept {
    if (writer_ || site_.waiters.waiting() != 0) return false;
    if (write) {
      if (readers_ != 0) return false;
      writer_ = true;
    } else {
      ++readers_;
    }
    return true;
  }
  bool acquire_slow(AwaiterBase* a, bool write, std::coroutine_handle<> leaf) noexcept;
  Result<void> acquire_resumed(AwaiterBase* a, bool write) noexcept;
  Result<void> try_acquire(bool write) noexcept;
  void release(bool write) noexcept;
  void release_locked(bool write) noexcept;
  void hand_over() noexcept;

  detail::WaitSite site_;
  detail::Relaxed<std::uint32_t> readers_;
  detail::RelaxedFlag writer_;
};

}  // namespace prt
