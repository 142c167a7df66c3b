#!/usr/bin/env python3
"""Each README that shows an example quotes it verbatim from tests/readme_examples/, so the code a
reader copies is the code a test builds and runs. Fails (exit 1) when a README's ```cpp block after
the line `<!-- example: tests/readme_examples/NAME.cpp -->` differs from that file."""
import re
import sys

root = sys.argv[1]
failures = 0
for readme in ["lib/README.md", "sde/README.md", "problems/README.md", "notebooks/README.md"]:
    text = open(f"{root}/{readme}", encoding="utf-8").read()
    blocks = re.findall(r"<!-- example: (\S+) -->\n```cpp\n(.*?)```", text, re.S)
    if not blocks:
        print(f"{readme}: no quoted example")
        failures += 1
    for path, block in blocks:
        if open(f"{root}/{path}", encoding="utf-8").read() != block:
            print(f"{readme}: the example differs from {path}")
            failures += 1
print("readme examples:", "FAILED" if failures else "quoted verbatim")
sys.exit(1 if failures else 0)
