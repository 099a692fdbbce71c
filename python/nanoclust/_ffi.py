"""cffi bindings built from the generated C header at import time.

The wheel ships ``_lib/nanoclust.h`` (the header cbindgen generated from the Rust
source) next to ``_lib/libnanoclust.so``. This module strips the header's comments
and preprocessor lines, keeps its integer ``#define NANOCLUST_* <int>`` constants (which
cffi understands), and feeds the rest to ``ffi.cdef``: every struct layout, function
signature and constant comes from the header, none is written here. cffi (ABI mode)
releases the GIL around every call into the library.

``NANOCLUST_LIB`` and ``NANOCLUST_HEADER`` (environment) override the two paths, for
development against a library built elsewhere.
"""

import os
import re
from pathlib import Path

from cffi import FFI

_HERE = Path(__file__).resolve().parent / "_lib"
_LIB_PATH = os.environ.get("NANOCLUST_LIB", str(_HERE / "libnanoclust.so"))
_HEADER_PATH = os.environ.get("NANOCLUST_HEADER", str(_HERE / "nanoclust.h"))

_DEFINE_INT = re.compile(
    r"^\s*#\s*define\s+(NANOCLUST_\w+)\s+\(?\s*(-?(?:0x[0-9A-Fa-f]+|\d+))[uUlL]*\s*\)?\s*$")


def cdef_from_header(text: str) -> str:
    """The declarations of a C header in a form ``FFI.cdef`` accepts.

    Removes ``/* */`` and ``//`` comments, drops every preprocessor line except
    integer ``#define NANOCLUST_*`` constants, and drops the ``extern "C"`` lines
    that sit inside ``#ifdef __cplusplus`` blocks.
    """
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    out = []
    skip_cplusplus = 0
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            if re.match(r"#\s*ifdef\s+__cplusplus\b", stripped):
                skip_cplusplus += 1
                continue
            if skip_cplusplus and re.match(r"#\s*endif\b", stripped):
                skip_cplusplus -= 1
                continue
            m = _DEFINE_INT.match(stripped)
            if m and not skip_cplusplus:
                out.append(f"#define {m.group(1)} {m.group(2)}")
            continue
        if skip_cplusplus or not stripped:
            continue
        out.append(line)
    return "\n".join(out)


ffi = FFI()
ffi.cdef(cdef_from_header(Path(_HEADER_PATH).read_text()))
lib = ffi.dlopen(_LIB_PATH)

__all__ = ["ffi", "lib", "cdef_from_header"]
