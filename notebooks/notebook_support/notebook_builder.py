"""Writes a study's .ipynb from a list of cells, so notebooks are reviewed as Python source.

Each study has `build_notebook.py` next to its notebook; running it (any Python 3 with
nbformat, e.g. /usr/bin/python3) rewrites `<study>.ipynb` with no outputs:

    /usr/bin/python3 notebooks/alpha_sweep/build_notebook.py

Cells are written top to bottom and share no state beyond what earlier cells define, so the
notebook runs with "Restart & Run All" (and in the CTest `notebook` label, via nbclient).
"""
from pathlib import Path
import textwrap

import nbformat


def markdown(text):
    return nbformat.v4.new_markdown_cell(textwrap.dedent(text).strip())


def code(text):
    return nbformat.v4.new_code_cell(textwrap.dedent(text).strip())


# The first code cell of every notebook: find notebooks/notebook_support from the notebook's
# folder (Jupyter and nbclient run a notebook with its own folder as working directory).
SETUP = code(
    """
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path.cwd().parent / "notebook_support"))
    sys.path.insert(0, str(Path.cwd().parent / "common"))
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    import sgdbias_notebook as sn
    """
)


def write_notebook(path, cells):
    notebook = nbformat.v4.new_notebook(cells=list(cells))
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    path = Path(path)
    nbformat.validate(notebook)
    path.write_text(nbformat.writes(notebook) + "\n")
    print(f"wrote {path}")
