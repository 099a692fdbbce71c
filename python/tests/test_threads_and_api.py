"""GIL release, zero-copy inputs, statuses as exceptions, NotImplementedError paths."""

import sys
import threading

import numpy as np
import pytest
import scipy.sparse as sp
from numpy.testing import assert_array_equal

import nanoclust as nc
import nanoclust._kmeans as nc_kmeans
from nanoclust import _core


def test_two_threads_fit_kmeans_at_once():
    """Both threads are inside nanoclust_kmeans_fit_f64 at the same time.

    The switch interval is raised so far that the interpreter never takes the GIL
    from a running thread: the only way the second thread can enter the library
    while the first is still inside is that the first released the GIL for its
    call (cffi does so around every call). ``inside`` counts threads between the
    start and the end of a library fit call; it must reach 2. No timing is involved.
    """
    rng = np.random.RandomState(0)
    X = rng.randn(60_000, 8)
    init = X[:16].copy()
    lock = threading.Lock()
    state = {"inside": 0, "max_inside": 0}
    real_call = nc_kmeans.call

    def tracing_call(name, *args):
        if not name.startswith("nanoclust_kmeans_fit"):
            return real_call(name, *args)
        with lock:
            state["inside"] += 1
            state["max_inside"] = max(state["max_inside"], state["inside"])
        try:
            return real_call(name, *args)
        finally:
            with lock:
                state["inside"] -= 1

    barrier = threading.Barrier(2)
    results = [None, None]

    def work(i):
        barrier.wait()
        results[i] = nc.KMeans(16, init=init, n_init=1, max_iter=300, tol=0).fit(X)

    old = sys.getswitchinterval()
    nc_kmeans.call = tracing_call
    sys.setswitchinterval(100.0)
    try:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
        nc_kmeans.call = real_call
    assert state["max_inside"] == 2
    # and both made their way to the same, correct result
    ref = nc.KMeans(16, init=init, n_init=1, max_iter=300, tol=0).fit(X)
    for r in results:
        assert_array_equal(r.labels_, ref.labels_)
        assert_array_equal(r.cluster_centers_, ref.cluster_centers_)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_no_copy_for_c_contiguous_input(dtype):
    X = np.random.RandomState(1).randn(100, 3).astype(dtype)
    from nanoclust._validation import check_X
    assert np.shares_memory(check_X(nc.KMeans(), X, reset=True), X)
    # in-place transform: the library writes into X itself
    sc = nc.StandardScaler(copy=False).fit(X)
    out = sc.transform(X)
    assert out is X or np.shares_memory(out, X)
    assert out.dtype == dtype
    assert abs(float(X.mean())) < 1e-5


def test_float32_in_float32_out_everywhere():
    X = np.random.RandomState(2).randn(120, 2).astype(np.float32)
    assert nc.KMeans(3, random_state=0).fit(X).cluster_centers_.dtype == np.float32
    assert nc.DBSCAN().fit(X).components_.dtype == np.float32
    g = nc.GaussianMixture(2, random_state=0).fit(X)
    assert g.means_.dtype == np.float32 and g.predict_proba(X).dtype == np.float32
    assert nc.StandardScaler().fit(X).transform(X).dtype == np.float32


def test_library_status_becomes_value_error_with_message():
    X = np.random.RandomState(3).randn(50, 2)
    X[3, 1] = np.inf
    with pytest.raises(ValueError, match="NANOCLUST_ERR_NON_FINITE"):
        nc.linkage(X, "ward")
    with pytest.raises(ValueError, match="NANOCLUST_ERR_INVALID_PARAMETER"):
        nc.fcluster(np.array([[0.0, 5.0, 1.0, 2.0]]), 1.0, criterion="distance")  # id 5 out of range
    try:
        nc.linkage(X, "ward")
    except nc.NanoclustError as e:
        assert e.status == nc.lib.NANOCLUST_ERR_NON_FINITE
        assert e.status_name == "NANOCLUST_ERR_NON_FINITE"


def test_workspace_statuses_become_memory_error():
    # n(n-1)/2 doubles for n = 2^31 - 1 overflows size_t
    with pytest.raises(MemoryError, match="NANOCLUST_ERR_SIZE_OVERFLOW"):
        _core.workspace("nanoclust_linkage_condensed_workspace_size_f64", 2**31 - 1,
                        nc.lib.NANOCLUST_LINKAGE_COMPLETE)
    with pytest.raises(MemoryError, match="NANOCLUST_ERR_WORKSPACE_TOO_SMALL"):
        _core.check(nc.lib.NANOCLUST_ERR_WORKSPACE_TOO_SMALL, "test")


def test_not_implemented_paths():
    X = np.random.RandomState(4).randn(30, 2)
    with pytest.raises(NotImplementedError):
        nc.KMeans(2).fit(sp.csr_matrix(X))
    with pytest.raises(NotImplementedError):
        nc.DBSCAN(metric=lambda a, b: 0.0).fit(X)
    with pytest.raises(NotImplementedError):
        nc.DBSCAN(metric="precomputed").fit(X)
    with pytest.raises(NotImplementedError):
        nc.AgglomerativeClustering(connectivity=np.eye(30)).fit(X)
    with pytest.raises(NotImplementedError):
        nc.fcluster(nc.linkage(X), 1.0)  # scipy's default criterion 'inconsistent'
    with pytest.raises(NotImplementedError):
        nc.linkage(X, optimal_ordering=True)
    with pytest.raises(NotImplementedError):
        nc.normalized_mutual_info_score([0, 1], [1, 0], average_method="geometric")
    with pytest.raises(NotImplementedError):
        nc.silhouette_score(X, np.arange(30) % 2, metric="precomputed")


def test_bindings_come_from_the_header():
    from nanoclust import _ffi
    text = (_ffi._HEADER_PATH and open(_ffi._HEADER_PATH).read())
    assert "nanoclust_kmeans_fit_f64" in text
    cdef = _ffi.cdef_from_header(text)
    assert "/*" not in cdef and "#include" not in cdef and "extern \"C\"" not in cdef
    # every exported function of the header is callable through lib
    import re
    for name in re.findall(r"\b(nanoclust_\w+)\(", cdef):
        assert callable(getattr(nc.lib, name))
    assert nc.library_version() >= (0, 1, 0)
