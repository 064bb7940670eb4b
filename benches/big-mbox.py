"""Writes a large mbox of unique messages, mboxrd-quoted, from every message file under SRC.

usage: python3 benches/big-mbox.py SRC OUT MB [MAX_MESSAGES]

Each copy of a message gets an X-Bench-Copy header, so that none is deduplicated away. Stops
at MB megabytes or, when given, MAX_MESSAGES messages, whichever comes first; prints the
number of messages written on stderr. Used by email-vs-python.sh and serve-latency.sh, so
both measure the same ~1 GB, ~302,000-message mailbox.
"""
import os, re, sys

src, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
most = int(sys.argv[4]) if len(sys.argv) > 4 and int(sys.argv[4]) > 0 else None
msgs = []
for root, _, files in os.walk(src):
    for name in sorted(files):
        if name.endswith((".json", ".csv", ".txt", ".mbox")) or name.startswith("COPYING"):
            continue
        with open(os.path.join(root, name), "rb") as f:
            data = f.read()
        if data.startswith(b"From "):
            data = data.split(b"\n", 1)[-1]
        data = re.sub(rb"(?m)^(>*From )", rb">\1", data)
        msgs.append(data if data.endswith(b"\n") else data + b"\n")
target, written, copy = mb * 1024 * 1024, 0, 0
with open(out, "wb") as f:
    while written < target and (most is None or copy < most):
        for m in msgs:
            chunk = b"From bench@example.org Mon Jan  1 00:00:00 2001\nX-Bench-Copy: %d\n" % copy + m + b"\n"
            f.write(chunk)
            written += len(chunk)
            copy += 1
            if written >= target or (most is not None and copy >= most):
                break
print(copy, file=sys.stderr)
