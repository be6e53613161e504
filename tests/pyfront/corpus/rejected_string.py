# Rejected: a string that never ends.
s = 'abc
