"""The asyncio gather / wait / shield / TaskGroup scenarios that
tests/rt/combinators_test.cpp replays.

Run with CPython 3.11: `python3.11 tests/rt/asyncio/combinator_scenarios.py`.
Each scenario prints its name and the events in the order CPython produced
them; the C++ tests assert the same sequences on the single-threaded
executor. A ticker task logs every turn of the ready queue, which makes the
turn at which the caller of a combinator resumes visible.
"""
import asyncio


async def ticker(log, n):
    for i in range(n):
        log.append(f"tick {i}")
        await asyncio.sleep(0)


async def child(log, name, turns, fail=False):
    try:
        for _ in range(turns):
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise
    if fail:
        log.append(f"{name} fails")
        raise ValueError(name)
    log.append(f"{name} done")
    return name


async def gather_turns(log):
    t = asyncio.create_task(ticker(log, 7))
    r = await asyncio.gather(child(log, "a", 2), child(log, "b", 0), child(log, "c", 1),
                             return_exceptions=True)
    log.append(f"gather -> {' '.join(r)}")
    await t


async def gather_first_error(log):
    try:
        await asyncio.gather(child(log, "a", 3), child(log, "b", 1, fail=True), child(log, "c", 2))
    except ValueError as e:
        log.append(f"gather raised {e}")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log.append("main end")


async def gather_cancelled(log):
    g = asyncio.ensure_future(asyncio.gather(child(log, "a", 5), child(log, "b", 5)))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        log.append("gather cancelled")


async def wait_first_completed(log):
    tasks = [asyncio.create_task(child(log, n, k)) for n, k in (("a", 5), ("b", 1), ("c", 1))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    log.append(f"done {' '.join(sorted(t.result() for t in done))}, pending {len(pending)}")
    done, pending = await asyncio.wait(pending)
    log.append(f"done {' '.join(sorted(t.result() for t in done))}, pending {len(pending)}")


async def shield_outer_cancelled(log):
    inner = child(log, "inner", 3)
    outer = asyncio.ensure_future(asyncio.shield(inner))
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        log.append("outer cancelled")
    for _ in range(4):
        await asyncio.sleep(0)
    log.append("main end")


async def taskgroup_first_error(log):
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(child(log, "a", 4))
            g.create_task(child(log, "b", 1, fail=True))
            g.create_task(child(log, "c", 0))
            try:
                await asyncio.sleep(0)
                await asyncio.sleep(0)
                await asyncio.sleep(0)
                log.append("body end")
            except asyncio.CancelledError:
                log.append("body cancelled")
                raise
    except* ValueError as eg:
        log.append(f"group raised {len(eg.exceptions)} ValueError")
    log.append(f"main cancelling {asyncio.current_task().cancelling()}")


async def taskgroup_ok(log):
    t = asyncio.create_task(ticker(log, 6))
    async with asyncio.TaskGroup() as g:
        g.create_task(child(log, "a", 2))
        g.create_task(child(log, "b", 0))
        log.append("body end")
    log.append("group done")
    await t


async def main():
    for scenario in (gather_turns, gather_first_error, gather_cancelled, wait_first_completed,
                     shield_outer_cancelled, taskgroup_first_error, taskgroup_ok):
        log = []
        await scenario(log)
        print(scenario.__name__)
        for e in log:
            print("  " + e)


asyncio.run(main())
