"""Shared plumbing: numpy buffers to C pointers, workspaces, statuses to exceptions."""

import numbers

import numpy as np
from sklearn.utils import check_random_state

from ._ffi import ffi, lib

_MEMORY_STATUSES = (lib.NANOCLUST_ERR_WORKSPACE_TOO_SMALL, lib.NANOCLUST_ERR_SIZE_OVERFLOW)
_STATUS_NAMES = {
    getattr(lib, name): name
    for name in dir(lib)
    if name.startswith("NANOCLUST_ERR_") or name == "NANOCLUST_OK"
}

_CTYPE = {np.dtype(np.float32): "float", np.dtype(np.float64): "double"}
_SUFFIX = {np.dtype(np.float32): "f32", np.dtype(np.float64): "f64"}


class NanoclustError(ValueError):
    """A non-OK status from the library for bad data or parameters (a ValueError).

    ``status`` holds the numeric code, ``status_name`` its ``NANOCLUST_ERR_*`` name.
    """

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status
        self.status_name = _STATUS_NAMES.get(status, str(status))


class NanoclustMemoryError(MemoryError):
    """WORKSPACE_TOO_SMALL or SIZE_OVERFLOW from the library (a MemoryError)."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status
        self.status_name = _STATUS_NAMES.get(status, str(status))


class SparseInputError(NotImplementedError, TypeError):
    """Sparse input: nanoclust works on dense arrays only.

    Both a NotImplementedError (the library lacks it) and a TypeError (what
    scikit-learn raises for sparse data an estimator does not accept)."""


def check(status, func):
    """Raise the exception matching a non-OK status of ``func``."""
    if status == lib.NANOCLUST_OK:
        return
    message = ffi.string(lib.nanoclust_status_message(status)).decode()
    name = _STATUS_NAMES.get(status, str(status))
    text = f"nanoclust: {func} failed with {name}: {message}"
    if status in _MEMORY_STATUSES:
        raise NanoclustMemoryError(text, status)
    raise NanoclustError(text, status)


def call(name, *args):
    """Call ``lib.<name>(*args)`` and raise on a non-OK status."""
    check(getattr(lib, name)(*args), name)


def fn(base, dtype):
    """The ``_f32``/``_f64`` variant of a function for a numpy dtype."""
    return f"{base}_{_SUFFIX[np.dtype(dtype)]}"


def float_dtype(X):
    """float32 stays float32; everything else computes in float64."""
    return np.float32 if getattr(X, "dtype", None) == np.float32 else np.float64


def cptr(a, ctype=None):
    """A C pointer into a C-contiguous numpy array (no copy); NULL for None."""
    if a is None:
        return ffi.NULL
    if ctype is None:
        ctype = _CTYPE.get(a.dtype) or {
            np.dtype(np.int32): "int32_t",
            np.dtype(np.uint8): "uint8_t",
            np.dtype(np.uint32): "uint32_t",
        }[a.dtype]
    if not a.flags.c_contiguous:
        raise ValueError("internal error: a non-contiguous array reached the C call")
    # a `T[]` cdata over the array's own memory: it holds a reference to the array
    # for as long as the call's argument list holds it (no copy)
    return ffi.from_buffer(ctype + "[]", a)


def as_c(a, dtype):
    """``a`` as a C-contiguous array of ``dtype``, copied only if it must be."""
    return np.ascontiguousarray(a, dtype=dtype)


def size_out():
    return ffi.new("size_t *")


def workspace(query, *args):
    """Run a ``*_workspace_size`` query and return (pointer, bytes, owner)."""
    out = size_out()
    call(query, *args, out)
    n = int(out[0])
    if n == 0:
        return ffi.NULL, 0, None
    buf = np.empty(n, dtype=np.uint8)
    return ffi.from_buffer("uint8_t[]", buf, require_writable=True), n, buf


def seed_from(random_state):
    """The library's 64-bit seed for a scikit-learn ``random_state``.

    An int is used as the seed itself; None or a RandomState instance draws a seed
    from that numpy generator, so the result follows numpy's state as scikit-learn
    does. The library's random streams are its own: the same int seed does not give
    scikit-learn's draws.
    """
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        return int(random_state) & 0xFFFFFFFFFFFFFFFF
    rs = check_random_state(random_state)
    return int(rs.randint(0, 2**63 - 1, dtype=np.int64))


def reject_sparse(X, what="X"):
    if hasattr(X, "toarray") or hasattr(X, "tocsr"):
        raise SparseInputError(
            f"nanoclust does not support sparse {what}: pass a dense array (Sparse input is not implemented)"
        )


def merge_dtype():
    """numpy structured dtype of ``nanoclust_merge``, read from the cffi declaration."""
    ctype = ffi.typeof("nanoclust_merge")
    np_of = {"uint32_t": np.uint32, "double": np.float64, "int32_t": np.int32, "size_t": np.uintp,
             "float": np.float32, "uint64_t": np.uint64}
    names, formats, offsets = [], [], []
    for name, field in ctype.fields:
        names.append(name)
        formats.append(np_of[field.type.cname])
        offsets.append(field.offset)
    return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                     "itemsize": ffi.sizeof(ctype)})


MERGE_DTYPE = merge_dtype()


def merges_ptr(m):
    """A ``nanoclust_merge[]`` cdata over a MERGE_DTYPE array (no copy; keeps it alive)."""
    if not m.flags.c_contiguous or m.dtype != MERGE_DTYPE:
        raise ValueError("internal error: merges must be a C-contiguous MERGE_DTYPE array")
    return ffi.from_buffer("nanoclust_merge[]", m)
