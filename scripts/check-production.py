#!/usr/bin/env python3
"""Checks a production folder written by `dossier produce` with tools other than Dossier.

- The DAT is read by Python's csv module with Concordance's delimiters (U+0014 between
  fields, þ around them); the OPT as plain CSV.
- The Bates ranges of the DAT, the OPT and the stamps agree: each DAT row's pages are the
  OPT's lines for its image, in order, with no gap or overlap between documents, and
  pdftotext finds page N's stamp on page N of the image.
- Every PDF passes `qpdf --check`.

Usage: scripts/check-production.py OUT   (exit 1 and a line per problem if any)
"""

import csv
import subprocess
import sys
from pathlib import Path


def main(out: Path) -> int:
    problems = []
    with open(out / "DATA/production.dat", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter="\x14", quotechar="\xfe"))
    header, rows = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    with open(out / "DATA/production.opt", newline="") as f:
        opt = list(csv.reader(f))
    by_image = {}
    for line in opt:
        by_image.setdefault(line[2], []).append(line)
    previous = None
    pages = 0
    for row in rows:
        begin, end = row[col["BEGBATES"]], row[col["ENDBATES"]]
        prefix = begin.rstrip("0123456789")
        first, last = int(begin[len(prefix):]), int(end[len(prefix):])
        if previous is not None and first != previous + 1:
            problems.append(f"{begin}: follows {previous}, a gap or an overlap")
        previous = last
        image = f"IMAGES\\{begin}.pdf"
        lines = by_image.get(image, [])
        wanted = [f"{prefix}{n:0{len(begin) - len(prefix)}d}" for n in range(first, last + 1)]
        if [l[0] for l in lines] != wanted:
            problems.append(f"{begin}: the OPT lists {[l[0] for l in lines]}, the DAT {begin}-{end}")
        if lines and (lines[0][3] != "Y" or lines[0][6] != str(len(wanted))):
            problems.append(f"{begin}: the OPT's first line is not a document break of {len(wanted)} pages")
        pdf = out / "IMAGES" / f"{begin}.pdf"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        stamped = [p for p in text.split("\f") if p.strip()]
        if len(stamped) != len(wanted):
            problems.append(f"{begin}: {len(stamped)} pages of text, {len(wanted)} Bates numbers")
        for n, (page, bates) in enumerate(zip(stamped, wanted), 1):
            if bates not in page:
                problems.append(f"{begin}: page {n} does not show {bates}")
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        if check.returncode != 0:
            problems.append(f"{begin}: qpdf --check: {check.stdout.strip()[-200:]}")
        pages += len(wanted)
    for p in problems:
        print(p)
    print(f"{len(rows)} documents, {pages} pages, {len(opt)} OPT lines: "
          f"{'all agree' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
