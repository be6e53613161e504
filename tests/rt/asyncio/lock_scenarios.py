"""The asyncio.Lock scenarios that tests/rt/sync_mutex_test.cpp replays.

Run with CPython 3.11: `python3.11 tests/rt/asyncio/lock_scenarios.py`. Each
scenario prints its name and the events in the order CPython produced them;
the C++ tests assert the same sequences on the single-threaded executor.
"""
import asyncio


async def fifo(log):
    # Three tasks queue for a held lock; each holds it across an await.
    lock = asyncio.Lock()

    async def worker(name):
        log.append(f"{name} wants")
        async with lock:
            log.append(f"{name} got")
            await asyncio.sleep(0)
            log.append(f"{name} releases")

    await asyncio.gather(*(asyncio.create_task(worker(n)) for n in "abc"))


async def no_barging(log):
    # a releases and asks again at once: b, woken first, gets it first.
    lock = asyncio.Lock()

    async def a():
        await lock.acquire()
        log.append("a got")
        await asyncio.sleep(0)
        lock.release()
        log.append("a released")
        await lock.acquire()
        log.append("a got again")
        lock.release()

    async def b():
        log.append("b wants")
        await lock.acquire()
        log.append("b got")
        lock.release()
        log.append("b released")

    await asyncio.gather(asyncio.create_task(a()), asyncio.create_task(b()))


def cancellable_waiter(lock, log):
    async def waiter(name):
        log.append(f"{name} wants")
        try:
            await lock.acquire()
        except asyncio.CancelledError:
            log.append(f"{name} cancelled")
            raise
        log.append(f"{name} got")
        lock.release()

    return waiter


async def cancel_waiting(log):
    # b is cancelled while queued; the lock goes to c.
    lock = asyncio.Lock()
    await lock.acquire()

    waiter = cancellable_waiter(lock, log)

    tb = asyncio.create_task(waiter("b"))
    tc = asyncio.create_task(waiter("c"))
    await asyncio.sleep(0)
    tb.cancel()
    log.append("main cancelled b")
    await asyncio.sleep(0)
    lock.release()
    log.append("main released")
    await asyncio.gather(tb, tc, return_exceptions=True)


async def cancel_after_wake(log):
    # The release wakes b, but b is cancelled before it runs: c gets the lock.
    lock = asyncio.Lock()
    await lock.acquire()

    waiter = cancellable_waiter(lock, log)

    tb = asyncio.create_task(waiter("b"))
    tc = asyncio.create_task(waiter("c"))
    await asyncio.sleep(0)
    lock.release()
    tb.cancel()
    log.append("main released and cancelled b")
    await asyncio.gather(tb, tc, return_exceptions=True)
    log.append(f"locked {lock.locked()}")


for scenario in (fifo, no_barging, cancel_waiting, cancel_after_wake):
    log = []
    asyncio.run(scenario(log))
    print(scenario.__name__)
    for event in log:
        print("  " + event)
