# -*- coding: latin-1 -*-
# A latin-1 file: éèê
s = "café"
