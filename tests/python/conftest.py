"""Shared fixtures of the Python tests: the `sgdbias` program of this build (SGDBIAS_BINARY, set
by CTest), for the tests that compare the module with the program."""
import os
import pathlib

import pytest


@pytest.fixture(scope="session")
def program():
    binary = pathlib.Path(os.environ.get("SGDBIAS_BINARY", ""))
    if not binary.is_file():
        pytest.fail("SGDBIAS_BINARY does not name the sgdbias program (run the tests through ctest)")
    return binary
