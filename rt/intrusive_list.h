// Circular doubly-linked intrusive lists with a sentinel head (internal).
//
// A node knows nothing about the list that holds it: unlinking needs only the
// node's neighbours, so any holder can take a node out of whatever list it is
// in, in O(1). An unlinked node has next == nullptr.
#pragma once

#include <cstddef>

#include "config.h"

namespace prt::detail {

struct ListNode {
  ListNode* prev = nullptr;
  ListNode* next = nullptr;

  bool linked() const noexcept { return next != nullptr; }

  void unlink() noexcept {
    PRT_DEBUG_ASSERT(linked());
    prev->next = next;
    next->prev = prev;
    prev = next = nullptr;
  }
};

class List {
 public:
  List() noexcept { head_.prev = head_.next = &head_; }
  List(const List&) = delete;  // nodes point at head_: a List never moves
  List& operator=(const List&) = delete;

  bool empty() const noexcept { return head_.next == &head_; }
  ListNode* front() const noexcept { return empty() ? nullptr : head_.next; }
  const ListNode* sentinel() const noexcept { return &head_; }

  void push_back(ListNode* n) noexcept {
    PRT_DEBUG_ASSERT(!n->linked());
    n->prev = head_.prev;
    n->next = &head_;
    head_.prev->next = n;
    head_.prev = n;
  }

  ListNode* pop_front() noexcept {
    if (empty()) return nullptr;
    ListNode* n = head_.next;
    n->unlink();
    return n;
  }

  // Moves every node of `from` to the back of this list, keeping their order.
  void splice_back(List& from) noexcept {
    if (from.empty()) return;
    ListNode* first = from.head_.next;
    ListNode* last = from.head_.prev;
    from.head_.prev = from.head_.next = &from.head_;
    first->prev = head_.prev;
    last->next = &head_;
    head_.prev->next = first;
    head_.prev = last;
  }

 private:
  ListNode head_;
};

}  // namespace prt::detail
