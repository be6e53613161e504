# Integers in every base, with underscores; floats; imaginary numbers.
ints = [0, 00, 0_0, 7, 1_000_000, 0x_fF, 0XdeadBEEF, 0o17, 0O1_7, 0b1, 0B_1_0, 123456789012345678901234567890]
floats = [1., 1.5, .5, 1e10, 1E+1_0, 1.5e-3, 0.0, 00.5, 09.5, 1_0.0_1e1_0, 0e0, 1e-0]
imaginary = [1j, 1.5J, 0j, 1e3j, .5j, 1_0j]
keywords_after_numbers = [1if True else 2, 0x1for x in (), 1in[1], 1is 1, 1or 2, 1and 2, 1not in []]
attribute = 1 .real + 1.0.imag + 0x10.bit_length()
