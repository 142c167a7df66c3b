#!/usr/bin/env python3
"""Every study on disk is one the program knows: each notebooks/<folder>/experiment.cpp that makes an
Experiment (`make_experiment<Options>("name", ...)`) must appear in `sgdbias list`, and `sgdbias list`
shows nothing else. The studies are registered at build time (cmake/sgdbiasStudies.cmake generates
the index from the folders), so this fails when that registration misses a folder, for example one
given its own CMakeLists.txt or a stale index. The default study is listed first.

Usage: check_study_registry.py SGDBIAS_BINARY SOURCE_DIR [MORE_SOURCE_DIRS...]
(studies are collected from the notebooks/ of every SOURCE_DIR; tests/layout passes a fixture with
one more study folder to show that an unregistered study fails.)
"""
import os
import re
import subprocess
import sys

MAKE_EXPERIMENT = re.compile(r'make_experiment<[^>]*>\(\s*"([^"]+)"')


def studies_on_disk(root):
    notebooks = os.path.join(root, "notebooks")
    for folder in sorted(os.listdir(notebooks)):
        source = os.path.join(notebooks, folder, "experiment.cpp")
        if os.path.isfile(source):
            with open(source, encoding="utf-8") as text:
                for name in MAKE_EXPERIMENT.findall(text.read()):
                    yield f"notebooks/{folder}", name


def listed_studies(binary):
    output = subprocess.run([binary, "list"], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in output.splitlines() if line.strip()], output


def main():
    binary, roots = sys.argv[1], sys.argv[2:]
    on_disk = [study for root in roots for study in studies_on_disk(root)]
    listed, output = listed_studies(binary)
    problems = [f"{folder}: study '{name}' is not in `sgdbias list`" for folder, name in on_disk if name not in listed]
    names = {name for _, name in on_disk}
    problems += [f"`sgdbias list` shows '{name}', which no notebooks/*/experiment.cpp makes" for name in listed
                 if name not in names]
    first = output.splitlines()[0] if output else ""
    if not first.endswith("(default)"):
        problems.append(f"the first line of `sgdbias list` is not the default study: {first!r}")
    for problem in problems:
        print(problem)
    print(f"study registry: {len(on_disk)} studies on disk, {len(listed)} listed:",
          "FAILED" if problems else "every study is registered")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
