"""Random float-heavy scripts for a differential run (see ../README.md):
python3 random_floats.py SEED COUNT."""
import random, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
out = []
def digits(n):
    s = str(random.randint(1, 9)) + "".join(random.choice("0123456789") for _ in range(n - 1))
    return s
def dec_lit():
    n = random.choice([1, 1, 2, 3, 5, 8, 15, 16, 17, 18, 20, 30, 40, 160, 200])
    d = digits(n)
    r = random.random()
    if r < 0.3:
        p = random.randint(0, n)
        d = d[:p] + "." + d[p:]
    if random.random() < 0.1:
        d = d.rstrip("0123456789")[:0] + d  # no-op variety
    er = random.random()
    if er < 0.3:
        e = random.randint(-30, 30)
    elif er < 0.55:
        e = random.randint(-400, 400)
    elif er < 0.7:
        e = random.choice([1, -1]) * random.randint(1200, 1260)
    elif er < 0.8:
        e = random.choice([1, -1]) * random.randint(1, 46) + random.choice([38, -38, -45, 308, -308, -324])
    elif er < 0.93:
        e = random.randint(-2000000, 2000000)
    else:
        e = random.choice([1, -1]) * random.randint(1, 700000000)
    if er >= 0.3 or random.random() < 0.5:
        d += "e" + str(e)
    if "." not in d and "e" not in d:
        d += ".0"
    return "F:" + d
def hex_lit():
    n = random.choice([1, 2, 4, 13, 14, 20, 130, 140])
    h = random.choice("123456789abcdef") + "".join(random.choice("0123456789abcdef") for _ in range(n - 1))
    if random.random() < 0.5:
        p = random.randint(0, n)
        h = h[:p] + "." + h[p:]
        if h.endswith(".") and h.startswith("."):
            h = "1"
    er = random.random()
    if er < 0.4:
        e = random.randint(-200, 200)
    elif er < 0.7:
        e = random.choice([1, -1]) * random.randint(1000, 1200) + random.choice([0, -52, 52, -100])
    elif er < 0.85:
        e = random.choice([1, -1]) * random.randint(4000, 4200)
    else:
        e = random.randint(-8000000, 8000000)
    return "F:0x" + h + "p" + str(e)
def int_lit():
    r = random.random()
    if r < 0.5:
        return "I:" + str(random.randint(0, 1000))
    if r < 0.8:
        return "I:" + digits(random.randint(1, 25))
    return "I:" + digits(random.randint(25, 200))
def value(depth=0):
    r = random.random()
    if r < 0.4:
        v = dec_lit()
    elif r < 0.55:
        v = hex_lit()
    elif r < 0.75:
        v = int_lit()
    elif r < 0.85 and depth < 2:
        v = value(depth + 1) + " " + value(depth + 1) + " " + random.choice(["+", "-", "*", "/"])
    else:
        v = int_lit() + " " + int_lit() + " /"
    if random.random() < 0.2:
        v += " neg"
    if random.random() < 0.05:
        v = v + " " + value(depth + 1) + " +" if depth < 2 else v
    return v
finals = ["", "", "", " toint", " f64val", " f32val", " repr:float32", " repr:float64", " repr:int64", " repr:uint64", " num", " denom", " sign", " tofloat"]
for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 20000):
    r = random.random()
    if r < 0.5:
        out.append(value() + random.choice(finals))
    elif r < 0.8:
        out.append(value() + " " + value() + " " + random.choice(["+", "-", "*", "/", "==", "<", ">="]))
    else:
        out.append(value() + " " + value() + " " + random.choice(["+", "*", "/"]) + " mkimag " + value() + " + " + value() + " " + random.choice(["*", "/", "+", "-"]))
# %.6g rounding boundaries
for _ in range(3000):
    k = random.randint(1, 7)
    base = random.choice(["9" * k + "5", "1" + "0" * k + "5", digits(6) + "5", digits(6) + "49999", digits(6) + "50001", digits(7)])
    p = random.randint(0, len(base))
    out.append("F:" + base[:p] + "." + base[p:] + "e" + str(random.randint(-8, 8)))
# denormals / float32 edges
for _ in range(3000):
    out.append("F:0x1." + "".join(random.choice("0123456789abcdef") for _ in range(random.randint(1, 16))) + "p" + str(random.randint(-1100, -1000) if random.random() < 0.5 else random.randint(-160, -120)) + random.choice([" f64val", " f32val", " repr:float32", " repr:float64"]))
sys.stdout.write("\n".join(out) + "\n")
