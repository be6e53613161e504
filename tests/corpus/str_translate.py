# str.translate/maketrans, format_map with __missing__, expandtabs,
# isidentifier/isprintable, slot wrappers of builtin types.
t = str.maketrans("abc", "xyz", "d")
print("abcd-abcd".translate(t), "hello".translate({ord("l"): "L", ord("o"): None}))
print("{name} is {age}".format_map({"name": "Ann", "age": 3}))
print("a\tbc\td\n\tx".expandtabs(), "a\tb".expandtabs(3), "x\ty".expandtabs(0))
print("abc".isidentifier(), "1a".isidentifier(), "_x1".isidentifier(), "é".isidentifier(), "".isidentifier())
print("ab\n".isprintable(), "ab".isprintable(), str.maketrans({"a": "b", 99: None}))
print((3).__add__(4), (3).__radd__(4), [1, 2].__len__(), "a".__eq__(1), (1).__lt__(2))
print(int.__add__(3, 4), sorted(["bb", "a"], key=str.__len__))
print("{a} {b}".format_map({"a": 1, "b": [2]}))
