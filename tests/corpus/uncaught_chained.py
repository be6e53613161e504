# An uncaught exception raised while handling another, several calls deep:
# the traceback prints both exceptions, each with all of its frames.
class Ledger:
    def __init__(self, entries):
        self.entries = entries

    def balance(self):
        total = 0
        for name, amount in self.entries:
            total += self.parse(name, amount)
            print("running total", total)
        return total

    def parse(self, name, amount):
        try:
            return int(amount)
        except ValueError:
            return self.recover(name, amount)

    def recover(self, name, amount):
        print("recovering", name, repr(amount))
        fixed = amount.strip().replace(",", "")
        if fixed.isdigit():
            return int(fixed)
        return lookup_default(name)

DEFAULTS = {"rent": 1200, "food": 300}

def lookup_default(name):
    print("looking up", name)
    return DEFAULTS[name]

def report(entries):
    ledger = Ledger(entries)
    value = ledger.balance()
    print("balance", value)
    return value

def main():
    report([("rent", "1200"), ("food", " 3,00 ")])
    print("first report done")
    report([("rent", "1,200"), ("fuel", "n/a"), ("never", "1")])
    print("not reached")

main()
