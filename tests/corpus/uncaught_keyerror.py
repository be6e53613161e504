# Ends with an uncaught KeyError: exit status 1, traceback on stderr.
inventory = {"apples": 3, "pears": 0}

def take(item, n):
    have = inventory[item]
    if have < n:
        raise ValueError("not enough %s" % item)
    inventory[item] = have - n
    return inventory[item]

print(take("apples", 1))
try:
    take("pears", 1)
except ValueError as e:
    print("handled:", e)
try:
    take("plums", 1)
except KeyError as e:
    print("handled KeyError:", e)
for k in sorted(inventory):
    print(k, inventory[k])
print("about to fail")
print(inventory["bananas"])
print("never printed")
