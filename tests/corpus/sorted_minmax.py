# sorted/min/max with key and default; stability and ties.
data = [("b", 2), ("a", 2), ("c", 1), ("d", 3), ("e", 1)]
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(min(data, key=lambda p: p[1]), max(data, key=lambda p: p[1]))
print(min(data), max(data))
print(max([1, 3, 3, 2], key=lambda v: v), max([(1, "x"), (1, "y")], key=lambda t: t[0]))
print(min([5, -6, 3], key=abs), max([5, -6, 3], key=abs))
print(min("hello world"), max("hello world"), min(["b", "A", "a"]), max(["b", "A", "a"], key=str.lower))
print(min([], default=None), max((), default=-1), min([7], default=0))
print(min(1, 2.5), max(1, 1.0), max(1.0, 1), min(True, 0), max(False, 0))
print(sorted([3, 1, 2], reverse=True), sorted((5, 4)), sorted("cab"), sorted(range(3, 0, -1)))
print(sorted([-3, 2, -1, 4], key=abs), sorted([-3, 2, -1, 4], key=lambda x: x * x, reverse=True))
words = ["pear", "Fig", "apple", "kiwi", "Banana", "date"]
print(sorted(words), sorted(words, key=len), sorted(words, key=lambda w: w.lower()))
print(max(words, key=len), min(words, key=len), max(words), min(words))
scores = {"ann": 91, "bob": 78, "cy": 91, "di": 85}
print(max(scores, key=scores.get), min(scores, key=scores.get), sorted(scores, key=scores.get))
print(sorted(scores.items(), key=lambda kv: kv[1], reverse=True))
print(sorted([[2, "b"], [1, "z"], [2, "a"], [1, "a"]]))
print(sorted([0.5, -0.5, 0.0, -0.0, 1e-9]))
print(max(range(10), key=lambda i: (i % 3, -i)), min(range(10), key=lambda i: (i % 4, i)))
nums = [4, 8, 15, 16, 23, 42]
print(sum(nums) / len(nums), sorted(nums)[len(nums) // 2], max(nums) - min(nums))
stable = sorted([(1, "first"), (0, "x"), (1, "second"), (0, "y"), (1, "third")], key=lambda t: t[0])
print(stable)
multi = sorted(sorted(words, key=str.lower), key=len)
print(multi)
print(sorted([True, False, True, 0, 1]), max([[1, 2], [1, 2, 0], [0, 9]]))
for bad in [lambda: min([]), lambda: max(), lambda: min(1), lambda: sorted([1, None]), lambda: max([1, "a"])]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
