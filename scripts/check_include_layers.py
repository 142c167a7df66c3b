#!/usr/bin/env python3
"""The include graph of sgdbias has floors, each including only itself and the floors below it:

    lib  <-  sde  <-  problems  <-  notebooks

(lib/ is the library's ground floor, sde/ the generic SDE layer, problems/ the concrete problems
with the diagonal network's SGF, notebooks/ the program: its framework, the studies, main.cpp).
This script fails (exit 1) on any upward include, on any cycle between folders (two levels deep,
e.g. lib/io <-> lib/monte_carlo), and on program-only headers (JSON, signals) below notebooks/.

Usage: check_include_layers.py [SOURCE_DIR]      (default: the repository holding this script)
       check_include_layers.py --drawing [SOURCE_DIR]   prints the drawing of the folder graph
                                                         (Mermaid) that README.md shows
       check_include_layers.py --check-drawing README [SOURCE_DIR]   fails if README's ```mermaid
                                                         block is not that drawing
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


def drawing_node(folder):
    """The drawing's node of a folder: files at a floor's top (sde/integrate.hpp) join one node."""
    return folder.split("/")[0] + "/*" if "." in folder.split("/")[-1] else folder


def transitive_reduction(graph):
    """The edges no longer path implies: an upward include stays an upward arrow (any path that
    implied it would itself go up), and the drawing keeps only what it needs to be read."""
    def reachable(node, seen):
        for target in graph.get(node, ()):
            if target not in seen:
                seen.add(target)
                reachable(target, seen)
        return seen

    return {source: {t for t in targets if not any(t in reachable(o, set()) for o in targets if o != t)}
            for source, targets in graph.items()}


def mermaid(graph):
    """Floors as boxes, bottom (lib) to top (notebooks); an arrow A --> B: A includes B."""
    nodes = sorted(set(graph) | {t for targets in graph.values() for t in targets})
    ident = {node: re.sub(r"\W", "_", node) for node in nodes}
    lines = ["flowchart BT"]
    for floor in FLOORS:
        lines.append(f"  subgraph {floor}_floor [{floor}/]")
        lines += [f'    {ident[n]}["{n}"]' for n in nodes if n.split("/")[0] == floor]
        lines.append("  end")
    lines += [f"  {ident[s]} --> {ident[t]}" for s in sorted(graph) for t in sorted(graph[s])]
    return "\n".join(lines)


def drawing_graph(graph):
    merged = {}
    for source, targets in graph.items():
        for target in targets:
            s, t = drawing_node(source), drawing_node(target)
            if s != t:
                merged.setdefault(s, set()).add(t)
    return transitive_reduction(merged)


def drawing_in(readme):
    with open(readme, encoding="utf-8") as text:
        match = re.search(r"```mermaid\n(.*?)\n```", text.read(), re.S)
    return match.group(1) if match else None


def main():
    arguments = sys.argv[1:]
    drawing = "--drawing" in arguments
    readme = None
    if "--check-drawing" in arguments:
        position = arguments.index("--check-drawing")
        readme = arguments[position + 1]
        del arguments[position:position + 2]
    arguments = [a for a in arguments if a != "--drawing"]
    root = arguments[0] if arguments else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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
    if drawing and not problems:
        print(mermaid(drawing_graph(graph)))
        return 0
    if readme and not problems and drawing_in(readme) != mermaid(drawing_graph(graph)):
        problems.append(f"{readme}: its include graph drawing is not the current one; replace its ```mermaid "
                        "block with the output of: python3 scripts/check_include_layers.py --drawing")
    for problem in problems:
        print(problem)
    edges = sum(len(targets) for targets in graph.values())
    print(f"check_include_layers: {count} includes, {len(graph)} folders, {edges} folder edges: "
          + ("FAILED" if problems else "no upward include, no cycle"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
