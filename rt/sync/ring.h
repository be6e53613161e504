// A growable FIFO ring of T for the channels (internal). Storage comes from
// PRT_ALLOC in power-of-two sizes and doubles when full; a failed growth is
// reported (push returns false), never thrown. T must be nothrow movable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

#include "../config.h"
#include "wait_list.h"

namespace prt::detail {

template <class T>
class Ring {
  static_assert(std::is_nothrow_move_constructible_v<T>, "channel values must be nothrow movable");
  static_assert(alignof(T) <= alignof(std::max_align_t), "over-aligned channel values are not supported");

 public:
  Ring() noexcept = default;
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;
  ~Ring() {
    clear();
    if (slots_) PRT_FREE(static_cast<void*>(slots_), cap_ * sizeof(T));
  }

  // size() is read without the channel's lock for snapshots (Relaxed).
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

  // False when the ring had to grow and memory ran out; `v` is untouched then.
  bool push_back(T& v) noexcept {
    if (size_ == cap_ && !grow()) return false;
    ::new (static_cast<void*>(slot(head_ + size_))) T(std::move(v));
    ++size_;
    return true;
  }

  // Puts `v` back in front (a result handed back unconsumed). False when
  // the ring had to grow and memory ran out.
  bool push_front(T& v) noexcept {
    if (size_ == cap_ && !grow()) return false;
    head_ = (head_ + cap_ - 1) & (cap_ - 1);
    ::new (static_cast<void*>(slot(head_))) T(std::move(v));
    ++size_;
    return true;
  }

  // Room for `n` values without growing: pushes up to that size cannot fail.
  bool reserve(std::size_t n) noexcept {
    while (cap_ < n) {
      if (!grow()) return false;
    }
    return true;
  }

  T pop_front() noexcept {
    T* p = slot(head_);
    T v(std::move(*p));
    p->~T();
    head_ = (head_ + 1) & (cap_ - 1);
    --size_;
    return v;
  }

  void clear() noexcept {
    while (size_ != 0) (void)pop_front();
  }

 private:
  T* slot(std::size_t i) noexcept { return slots_ + (i & (cap_ - 1)); }

  bool grow() noexcept {
    const std::size_t cap = cap_ == 0 ? 4 : cap_ * 2;
    T* fresh = static_cast<T*>(PRT_ALLOC(cap * sizeof(T)));
    if (!fresh) return false;
    for (std::size_t i = 0; i < size_; ++i) {
      T* from = slot(head_ + i);
      ::new (static_cast<void*>(fresh + i)) T(std::move(*from));
      from->~T();
    }
    if (slots_) PRT_FREE(static_cast<void*>(slots_), cap_ * sizeof(T));
    slots_ = fresh;
    cap_ = cap;
    head_ = 0;
    return true;
  }

  T* slots_ = nullptr;
  std::size_t cap_ = 0;  // 0 or a power of two
  std::size_t head_ = 0;
  Relaxed<std::size_t> size_;
};

}  // namespace prt::detail
