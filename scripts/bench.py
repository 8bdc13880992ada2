"""Run the benchmarks from the checkout: the same as `python -m benchmarks` in the repository's root.

The benchmarks are a top-level folder beside the packages, not part of the wheel, so this script puts the
checkout on the import path before running them.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    runpy.run_module("benchmarks", run_name="__main__", alter_sys=True)
