"""The tests must run against the installed nanoclust (the wheel), never the source tree."""

import os
from pathlib import Path

import nanoclust

if os.environ.get("NANOCLUST_ALLOW_SOURCE_TREE") != "1":
    installed = Path(nanoclust.__file__).resolve()
    source = (Path(__file__).resolve().parent.parent / "nanoclust").resolve()
    assert source not in installed.parents and installed.parent != source, (
        f"nanoclust was imported from the source tree ({installed}); install the wheel and run pytest "
        "from another directory (see .ci/python)")
