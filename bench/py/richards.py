"""An operating-system scheduler simulation in the manner of Martin
Richards' benchmark: six tasks (an idle task, a worker, two handlers, two
devices) of different priorities pass packets to each other through a
priority scheduler; tasks wait for packets, hold themselves and release
each other. Each round simulates IDLE_COUNT idle steps and checks the
number of packets queued and of holds. Stresses method calls (virtual,
through single inheritance), attribute reads and writes on instances,
linked lists of objects, None tests.

    python3 richards.py [ROUNDS]
"""
import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE = 0
KIND_WORK = 1
BUFSIZE = 4
IDLE_COUNT = 10000
EXPECTED_QUEUED = 23246
EXPECTED_HOLDS = 9297


class Packet:
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE


def append_packet(pkt, queue):
    """Puts pkt at the end of the queue that starts at `queue`; returns the
    new head."""
    pkt.link = None
    if queue is None:
        return pkt
    last = queue
    while last.link is not None:
        last = last.link
    last.link = pkt
    return queue


class Task:
    """A task control block; subclasses say what the task does in step()."""

    def __init__(self, os, ident, priority, queue, waiting):
        self.os = os
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.waiting = waiting
        self.held = False
        # the scheduler's list, highest priority first: tasks are made in
        # increasing priority and pushed on the front
        self.next = os.tasks
        os.tasks = self
        os.table[ident] = self

    def blocked(self):
        return self.held or (self.waiting and self.queue is None)

    def take_packet(self):
        if self.waiting and self.queue is not None:
            pkt = self.queue
            self.queue = pkt.link
            self.waiting = False
            return pkt
        return None

    def receive(self, pkt, sender):
        """pkt arrives from sender; returns the task to run next."""
        if self.queue is None:
            self.queue = pkt
            if self.priority > sender.priority:
                return self
        else:
            append_packet(pkt, self.queue)
        return sender

    def step(self, pkt):
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, os, ident, priority, count):
        super().__init__(os, ident, priority, None, False)
        self.seed = 1
        self.count = count

    def step(self, pkt):
        self.count -= 1
        if self.count == 0:
            return self.os.hold_current()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.os.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.os.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, os, ident, priority, queue):
        super().__init__(os, ident, priority, queue, True)
        self.target = HANDLER_A
        self.letter = 0

    def step(self, pkt):
        if pkt is None:
            return self.os.wait_current()
        self.target = HANDLER_B if self.target == HANDLER_A else HANDLER_A
        pkt.dest = self.target
        pkt.datum = 0
        data = pkt.data
        for i in range(BUFSIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            data[i] = 64 + self.letter
        return self.os.send(pkt)


class HandlerTask(Task):
    def __init__(self, os, ident, priority, queue):
        super().__init__(os, ident, priority, queue, True)
        self.work = None
        self.devices = None

    def step(self, pkt):
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work = append_packet(pkt, self.work)
            else:
                self.devices = append_packet(pkt, self.devices)
        work = self.work
        if work is not None:
            pos = work.datum
            if pos >= BUFSIZE:
                self.work = work.link
                return self.os.send(work)
            dev = self.devices
            if dev is not None:
                self.devices = dev.link
                dev.datum = work.data[pos]
                work.datum = pos + 1
                return self.os.send(dev)
        return self.os.wait_current()


class DeviceTask(Task):
    def __init__(self, os, ident, priority):
        super().__init__(os, ident, priority, None, True)
        self.pending = None
        self.output = 0

    def step(self, pkt):
        if pkt is None:
            pkt = self.pending
            if pkt is None:
                return self.os.wait_current()
            self.pending = None
            return self.os.send(pkt)
        self.pending = pkt
        self.output = (self.output * 7 + pkt.datum) % 65521
        return self.os.hold_current()


class System:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 6
        self.current = None
        self.queued = 0
        self.holds = 0

    def wait_current(self):
        self.current.waiting = True
        return self.current

    def hold_current(self):
        self.holds += 1
        self.current.held = True
        return self.current.next

    def release(self, ident):
        task = self.table[ident]
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def send(self, pkt):
        """Queues pkt for the task it is addressed to, marked as coming
        from the current task."""
        task = self.table[pkt.dest]
        self.queued += 1
        pkt.link = None
        pkt.dest = self.current.ident
        return task.receive(pkt, self.current)

    def run(self):
        task = self.tasks
        while task is not None:
            if task.blocked():
                task = task.next
            else:
                self.current = task
                task = task.step(task.take_packet())


def setup(os):
    IdleTask(os, IDLE, 0, IDLE_COUNT)
    work = Packet(None, 0, KIND_WORK)
    work = Packet(work, 0, KIND_WORK)
    WorkerTask(os, WORKER, 1000, work)
    for ident, device, priority in ((HANDLER_A, DEVICE_A, 2000), (HANDLER_B, DEVICE_B, 3000)):
        q = None
        for _ in range(3):
            q = Packet(q, device, KIND_DEVICE)
        HandlerTask(os, ident, priority, q)
    DeviceTask(os, DEVICE_A, 4000)
    DeviceTask(os, DEVICE_B, 5000)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    ok = 0
    out = 0
    for _ in range(rounds):
        os = System()
        setup(os)
        os.run()
        if os.queued == EXPECTED_QUEUED and os.holds == EXPECTED_HOLDS:
            ok += 1
        else:
            print(f"wrong counts: queued {os.queued}, holds {os.holds}")
        out = (out + os.table[DEVICE_A].output * 3 + os.table[DEVICE_B].output) % 1000003
    print(f"richards rounds={rounds} correct={ok}")
    print(f"queued per round: {os.queued}, holds per round: {os.holds}")
    print(f"checksum: {out}")


main()
