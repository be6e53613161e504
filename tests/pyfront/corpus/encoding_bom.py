# A UTF-8 file with a BOM.
s = "é"
