import os


def numbers():
    yield 1
    print(f"{1j}")


async def fetch():
    pass


with open("x") as f:
    pass

total = sum(x async for x in numbers())
z = 1j
match z:
    case _:
        pass


class C(int, str):
    pass
