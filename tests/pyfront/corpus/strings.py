# Every string form the lexer knows: prefixes in any case, quotes,
# triple quotes, escapes, line continuations inside strings, f-strings.
a = 'single' "double" '''triple single''' """triple double"""
b = r'raw \d' R"raw \"quote", rb'\x00' Rb"x" bR'y' BR"z" br'w'
c = u'unicode' U"UNICODE", b'bytes' B"BYTES"
d = f'{a}' F"{b!r}" fr'{c}\d' Rf"{d!s:>10}" rF'{a=}' FR"{a!a:{width}.{precision}}"
e = 'escapes: \n \t \\ \' \" \x41 \101 \u00e9 \U0001F600 \N{EM DASH}'
f = 'a line \
continued inside a string'
g = """a
multi-line
string with 'quotes' and "quotes" and \""" inside"""
h = ('implicit'
     "concatenation"
     f'{a}' 'mixed')
i = f"{'nested' + f'{a}'}" f'{{literal braces}}' f"{x:{'>'}{10}}"
j = ''
k = """"""
l = b''
