// prt::threading channels — blocking multi-producer, single-consumer
// channels between threads (std::sync::mpsc's shape).
//
//   auto [tx, rx] = prt::threading::channel<int>();            // unbounded
//   auto ch = prt::threading::bounded_channel<int>(64);        // Result<pair>
//   tx.send(1);                    // Result<void>: ChannelClosed if rx is gone
//   prt::Result<int> v = rx.recv(); // ChannelClosed once empty and every sender is gone
//
// Senders are copyable (each copy is a producer); the Receiver is move-only.
// try_recv / try_send report ErrorKind::Timeout when they would block (no
// message / no room), recv_timeout and send_timeout when the timeout passes.
// A message sent to a receiver that is gone is dropped and the send reports
// ErrorKind::ChannelClosed.
//
// Unbounded: D. Vyukov's non-intrusive MPSC list. Each message is a node
// from the per-thread frame cache (a thread-local free list, not malloc, in
// a steady state). A sender links its node with one exchange on `tail`; the
// receiver moves the value out of the node after `head` and makes that node
// the new dummy head, freeing the old one: receiving needs no atomic
// read-modify-write at all.
// Bounded: D. Vyukov's array queue, one sequence number per cell: a sender
// claims a position with a CAS on the enqueue index, writes, then publishes
// the cell's sequence (release); the receiver reads the sequence (acquire),
// moves the value out and frees the cell for the next lap. Sequences count in
// steps of two (free for position p: 2p; full: 2p + 1; freed for the next
// lap: 2(p + capacity)), so the two markers differ even at capacity 1.
//
// Blocking: a receiver that finds nothing sets `rx_waiting`, re-checks, and
// parks on `rx_seq`; a sender that published a message and sees `rx_waiting`
// bumps `rx_seq` and wakes it. The publishing write (the exchange on `tail`,
// or a bounded cell's sequence store) and the `rx_waiting` store are seq_cst,
// as are both sides' loads, so in their single total order a receiver either
// sees the message or the sender sees the receiver waiting (Dekker). Full
// bounded channels block senders the same way on `tx_waiting` / `tx_seq`,
// with the receiver's cell release as the publishing write.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>

#include "../memory.h"
#include "../platform.h"
#include "../result.h"

namespace prt::threading {

template <class T>
class Sender;
template <class T>
class Receiver;

namespace detail {

template <class T>
class Channel {
  static_assert(alignof(T) <= alignof(std::max_align_t), "over-aligned channel messages are not supported");

 public:
  explicit Channel(std::size_t capacity) noexcept : capacity_(capacity) {}
  ~Channel() {
    // Last reference: nobody sends or receives any more; drop what is left.
    while (take_one()) {
    }
    if (head_) Node::free(head_);
    prt::detail::delete_object(cells_array_);
  }
  bool init() noexcept {
    if (capacity_ == 0) {
      head_ = Node::make();
      tail_.store(head_, std::memory_order_relaxed);
      return head_ != nullptr;
    }
    cells_array_ = prt::detail::new_object<CellArray>(capacity_);
    if (!cells_array_ || !cells_array_->ok()) return false;
    cells_ = cells_array_->cells;
    return true;
  }

  // ---- references ---------------------------------------------------------
  void add_ref() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() noexcept {
    // acq_rel: the last holder sees every other holder's writes before destroying.
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) prt::detail::delete_object(this);
  }
  void add_sender() noexcept {
    senders_.fetch_add(1, std::memory_order_relaxed);
    add_ref();
  }
  void drop_sender() noexcept {
    // acq_rel: the receiver that sees zero senders also sees their last messages.
    if (senders_.fetch_sub(1, std::memory_order_acq_rel) == 1) wake_receiver();
    release();
  }
  void drop_receiver() noexcept {
    receiver_alive_.store(0, std::memory_order_seq_cst);
    wake_senders();
    release();
  }

  // ---- sending --------------------------------------------------------------
  Result<void> send(T&& value, std::int64_t timeout_ns) noexcept {
    if (!receiver_alive_.load(std::memory_order_acquire)) return closed_error();
    if (capacity_ == 0) {
      Node* n = Node::make();
      if (!n) return Error(ErrorKind::Other, "out of memory: channel message");
      ::new (static_cast<void*>(n->storage)) T(std::move(value));
      // seq_cst: the publishing write of the blocking protocol (see the top).
      Node* prev = tail_.exchange(n, std::memory_order_seq_cst);
      prev->next.store(n, std::memory_order_release);
    } else {
      PRT_TRY(push_bounded(std::move(value), timeout_ns));
    }
    notify_receiver();
    return {};
  }

  // ---- receiving (the one receiver) -----------------------------------------
  Result<T> recv(std::int64_t timeout_ns) noexcept {
    const std::int64_t deadline = timeout_ns < 0 ? -1 : sys::monotonic_ns() + timeout_ns;
    for (;;) {
      if (auto v = take_one()) return std::move(*v);
      if (senders_.load(std::memory_order_acquire) == 0) {
        if (auto v = take_one()) return std::move(*v);  // sent just before the last sender left
        return closed_error();
      }
      std::int64_t left = -1;
      if (deadline >= 0) {
        left = deadline - sys::monotonic_ns();
        if (left <= 0) return Error(ErrorKind::Timeout, timeout_ns == 0 ? "channel empty" : "recv_timeout");
      }
      // A message is often a few hundred nanoseconds away: spin briefly
      // before paying for a park and the sender's wake.
      if (spin_until_nonempty()) continue;
      rx_waiting_.store(1, std::memory_order_seq_cst);
      const std::uint32_t seq = rx_seq_.load(std::memory_order_seq_cst);
      if (!maybe_nonempty() && senders_.load(std::memory_order_acquire) != 0) sys::park(&rx_seq_, seq, left);
      rx_waiting_.store(0, std::memory_order_relaxed);
    }
  }

  bool receiver_alive() const noexcept { return receiver_alive_.load(std::memory_order_acquire) != 0; }
  std::size_t capacity() const noexcept { return capacity_; }

 private:
  // A list node. The dummy head holds no value; every other node holds one
  // until the receiver moves it out and the node becomes the dummy.
  struct Node {
    // Written once (release) by the sender that appends the next node; read
    // with acquire by the receiver, which then sees that node's value.
    std::atomic<Node*> next{nullptr};
    alignas(T) unsigned char storage[sizeof(T)];
    T* value() noexcept { return std::launder(reinterpret_cast<T*>(storage)); }
    static Node* make() noexcept {
      void* mem = prt::frame_alloc(sizeof(Node));
      return mem ? ::new (mem) Node : nullptr;
    }
    static void free(Node* n) noexcept {
      n->~Node();
      prt::frame_free(n, sizeof(Node));
    }
  };

  struct Cell {
    // Lap-tagged position: 2 * pos when free for the sender of `pos`,
    // 2 * pos + 1 when holding that sender's message. Written with release by
    // whoever hands the cell over, read with acquire by the next owner.
    std::atomic<std::size_t> seq;
    alignas(T) unsigned char storage[sizeof(T)];
    T* value() noexcept { return std::launder(reinterpret_cast<T*>(storage)); }
  };
  struct CellArray {
    explicit CellArray(std::size_t n) noexcept : count(n) {
      cells = static_cast<Cell*>(PRT_ALLOC(sizeof(Cell) * n));
      if (cells) {
        for (std::size_t i = 0; i < n; ++i) ::new (&cells[i]) Cell{{2 * i}, {}};
      }
    }
    ~CellArray() {
      if (cells) PRT_FREE(static_cast<void*>(cells), sizeof(Cell) * count);
    }
    bool ok() const noexcept { return cells != nullptr; }
    std::size_t count;
    Cell* cells = nullptr;
  };

  static Error closed_error() noexcept { return Error(ErrorKind::ChannelClosed, "channel"); }

  Cell& cell(std::size_t pos) noexcept { return cells_[pos % capacity_]; }

  Result<void> push_bounded(T&& value, std::int64_t timeout_ns) noexcept {
    const std::int64_t deadline = timeout_ns < 0 ? -1 : sys::monotonic_ns() + timeout_ns;
    std::size_t pos = enqueue_pos_.load(std::memory_order_relaxed);
    for (;;) {
      Cell& c = cell(pos);
      std::size_t seq = c.seq.load(std::memory_order_acquire);
      auto dif = static_cast<std::intptr_t>(seq) - static_cast<std::intptr_t>(2 * pos);
      if (dif == 0) {
        // relaxed: the cell's seq (acquire above, release below) orders the data.
        if (enqueue_pos_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
          ::new (static_cast<void*>(c.storage)) T(std::move(value));
          // seq_cst: the publishing write of the blocking protocol.
          c.seq.store(2 * pos + 1, std::memory_order_seq_cst);
          return {};
        }
      } else if (dif < 0) {
        // Full. Block until the receiver frees a cell or goes away.
        if (!receiver_alive_.load(std::memory_order_acquire)) return closed_error();
        std::int64_t left = -1;
        if (deadline >= 0) {
          left = deadline - sys::monotonic_ns();
          if (left <= 0) return Error(ErrorKind::Timeout, timeout_ns == 0 ? "channel full" : "send_timeout");
        }
        tx_waiting_.fetch_add(1, std::memory_order_seq_cst);
        const std::uint32_t tseq = tx_seq_.load(std::memory_order_seq_cst);
        if (cell(pos).seq.load(std::memory_order_seq_cst) == seq && receiver_alive()) sys::park(&tx_seq_, tseq, left);
        tx_waiting_.fetch_sub(1, std::memory_order_relaxed);
        pos = enqueue_pos_.load(std::memory_order_relaxed);
      } else {
        pos = enqueue_pos_.load(std::memory_order_relaxed);
      }
    }
  }

  // A message moved out of the channel, or none.
  struct Maybe {
    Maybe() noexcept : has(false) {}
    explicit Maybe(T&& v) noexcept : has(true) { ::new (static_cast<void*>(storage)) T(std::move(v)); }
    Maybe(Maybe&& o) noexcept : has(o.has) {
      if (has) ::new (static_cast<void*>(storage)) T(std::move(*o));
    }
    ~Maybe() {
      if (has) (**this).~T();
    }
    explicit operator bool() const noexcept { return has; }
    T& operator*() noexcept { return *std::launder(reinterpret_cast<T*>(storage)); }
    bool has;
    alignas(T) unsigned char storage[sizeof(T)];
  };

  // The receiver (or the destructor): moves the oldest message out.
  Maybe take_one() noexcept {
    if (capacity_ == 0) {
      Node* next = head_->next.load(std::memory_order_acquire);
      while (!next) {
        // Empty, or a sender is between its exchange and its link: wait the
        // link out (it is a couple of instructions away).
        if (tail_.load(std::memory_order_seq_cst) == head_) return Maybe();
        PRT_CPU_RELAX();
        next = head_->next.load(std::memory_order_acquire);
      }
      Maybe m(std::move(*next->value()));
      next->value()->~T();
      Node::free(head_);
      head_ = next;  // the node just emptied is the new dummy
      return m;
    }
    Cell& c = cell(dequeue_pos_);
    std::size_t seq = c.seq.load(std::memory_order_acquire);
    if (seq != 2 * dequeue_pos_ + 1) return Maybe();
    Maybe m(std::move(*c.value()));
    c.value()->~T();
    // Hands the cell to the sender of the next lap (release), and is the
    // publishing write for blocked senders (seq_cst).
    c.seq.store(2 * (dequeue_pos_ + capacity_), std::memory_order_seq_cst);
    ++dequeue_pos_;
    notify_senders();
    return m;
  }

  bool spin_until_nonempty() noexcept {
    for (int i = 0; i < kSpins; ++i) {
      if (maybe_nonempty()) return true;
      PRT_CPU_RELAX();
    }
    return false;
  }

  bool maybe_nonempty() noexcept {
    if (capacity_ == 0) return tail_.load(std::memory_order_seq_cst) != head_;
    return cell(dequeue_pos_).seq.load(std::memory_order_seq_cst) == 2 * dequeue_pos_ + 1;
  }

  void notify_receiver() noexcept {
    if (rx_waiting_.load(std::memory_order_seq_cst)) wake_receiver();
  }
  void wake_receiver() noexcept {
    rx_seq_.fetch_add(1, std::memory_order_seq_cst);
    sys::unpark_one(&rx_seq_);
  }
  void notify_senders() noexcept {
    if (tx_waiting_.load(std::memory_order_seq_cst)) wake_senders();
  }
  void wake_senders() noexcept {
    tx_seq_.fetch_add(1, std::memory_order_seq_cst);
    sys::unpark_all(&tx_seq_);
  }

  static constexpr int kSpins = 200;

  const std::size_t capacity_;  // 0: unbounded
  // Owners: one per Sender plus one for the Receiver.
  std::atomic<std::uint32_t> refs_{1};
  std::atomic<std::uint32_t> senders_{0};
  std::atomic<std::uint32_t> receiver_alive_{1};
  // Receiver parking (see the blocking protocol above).
  std::atomic<std::uint32_t> rx_waiting_{0};
  std::atomic<std::uint32_t> rx_seq_{0};
  // Sender parking, bounded channels only.
  std::atomic<std::uint32_t> tx_waiting_{0};
  std::atomic<std::uint32_t> tx_seq_{0};
  // Unbounded storage: senders exchange tail_; head_ (the dummy) is the
  // receiver's. Both start at a dummy node made by init().
  std::atomic<Node*> tail_{nullptr};
  Node* head_ = nullptr;
  // Bounded storage: senders CAS enqueue_pos_; dequeue_pos_ is the receiver's.
  CellArray* cells_array_ = nullptr;
  Cell* cells_ = nullptr;
  alignas(64) std::atomic<std::size_t> enqueue_pos_{0};
  alignas(64) std::size_t dequeue_pos_ = 0;
};

template <class T>
std::pair<Sender<T>, Receiver<T>> make_pair(Channel<T>* ch) noexcept;

}  // namespace detail

template <class T>
class Sender {
 public:
  Sender() noexcept = default;
  Sender(const Sender& o) noexcept : ch_(o.ch_) {
    if (ch_) ch_->add_sender();
  }
  Sender(Sender&& o) noexcept : ch_(std::exchange(o.ch_, nullptr)) {}
  Sender& operator=(Sender o) noexcept {
    std::swap(ch_, o.ch_);
    return *this;
  }
  ~Sender() {
    if (ch_) ch_->drop_sender();
  }

  Result<void> send(T value) noexcept { return ch_ ? ch_->send(std::move(value), -1) : closed(); }
  Result<void> try_send(T value) noexcept { return ch_ ? ch_->send(std::move(value), 0) : closed(); }
  Result<void> send_timeout(T value, std::int64_t timeout_ns) noexcept {
    return ch_ ? ch_->send(std::move(value), timeout_ns) : closed();
  }
  bool is_closed() const noexcept { return !ch_ || !ch_->receiver_alive(); }

 private:
  friend std::pair<Sender<T>, Receiver<T>> detail::make_pair<T>(detail::Channel<T>*) noexcept;
  explicit Sender(detail::Channel<T>* ch) noexcept : ch_(ch) { ch_->add_sender(); }
  static Error closed() noexcept { return Error(ErrorKind::ChannelClosed, "empty Sender"); }
  detail::Channel<T>* ch_ = nullptr;
};

template <class T>
class Receiver {
 public:
  Receiver() noexcept = default;
  Receiver(Receiver&& o) noexcept : ch_(std::exchange(o.ch_, nullptr)) {}
  Receiver& operator=(Receiver&& o) noexcept {
    if (this != &o) {
      reset();
      ch_ = std::exchange(o.ch_, nullptr);
    }
    return *this;
  }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;
  ~Receiver() { reset(); }

  Result<T> recv() noexcept { return ch_ ? ch_->recv(-1) : closed(); }
  Result<T> try_recv() noexcept { return ch_ ? ch_->recv(0) : closed(); }
  Result<T> recv_timeout(std::int64_t timeout_ns) noexcept { return ch_ ? ch_->recv(timeout_ns) : closed(); }

 private:
  friend std::pair<Sender<T>, Receiver<T>> detail::make_pair<T>(detail::Channel<T>*) noexcept;
  explicit Receiver(detail::Channel<T>* ch) noexcept : ch_(ch) {}
  void reset() noexcept {
    if (ch_) std::exchange(ch_, nullptr)->drop_receiver();
  }
  static Error closed() noexcept { return Error(ErrorKind::ChannelClosed, "empty Receiver"); }
  detail::Channel<T>* ch_ = nullptr;
};

namespace detail {
template <class T>
std::pair<Sender<T>, Receiver<T>> make_pair(Channel<T>* ch) noexcept {
  return {Sender<T>(ch), Receiver<T>(ch)};
}
}  // namespace detail

// A channel; capacity 0 means unbounded. Fails only when out of memory.
template <class T>
Result<std::pair<Sender<T>, Receiver<T>>> try_channel(std::size_t capacity = 0) noexcept {
  auto* ch = prt::detail::new_object<detail::Channel<T>>(capacity);
  if (!ch) return Error(ErrorKind::Other, "out of memory: channel");
  if (!ch->init()) {
    prt::detail::delete_object(ch);
    return Error(ErrorKind::Other, "out of memory: channel buffer");
  }
  return detail::make_pair(ch);
}

// An unbounded channel; aborts if memory for the channel itself cannot be
// had (try_channel is the Result form).
template <class T>
std::pair<Sender<T>, Receiver<T>> channel() noexcept {
  auto r = try_channel<T>(0);
  if (!r) PRT_ABORT("prt::threading::channel: out of memory");
  return std::move(*r);
}

// A channel holding at most `capacity` messages (at least 1).
template <class T>
Result<std::pair<Sender<T>, Receiver<T>>> bounded_channel(std::size_t capacity) noexcept {
  if (capacity == 0) return Error(ErrorKind::Other, "bounded_channel: capacity must be at least 1");
  return try_channel<T>(capacity);
}

}  // namespace prt::threading
