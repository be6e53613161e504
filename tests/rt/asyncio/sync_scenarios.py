"""The asyncio Semaphore, Event, Condition and Barrier scenarios that
tests/rt/sync_primitives_test.cpp replays.

Run with CPython 3.11: `python3.11 tests/rt/asyncio/sync_scenarios.py`. Each
scenario prints its name and the events in the order CPython produced them;
the C++ tests assert the same sequences on the single-threaded executor.
"""
import asyncio


async def semaphore_fifo(log):
    # Two permits, four workers holding one across an await.
    sem = asyncio.Semaphore(2)

    async def worker(name):
        log.append(f"{name} wants")
        async with sem:
            log.append(f"{name} got")
            await asyncio.sleep(0)
            log.append(f"{name} releases")

    await asyncio.gather(*(asyncio.create_task(worker(n)) for n in "abcd"))


async def semaphore_chained_wakeup(log):
    # Three waiters on an empty semaphore; two releases in a row hand two
    # permits over before any waiter runs.
    sem = asyncio.Semaphore(0)

    async def waiter(name):
        await sem.acquire()
        log.append(f"{name} got, value {sem._value}")

    tasks = [asyncio.create_task(waiter(n)) for n in "abc"]
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    log.append(f"main released twice, value {sem._value}")
    await asyncio.sleep(0)
    log.append(f"main after yield, locked {sem.locked()}")
    sem.release()
    await asyncio.gather(*tasks)


def cancellable_acquire(sem, log):
    async def waiter(name):
        try:
            await sem.acquire()
        except asyncio.CancelledError:
            log.append(f"{name} cancelled")
            raise
        log.append(f"{name} got")

    return waiter


async def semaphore_cancel_after_handover(log):
    # release() hands the permit to b, then b is cancelled: c gets it.
    sem = asyncio.Semaphore(0)
    waiter = cancellable_acquire(sem, log)
    tb = asyncio.create_task(waiter("b"))
    tc = asyncio.create_task(waiter("c"))
    await asyncio.sleep(0)
    sem.release()
    tb.cancel()
    log.append(f"main released and cancelled b, value {sem._value}")
    await asyncio.gather(tb, tc, return_exceptions=True)
    log.append(f"value {sem._value}")


async def semaphore_cancel_waiting(log):
    # b is cancelled while queued, before any release: the permit goes to c.
    sem = asyncio.Semaphore(0)
    waiter = cancellable_acquire(sem, log)
    tb = asyncio.create_task(waiter("b"))
    tc = asyncio.create_task(waiter("c"))
    await asyncio.sleep(0)
    tb.cancel()
    await asyncio.sleep(0)
    log.append(f"main releases, locked {sem.locked()}")
    sem.release()
    await asyncio.gather(tb, tc, return_exceptions=True)
    log.append(f"value {sem._value}")


async def bounded_over_release(log):
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        log.append(f"ValueError: {e}")
    log.append(f"value {sem._value}")


async def event_wakes_all(log):
    # Three waiters; set() wakes them in order; a clear() right after does
    # not take the wake-up back; a late waiter then waits for the next set().
    ev = asyncio.Event()

    async def waiter(name):
        log.append(f"{name} waits")
        await ev.wait()
        log.append(f"{name} woke, set {ev.is_set()}")

    tasks = [asyncio.create_task(waiter(n)) for n in "abc"]
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    log.append("main set and cleared")
    await asyncio.gather(*tasks)
    late = asyncio.create_task(waiter("d"))
    await asyncio.sleep(0)
    ev.set()
    log.append("main set")
    await late
    await ev.wait()
    log.append("main passed a set event")


async def event_cancel(log):
    ev = asyncio.Event()

    async def waiter(name):
        try:
            await ev.wait()
        except asyncio.CancelledError:
            log.append(f"{name} cancelled")
            raise
        log.append(f"{name} woke")

    tb = asyncio.create_task(waiter("b"))
    tc = asyncio.create_task(waiter("c"))
    await asyncio.sleep(0)
    tb.cancel()
    await asyncio.sleep(0)
    ev.set()
    log.append("main set")
    await asyncio.gather(tb, tc, return_exceptions=True)


async def condition_notify(log):
    # Consumers wait for items; the producer notifies one at a time, then all.
    cond = asyncio.Condition()
    items = []

    async def consumer(name):
        async with cond:
            log.append(f"{name} waits")
            await cond.wait_for(lambda: items)
            log.append(f"{name} took {items.pop(0)}")

    tasks = [asyncio.create_task(consumer(n)) for n in "abc"]
    await asyncio.sleep(0)
    async with cond:
        items.append(1)
        cond.notify()
        log.append("main notified one")
        await asyncio.sleep(0)
        log.append("main still holds the lock")
    await asyncio.sleep(0)
    async with cond:
        items.extend([2, 3])
        cond.notify_all()
        log.append("main notified all")
    await asyncio.gather(*tasks)


async def condition_without_lock(log):
    cond = asyncio.Condition()
    try:
        await cond.wait()
    except RuntimeError as e:
        log.append(f"wait: RuntimeError: {e}")
    try:
        cond.notify()
    except RuntimeError as e:
        log.append(f"notify: RuntimeError: {e}")


async def barrier_round(log):
    barrier = asyncio.Barrier(3)

    async def party(name):
        log.append(f"{name} arrives")
        index = await barrier.wait()
        log.append(f"{name} passes with {index}")

    await asyncio.gather(*(asyncio.create_task(party(n)) for n in "abc"))


for scenario in (semaphore_fifo, semaphore_chained_wakeup, semaphore_cancel_after_handover,
                 semaphore_cancel_waiting, bounded_over_release, event_wakes_all, event_cancel,
                 condition_notify, condition_without_lock, barrier_round):
    log = []
    asyncio.run(scenario(log))
    print(scenario.__name__)
    for event in log:
        print("  " + event)
