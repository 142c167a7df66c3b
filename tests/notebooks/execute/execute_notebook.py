"""Executes one notebook top to bottom with nbclient (fresh kernel, no hidden state) and fails
if any cell raises — including the final cell that asserts the notebook's qualitative result.

usage: execute_notebook.py NOTEBOOK.ipynb EXECUTED_COPY.ipynb [TIMEOUT_SECONDS]

The notebook runs with its own folder as working directory (as in Jupyter). The environment
(SGDBIAS_BINARY, SGDBIAS_DATA_DIR) is set by the CTest test; SGDBIAS_DATA_DIR is emptied first
so every run regenerates its data with the freshly built program instead of reusing old runs.
The executed copy (with outputs and the error, if any) is written for inspection.
"""
import os
import shutil
import sys
import time
from pathlib import Path

import nbclient
import nbformat


def main():
    source, executed_copy = Path(sys.argv[1]), Path(sys.argv[2])
    timeout = int(sys.argv[3]) if len(sys.argv) > 3 else 600
    data_dir = os.environ.get("SGDBIAS_DATA_DIR")
    if data_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
        Path(data_dir).mkdir(parents=True)
    notebook = nbformat.read(source, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(source.parent)}})
    started = time.monotonic()
    try:
        client.execute()
        status = 0
    except nbclient.exceptions.CellExecutionError as error:
        print(f"{source.name}: a cell failed\n{error}", file=sys.stderr)
        status = 1
    except nbclient.exceptions.CellTimeoutError as error:
        print(f"{source.name}: a cell exceeded {timeout} s\n{error}", file=sys.stderr)
        status = 1
    finally:
        executed_copy.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, executed_copy)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                sys.stdout.write(output.get("text", ""))
    print(f"{source.name}: {'ok' if status == 0 else 'FAILED'} in {time.monotonic() - started:.1f} s "
          f"(executed copy: {executed_copy})")
    return status


if __name__ == "__main__":
    sys.exit(main())
