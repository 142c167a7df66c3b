#!/usr/bin/env python3
"""Every integrator of sde/integrators/ is in sde::AllIntegrators (sde/integrators/all.hpp), the one
type list from which the typed test suites (contract, allocation, strong order) and the benchmark
sweeps take the integrators. A C++ type list cannot be generated from the headers, so adding an
integrator is its header plus one entry there (sde/README.md); this check fails when the entry is
forgotten. An integrator is a class of sde/integrators/*.hpp that declares `kName`.

Usage: check_integrator_list.py [SOURCE_DIR]      (default: the repository holding this script)
"""
import os
import re
import sys

CLASS = re.compile(r"^(?:class|struct)\s+(\w+)\b[^;]*$", re.M)
NAME = re.compile(r"static\s+constexpr\s+[\w:]+\s+kName\s*=")
TYPE_LIST = re.compile(r"using\s+AllIntegrators\s*=\s*TypeList<([^>]*)>", re.S)


def integrators_declared(folder):
    for file in sorted(os.listdir(folder)):
        if not file.endswith(".hpp") or file == "all.hpp":
            continue
        text = open(os.path.join(folder, file), encoding="utf-8").read()
        for match in NAME.finditer(text):
            classes = CLASS.findall(text[:match.start()])
            if classes:
                yield file, classes[-1]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folder = os.path.join(root, "sde", "integrators")
    listed = TYPE_LIST.search(open(os.path.join(folder, "all.hpp"), encoding="utf-8").read())
    names = {name.strip() for name in listed.group(1).split(",")} if listed else set()
    declared = list(integrators_declared(folder))
    problems = [f"sde/integrators/{file}: {name} is not in AllIntegrators (sde/integrators/all.hpp)"
                for file, name in declared if name not in names]
    for problem in problems:
        print(problem)
    print(f"integrator list: {len(declared)} integrators declared, {len(names)} listed:",
          "FAILED" if problems else "every integrator is listed")
    return 1 if problems or not declared else 0


if __name__ == "__main__":
    sys.exit(main())
