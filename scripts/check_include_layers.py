#!/usr/bin/env python3
"""The include graph of sgdbias has floors, each including only itself and the floors below it:

    lib  <-  sde  <-  problems  <-  notebooks

(lib/ is the library's ground floor, sde/ the generic SDE layer, problems/ the concrete problems
with the diagonal network's SGF, notebooks/ the program: its framework, the studies, main.cpp).
This script fails (exit 1) on any upward include, on any cycle between folders (two levels deep,
e.g. lib/io <-> lib/monte_carlo), and on program-only headers (JSON, signals) below notebooks/.

Usage: check_include_layers.py [SOURCE_DIR]      (default: the repository holding this script)
"""
import os
import re
import sys

FLOORS = ["lib", "sde", "problems", "notebooks"]
PROGRAM_ONLY_SYSTEM_HEADERS = ["nlohmann/", "csignal", "signal.h"]
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def folder_of(path):
    """Two levels deep: lib/io, sde/integrators, notebooks/cli; a file at a floor's top is its own."""
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else path


def includes_of(root):
    for floor in FLOORS:
        for directory, _, names in os.walk(os.path.join(root, floor)):
            for name in sorted(names):
                if name.endswith((".hpp", ".cpp", ".h")):
                    path = os.path.relpath(os.path.join(directory, name), root)
                    with open(os.path.join(root, path), encoding="utf-8", errors="replace") as text:
                        for number, line in enumerate(text, 1):
                            match = INCLUDE.match(line)
                            if match:
                                yield path, number, match.group(1), match.group(2)


def find_cycle(graph):
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    problems, graph, count = [], {}, 0
    for path, number, kind, target in includes_of(root):
        floor = FLOORS.index(path.split("/")[0])
        if kind == "<":
            if floor < FLOORS.index("notebooks") and any(target.startswith(h) for h in PROGRAM_ONLY_SYSTEM_HEADERS):
                problems.append(f"{path}:{number}: program-only header <{target}> below notebooks/")
            continue
        top = target.split("/")[0]
        if top not in FLOORS:
            continue  # generated headers (sgdbias_build_info.hpp) and third-party code
        count += 1
        if FLOORS.index(top) > floor:
            problems.append(f"{path}:{number}: upward include \"{target}\" ({top}/ is above {FLOORS[floor]}/)")
        source, destination = folder_of(path), folder_of(target)
        if source != destination:
            graph.setdefault(source, set()).add(destination)
    cycle = find_cycle(graph)
    if cycle:
        problems.append("folder cycle: " + " -> ".join(cycle))
    for problem in problems:
        print(problem)
    edges = sum(len(targets) for targets in graph.values())
    print(f"check_include_layers: {count} includes, {len(graph)} folders, {edges} folder edges: "
          + ("FAILED" if problems else "no upward include, no cycle"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
