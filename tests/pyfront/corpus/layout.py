# Indentation with spaces and tabs, blank lines, comments at every depth,
# backslash continuations, brackets across lines, semicolons.
import os; import sys


def f(a,
      b=1,   # a comment inside brackets

      *args):
    if a:
        return \
            a + \
            b
    # a comment at the block's depth
        # a comment deeper than the block
# a comment at column 0 inside the block
    for x in [
        1,
            2,
    3]:
        pass
    else:
	    pass  # a tab then spaces, consistently
    while False: pass
    return {
        'k': (lambda: [
            None
        ])
    }


class C:
    x = 1
	
    def m(self): return self.x
