# CPython rejects this file: ast-parity must count it "rejected by both".
def f(:
    pass
