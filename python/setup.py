"""Build step of the nanoclust Python package.

`pip install ./python` (or `pip wheel ./python`) runs `cargo build --release` on the
repository's crate (the directory above this one, or $NANOCLUST_CRATE_DIR) and copies
two files into the package:

- ``nanoclust/_lib/libnanoclust.so``: the C library the bindings load;
- ``nanoclust/_lib/nanoclust.h``: the generated header, from which ``nanoclust._ffi``
  builds its cffi declarations at import time (so the bindings cannot drift from the
  C contract: nothing is mirrored by hand).

The wheel is tagged ``py3-none-<platform>``: it holds a native library but no Python
extension module (cffi's ABI mode), so one wheel serves every CPython 3 on a platform.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel

HERE = Path(__file__).resolve().parent
LIB_NAME = {"darwin": "libnanoclust.dylib", "win32": "nanoclust.dll"}.get(sys.platform, "libnanoclust.so")


def crate_dir() -> Path:
    d = Path(os.environ.get("NANOCLUST_CRATE_DIR", HERE.parent)).resolve()
    manifest = d / "Cargo.toml"
    if not manifest.is_file() or 'name = "nanoclust"' not in manifest.read_text():
        raise RuntimeError(
            f"the nanoclust crate was not found at {d}: build from a checkout of the repository "
            "(pip install ./python) or set NANOCLUST_CRATE_DIR to the directory of its Cargo.toml"
        )
    return d


def build_library(crate: Path) -> Path:
    cargo = os.environ.get("CARGO", "cargo")
    print(f"nanoclust: cargo build --release in {crate}", flush=True)
    subprocess.run([cargo, "build", "--release", "--lib"], cwd=crate, check=True)
    meta = subprocess.run(
        [cargo, "metadata", "--format-version", "1", "--no-deps"],
        cwd=crate, check=True, capture_output=True, text=True,
    )
    target = Path(json.loads(meta.stdout)["target_directory"])
    lib = target / "release" / LIB_NAME
    if not lib.is_file():
        raise RuntimeError(f"cargo did not produce {lib}")
    return lib


class BuildPyWithCargo(build_py):
    def run(self):
        super().run()
        crate = crate_dir()
        lib = build_library(crate)
        dest = Path(self.build_lib) / "nanoclust" / "_lib"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(lib, dest / LIB_NAME)
        shutil.copy2(crate / "include" / "nanoclust.h", dest / "nanoclust.h")


class BinaryDistribution(Distribution):
    def has_ext_modules(self):  # a platform wheel: it carries a native library
        return True


class PlatformWheel(bdist_wheel):
    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        _, _, plat = super().get_tag()
        return "py3", "none", plat


setup(
    distclass=BinaryDistribution,
    cmdclass={"build_py": BuildPyWithCargo, "bdist_wheel": PlatformWheel},
)
