// The work-stealing local queue: FIFO for its owner, windows, steal-half,
// and an owner racing thieves with no task lost or run twice (also under TSan:
// the suite name starts with Workers).
#include <atomic>
#include <thread>
#include <vector>

#include "rt/mt/local_queue.h"
#include "test_support.h"

namespace {

using prt::detail::TaskHeader;
using prt::detail::mt::LocalQueue;

std::vector<TaskHeader> make_tasks(std::size_t n) { return std::vector<TaskHeader>(n); }

TEST(WorkersLocalQueue, IsFifoForItsOwner) {
  LocalQueue q;
  auto tasks = make_tasks(600);
  EXPECT_EQ(q.pop(), nullptr);
  std::size_t pushed = 0, popped = 0;
  for (int round = 0; round < 50; ++round) {
    for (int k = 0; k < 7 && pushed < tasks.size(); ++k) ASSERT_TRUE(q.push(&tasks[pushed++]));
    for (int k = 0; k < 5; ++k) {
      TaskHeader* t = q.pop();
      if (!t) break;
      ASSERT_EQ(t, &tasks[popped++]);
    }
  }
  while (TaskHeader* t = q.pop()) ASSERT_EQ(t, &tasks[popped++]);
  EXPECT_EQ(popped, pushed);
}

TEST(WorkersLocalQueue, RefusesWhenFull) {
  LocalQueue q;
  auto tasks = make_tasks(LocalQueue::kCapacity + 1);
  for (std::uint32_t i = 0; i < LocalQueue::kCapacity; ++i) ASSERT_TRUE(q.push(&tasks[i]));
  EXPECT_FALSE(q.push(&tasks[LocalQueue::kCapacity]));
  EXPECT_EQ(q.pop(), &tasks[0]);
  EXPECT_TRUE(q.push(&tasks[LocalQueue::kCapacity]));  // a freed slot is reusable
}

TEST(WorkersLocalQueue, StealTakesHalfAndKeepsOrder) {
  LocalQueue victim, thief;
  auto tasks = make_tasks(10);
  for (auto& t : tasks) ASSERT_TRUE(victim.push(&t));
  EXPECT_TRUE(victim.has_stealable());
  TaskHeader* first = victim.steal_into(thief);  // takes 5 (the oldest half)
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first, &tasks[4]);  // the last of the stolen run is returned
  for (int i = 0; i < 4; ++i) EXPECT_EQ(thief.pop(), &tasks[static_cast<std::size_t>(i)]);
  EXPECT_EQ(thief.pop(), nullptr);
  for (int i = 5; i < 10; ++i) EXPECT_EQ(victim.pop(), &tasks[static_cast<std::size_t>(i)]);
  EXPECT_EQ(victim.pop(), nullptr);
  LocalQueue empty;
  EXPECT_EQ(empty.steal_into(thief), nullptr);
}

// Regression: after the owner's window ran out and thieves took everything
// else, push must see an empty queue (it counted the stolen slots as full).
TEST(WorkersLocalQueue, IsEmptyAgainAfterThievesTookTheRest) {
  LocalQueue q, thief;
  auto tasks = make_tasks(LocalQueue::kCapacity * 2);
  std::size_t next = 0;
  for (std::uint32_t i = 0; i < LocalQueue::kCapacity; ++i) ASSERT_TRUE(q.push(&tasks[next++]));
  ASSERT_NE(q.pop(), nullptr);  // claims a window
  while (q.pop()) {
    if (q.len() < LocalQueue::kCapacity / 2) break;
  }
  // Drain the rest by stealing only.
  for (;;) {
    TaskHeader* t = q.steal_into(thief);
    if (!t) break;
    while (thief.pop()) {
    }
  }
  while (q.pop()) {
  }
  for (std::uint32_t i = 0; i < LocalQueue::kCapacity; ++i) ASSERT_TRUE(q.push(&tasks[next++])) << i;
}

TEST(WorkersLocalQueue, AnOwnersWindowIsNotStolen) {
  LocalQueue q, thief;
  auto tasks = make_tasks(4);
  for (auto& t : tasks) ASSERT_TRUE(q.push(&t));
  EXPECT_EQ(q.pop(), &tasks[0]);  // claims a window of 2: tasks 0 and 1
  TaskHeader* stolen = q.steal_into(thief);
  EXPECT_EQ(stolen, &tasks[2]);  // half of the 2 outside the window
  EXPECT_EQ(q.pop(), &tasks[1]);
  EXPECT_EQ(q.pop(), &tasks[3]);
  EXPECT_EQ(q.pop(), nullptr);
}

// The owner pushes and pops while three thieves steal; every task must be
// taken exactly once.
#if PRT_TEST_HAS_THREADS
TEST(WorkersLocalQueueStress, OwnerAndThievesNeverLoseOrDuplicate) {
  constexpr std::size_t kTasks = 300'000;
  auto tasks = make_tasks(kTasks);
  std::vector<std::atomic<int>> seen(kTasks);
  LocalQueue owner;
  std::atomic<bool> done{false};
  std::atomic<std::size_t> taken{0};
  auto take = [&](TaskHeader* t) {
    seen[static_cast<std::size_t>(t - tasks.data())].fetch_add(1);
    taken.fetch_add(1);
  };
  std::vector<std::thread> thieves;
  for (int i = 0; i < 3; ++i) {
    thieves.emplace_back([&] {
      LocalQueue mine;
      while (!done.load() || owner.has_stealable()) {
        if (TaskHeader* t = owner.steal_into(mine)) {
          take(t);
          while (TaskHeader* u = mine.pop()) take(u);
        } else {
          std::this_thread::yield();  // as a worker would park, not spin
        }
      }
    });
  }
  std::size_t next = 0;
  while (next < kTasks) {
    bool progress = false;
    for (int k = 0; k < 3 && next < kTasks; ++k) {
      if (!owner.push(&tasks[next])) break;  // full, or a thief still copies
      ++next;
      progress = true;
    }
    if (TaskHeader* t = owner.pop()) {
      take(t);
      progress = true;
    }
    // Full and nothing poppable: a preempted thief holds slots; let it run.
    if (!progress) std::this_thread::yield();
  }
  while (TaskHeader* t = owner.pop()) take(t);
  done.store(true);
  for (auto& t : thieves) t.join();
  while (TaskHeader* t = owner.pop()) take(t);
  EXPECT_EQ(taken.load(), kTasks);
  std::size_t bad = 0;
  for (auto& s : seen) bad += s.load() != 1;
  EXPECT_EQ(bad, 0u);
}
#else
PRT_SKIPPED_TEST(WorkersLocalQueueStress, OwnerAndThievesNeverLoseOrDuplicate)
#endif

}  // namespace
