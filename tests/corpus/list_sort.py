# Sorting: key, reverse, stability.
nums = [5, 2, 9, 1, 5, 6, -3, 0]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ["banana", "Apple", "cherry", "date", "Elder", "fig", "apple"]
print(sorted(words))
print(sorted(words, key=len))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, key=len, reverse=True))

records = [("alice", 30, 88.5), ("bob", 25, 92.0), ("carol", 30, 75.0), ("dave", 25, 92.0), ("eve", 35, 60.0)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: (-r[2], r[0])))
by_age = sorted(records, key=lambda r: r[0], reverse=True)
by_age.sort(key=lambda r: r[1])
print([r[0] for r in by_age])

pairs = [(1, "b"), (1, "a"), (0, "z"), (2, "a"), (0, "a")]
pairs.sort()
print(pairs)
print(sorted([[3, 1], [2], [2, 0], [], [3]]))
print(sorted([3.5, 1, 2.25, -1, 0.0, True]))
print(sorted("hello world"))
print(sorted({3: "c", 1: "a", 2: "b"}))
print(sorted({5, 1, 3}, reverse=True))
print(sorted([], key=len), sorted([1]))

class Item:
    def __init__(self, name, weight):
        self.name = name
        self.weight = weight
    def __lt__(self, other):
        return self.weight < other.weight
    def __repr__(self):
        return "Item(%s,%d)" % (self.name, self.weight)

items = [Item("a", 3), Item("b", 1), Item("c", 2), Item("d", 1)]
print(sorted(items))
print(min(items), max(items))
items.sort(key=lambda it: it.name, reverse=True)
print(items)

big = [(i * 7919) % 101 for i in range(60)]
print(sorted(big)[:15], sorted(big)[-5:])
print(big == sorted(big), sorted(sorted(big)) == sorted(big))
r = list(reversed(sorted(big)))
print(r[:5])
data = [("x", 2), ("y", 1), ("z", 2), ("w", 1)]
print(sorted(data, key=lambda t: t[1]))
print(sorted(data, key=lambda t: t[1], reverse=True))
try:
    sorted([1, "2", 3])
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([Item("x", 1), 5])
except TypeError as e:
    print("TypeError:", e)
