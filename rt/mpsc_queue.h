// An intrusive multi-producer, single-consumer queue (internal) with a
// wait-free push: D. Vyukov's linked queue with a stub node.
//
// The queue is a singly linked list from `head_` (consumer side) to `tail_`
// (producer side). A node carries its own link, so pushing allocates nothing.
//
// Push (any thread), two steps:
//   P1. prev = tail_.exchange(node)      the node is now the tail
//   P2. prev->next.store(node)           and is linked behind its predecessor
// Pop (the one consumer) follows `next` links from `head_`; the stub node is
// pushed back whenever the consumer would otherwise take the last real node,
// so a real node never needs to be both head and tail.
//
// Memory orderings:
//   - P1 is acq_rel: release publishes the node's contents (and the caller's
//     writes before push) to whoever later follows the link to it; acquire
//     orders P2's write after reading `prev`, which another producer may
//     just have published.
//   - P2 is release, paired with the consumer's acquire load of `next`: a
//     consumer that sees the link sees the node's contents.
//   - The consumer's load of `tail_` (acquire) only decides whether the
//     list is momentarily incomplete; relaxed would do for correctness, but
//     acquire keeps the reasoning local.
//
// The non-linearizable window: between a producer's P1 and P2 the list is cut
// at that producer's node. A consumer reaching the cut sees "no next node"
// while the tail says otherwise, and pop() returns nullptr even though that
// push — and every push that completed P1 after it — has happened. The items
// are not lost: they appear once P2 runs. Consumers that must not miss an item
// (the scheduler before it sleeps) ask maybe_nonempty(), which counts a cut
// list as not empty; pop_spin() retries while the cut lasts.
//
// Invariant H: `head_` is the stub or the oldest real node not yet returned.
// So the queue is empty exactly when head_ and tail_ are both the stub. The
// tail alone does not tell: when a producer slips in while the consumer
// pushes the stub back (the end of pop()), the list becomes
// head_ (real) -> producer's node -> stub == tail_, with two items queued.
#pragma once

#include <atomic>

#include "config.h"

namespace prt::detail {

struct MpscNode {
  std::atomic<MpscNode*> next{nullptr};
};

class MpscQueue {
 public:
  MpscQueue() noexcept : head_(&stub_), tail_(&stub_) {}
  MpscQueue(const MpscQueue&) = delete;
  MpscQueue& operator=(const MpscQueue&) = delete;

  // Any thread. Wait-free: one exchange and one store.
  void push(MpscNode* node) noexcept {
    node->next.store(nullptr, std::memory_order_relaxed);
    MpscNode* prev = tail_.exchange(node, std::memory_order_acq_rel);  // P1
    prev->next.store(node, std::memory_order_release);                 // P2
  }

  // The consumer only. Returns the oldest node, or nullptr when the queue is
  // empty or cut by a push in progress (see the top of this file).
  MpscNode* pop() noexcept {
    MpscNode* head = head_.load(std::memory_order_relaxed);
    MpscNode* next = head->next.load(std::memory_order_acquire);
    if (head == &stub_) {
      if (!next) return nullptr;
      head = next;
      next = next->next.load(std::memory_order_acquire);
      head_.store(head, std::memory_order_relaxed);  // H: skipped the stub
    }
    if (next) {
      head_.store(next, std::memory_order_relaxed);  // H: `head` is returned
      return head;
    }
    if (head != tail_.load(std::memory_order_acquire)) return nullptr;  // a push is between P1 and P2
    push(&stub_);  // `head` is the last real node: put the stub behind it
    next = head->next.load(std::memory_order_acquire);
    if (next) {
      head_.store(next, std::memory_order_relaxed);
      return head;
    }
    return nullptr;  // a producer slipped in between: its P2 links `head` soon
  }

  // The consumer only: like pop(), but waits out a push in progress, so it
  // returns nullptr only when the queue was empty.
  MpscNode* pop_spin() noexcept {
    for (;;) {
      if (MpscNode* n = pop()) return n;
      if (!maybe_nonempty()) return nullptr;
      PRT_CPU_RELAX();
    }
  }

  // Any thread. False means the queue was empty when this was read: no push
  // had completed P1 that the consumer had not taken. True may include a
  // push still between P1 and P2. A caller that must not miss a push made
  // by a thread it synchronises with through a seq_cst fence puts a seq_cst
  // fence before this call.
  bool maybe_nonempty() const noexcept {
    // Tail first: a tail that is the stub again was put back by the
    // consumer's push(&stub_), which (release) also publishes the head_ it
    // stored before, so the head_ read below is at least that one (H).
    if (tail_.load(std::memory_order_acquire) != &stub_) return true;
    return head_.load(std::memory_order_relaxed) != &stub_;
  }

 private:
  // Written by the consumer only (relaxed: it alone reads its own writes in
  // order); read by maybe_nonempty() on any thread, ordered there by the
  // tail_ acquire (see above). Keeps invariant H.
  std::atomic<MpscNode*> head_;
  // Written by producers (P1), read by the consumer; see the orderings above.
  alignas(64) std::atomic<MpscNode*> tail_;
  // The stub is pushed by the consumer like any node.
  alignas(64) MpscNode stub_;
};

}  // namespace prt::detail
