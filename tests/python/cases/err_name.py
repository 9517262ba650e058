# NameError at module level: the traceback names the file, line and <module>.
print("before")
undefined_name
