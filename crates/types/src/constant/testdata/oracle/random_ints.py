"""Random integer and string scripts for a differential run (see
../README.md): python3 random_ints.py SEED."""
import random, sys, binascii
random.seed(int(sys.argv[1]))
out = []
def iv():
    r = random.random()
    if r < 0.3: s = "I:" + str(random.randint(0, 300))
    elif r < 0.6: s = "I:" + str(random.randint(0, 2**64))
    elif r < 0.8: s = "I:" + str(random.choice([2**63, 2**63-1, 2**64-1, 2**64, 2**31, 2**32-1]))
    else: s = "I:" + str(random.randint(0, 2**random.randint(64, 700)))
    if random.random() < 0.4: s += " neg"
    return s
for _ in range(20000):
    r = random.random()
    if r < 0.6:
        op = random.choice(["+", "-", "*", "&", "|", "^", "&^", "//", "%", "/", "==", "<", ">", "!="])
        out.append(f"{iv()} {iv()} {op}")
    elif r < 0.8:
        out.append(f"{iv()} " + random.choice(["<<", ">>"]) + str(random.randint(0, 1100)))
    elif r < 0.9:
        out.append(f"{iv()} not@" + str(random.choice([0, 8, 16, 32, 64])))
    else:
        out.append(f"{iv()} repr:" + random.choice("int8 int16 int32 int64 int uint8 uint16 uint32 uint64 uint uintptr float32 float64 complex64".split()))
def rs():
    chars = []
    for _ in range(random.randint(0, 90)):
        r = random.random()
        if r < 0.5: chars.append(random.choice("abcxyz0 ~!"))
        elif r < 0.6: chars.append(random.choice(["\\n", "\\t", "\\\\", "\\\"", "\\a", "\\x00", "\\x7f", "\\xff", "\\x80", "\\u00ad", "\\u2028", "\\U0001F600", "\\U000E0001", "\\377", "\\u0378"]))
        else: chars.append(chr(random.choice([0xe9, 0x4e16, 0x1f600, 0xa0, 0x300, 0x2028, 0xfeff, 0x10ffff - 2, 0x378, 0x061c])))
    return '"' + "".join(chars) + '"'
for _ in range(4000):
    out.append("SX:" + binascii.hexlify(rs().encode()).decode())
    a = "SX:" + binascii.hexlify(rs().encode()).decode()
    b = "SX:" + binascii.hexlify(rs().encode()).decode()
    out.append(f"{a} {b} " + random.choice(["+", "<", "==", ">="]))
sys.stdout.write("\n".join(out) + "\n")
