import os


def numbers():
    yield 1


async def fetch():
    pass


with open("x") as f:
    pass

total = sum(x for x in range(3))
z = 1j
match z:
    case _:
        pass


class C(int, str):
    pass
