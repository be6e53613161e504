# An uncaught exception raised inside a comprehension, inside a method,
# called from a class body's helper and from module level: the traceback
# names every frame (<listcomp>, the method, <module>).
class Table:
    def __init__(self, rows):
        self.rows = rows

    def widths(self):
        return [len(row[2]) for row in self.rows]


def report(table):
    total = 0
    for width in table.widths():
        total += width
    return total


print(report(Table([(1, 2, "abc"), (3, 4, "de")])))
print(report(Table([(1, 2, "abc"), (3, 4)])))
print("not reached")
