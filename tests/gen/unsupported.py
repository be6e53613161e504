import os


def numbers():
    yield 1
    print(f"{1j}", system.settrace)


async def fetch():
    pass


from sys import getsizeof
import sys as system

total = sum(x async for x in numbers())
z = 1j
match z:
    case _:
        pass


class C(int, str):
    pass


class Hooked:
    __slots__ = ("a",)

    def __setattr__(self, name, value):
        pass
