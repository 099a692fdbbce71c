"""scikit-learn's estimator checks for every nanoclust estimator.

Every check runs; the ones expected to fail are listed in EXPECTED_FAILURES with the
reason (pytest reports them as xfail, and as an error if one starts passing: strict).
"""

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from nanoclust import (DBSCAN, AgglomerativeClustering, GaussianMixture, KMeans, MiniBatchKMeans,
                       StandardScaler)

ESTIMATORS = [
    KMeans(n_clusters=2, random_state=0),
    MiniBatchKMeans(n_clusters=2, random_state=0, batch_size=10),
    DBSCAN(),
    AgglomerativeClustering(),
    GaussianMixture(random_state=0),
    StandardScaler(),
]

# check name -> reason, per estimator class name
EXPECTED_FAILURES = {
    # scikit-learn 1.7 expects the same failure of its own KMeans and MiniBatchKMeans
    # (sklearn/utils/_test_common/instance_generator.py): the random k-means++ draws
    # on weighted rows differ from the draws on repeated rows, so the local optimum
    # reached can differ.
    "KMeans": {
        "check_sample_weight_equivalence_on_dense_data":
            "sample_weight is not equivalent to removing/repeating samples (random init draws differ)",
    },
    "MiniBatchKMeans": {
        "check_sample_weight_equivalence_on_dense_data":
            "sample_weight is not equivalent to removing/repeating samples (random mini-batches differ)",
    },
    "DBSCAN": {},
    "AgglomerativeClustering": {},
    "GaussianMixture": {},
    "StandardScaler": {},
}


def expected_failed_checks(estimator):
    return EXPECTED_FAILURES[type(estimator).__name__]


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failed_checks)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
