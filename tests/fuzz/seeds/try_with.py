try:
    pass
except* (A, B) as e:
    raise
finally:
    pass
with (open(a) as b, open(c) as d,):
    pass
