"""The examples of notebooks/python/README.md run as written (every ```python block, in order)."""
import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parents[2] / "notebooks" / "python" / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)


def test_the_readme_has_examples():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(index):
    exec(compile(BLOCKS[index], f"README.md example {index + 1}", "exec"), {})
