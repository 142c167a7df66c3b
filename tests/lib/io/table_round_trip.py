#!/usr/bin/env python3
"""TableWriter's CSV reads back, through pandas (what the notebooks use) and Python's csv module,
to exactly the text written: fields holding a comma, a double quote or a line break (LF, CR LF, CR)
are quoted as RFC 4180 says (the field in double quotes, inner quotes doubled), and every other
field (spaces and non-ASCII text included) is written as is, so tables without such fields keep
their bytes.

Usage: table_round_trip.py TABLE_ROUND_TRIP_WRITER SCRATCH_DIR
"""
import csv
import os
import subprocess
import sys

import pandas

FIELDS = ["sgd", "a,b", 'say "hi"', '"', ",", "two\nlines", "crlf\r\nend", "cr\ronly", '","', "  spaced  ",
          "gd, sgd, \"label-noise\"\n", "", "é ≤ κ"]
PLAIN = {"sgd", "  spaced  ", "", "é ≤ κ"}  # nothing to quote: written as is


def main():
    writer, scratch = sys.argv[1], sys.argv[2]
    os.makedirs(scratch, exist_ok=True)
    fields_file, table = os.path.join(scratch, "fields.bin"), os.path.join(scratch, "table.csv")
    with open(fields_file, "wb") as out:
        out.write("\0".join(FIELDS).encode("utf-8"))
    subprocess.run([writer, fields_file, table], check=True)
    failures = []

    try:
        frame = pandas.read_csv(table, dtype=str, keep_default_na=False)
        if list(frame.columns) != ["text", "row", 'value, "quoted"\nname']:
            failures.append(f"pandas: columns {list(frame.columns)!r}")
        elif list(frame["text"]) != FIELDS or list(frame["row"]) != [str(i) for i in range(len(FIELDS))]:
            failures.append(f"pandas: rows {frame.values.tolist()!r}")
    except (ValueError, pandas.errors.ParserError) as error:
        failures.append(f"pandas: {error}")

    try:
        with open(table, newline="", encoding="utf-8") as text:
            rows = list(csv.reader(text, strict=True))
        if [row[0] for row in rows[1:]] != FIELDS or any(len(row) != 3 for row in rows):
            failures.append(f"csv module: {rows!r}")
    except csv.Error as error:
        failures.append(f"csv module: {error}")

    raw = open(table, encoding="utf-8", newline="").read()
    for index, field in enumerate(FIELDS):
        if field in PLAIN and f"\n{field},{index},0.5\n" not in raw:
            failures.append(f"plain field {field!r} not written as is")
    for failure in failures:
        print(failure)
    print("table round trip:", "FAILED" if failures else f"{len(FIELDS)} fields read back exactly")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
