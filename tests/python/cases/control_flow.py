# if / while / for / break / continue / else.
# --- if elif else
for v in (5, 15, 25):
    if v < 10:
        print(v, "small")
    elif v < 20:
        print(v, "medium")
    else:
        print(v, "large")
# --- while with a counter
i = 0
while i < 3:
    print("while", i)
    i += 1
# --- break
for i in range(10):
    if i == 3:
        break
    print("for", i)
# --- continue
for i in range(6):
    if i % 2:
        continue
    print("even", i)
# --- for-else runs when no break
for i in range(3):
    pass
else:
    print("no break")
# --- for-else skipped on break
for i in range(3):
    if i == 1:
        break
else:
    print("not printed")
print("after break", i)
# --- while-else
n = 0
while n < 2:
    n += 1
else:
    print("while done", n)
# --- nested loops with break
for a in range(3):
    for b in range(3):
        if b == 2:
            break
        print(a, b)
# --- pass
if True:
    pass
print("pass ok")
# --- loop over a dict
for key in {"x": 1, "y": 2}:
    print(key)
# --- range with step
print(list(range(10, 0, -3)))
# --- empty loop body never runs
for _ in []:
    print("never")
print("end")
