// prt::threading::Barrier — Python's threading.Barrier for threads: `parties`
// threads meet at wait(); the last to arrive releases them all.
//
// wait() yields the arrival index (0 for the first thread, parties - 1 for
// the last). It fails with ErrorKind::Timeout when its timeout passes, which
// breaks the barrier; every thread waiting on a broken barrier, or arriving
// at one, fails with ErrorKind::Other ("barrier broken") until reset().
#pragma once

#include <cstdint>

#include "../result.h"
#include "condvar.h"
#include "mutex.h"

namespace prt::threading {

class Barrier {
 public:
  explicit Barrier(std::uint32_t parties) noexcept : parties_(parties) {}
  Barrier(const Barrier&) = delete;
  Barrier& operator=(const Barrier&) = delete;

  Result<std::uint32_t> wait(std::int64_t timeout_ns = -1) noexcept;
  // Breaks the barrier: current and later waiters fail until reset().
  void abort() noexcept;
  // Back to the initial, unbroken state; threads waiting now fail.
  void reset() noexcept;

  std::uint32_t parties() const noexcept { return parties_; }
  std::uint32_t n_waiting() noexcept;
  bool broken() noexcept;

 private:
  Mutex m_;
  Condvar cv_;
  const std::uint32_t parties_;
  // All below guarded by m_.
  std::uint32_t count_ = 0;         // arrived in this generation
  std::uint64_t generation_ = 0;    // bumped when a generation is released or reset
  std::uint64_t first_valid_ = 0;   // generations before this were reset: they fail
  bool broken_ = false;
};

}  // namespace prt::threading
