// The installed C++ header from an outside CMake project: the same two squares
// as kmeans_check.c, through nanoclust.hpp (exceptions on).
#include <cstdio>
#include <vector>

#include <nanoclust.hpp>

int main() {
    const std::vector<double> x = {0, 0, 0, 1, 1, 0, 1, 1, 10, 10, 10, 11, 11, 10, 11, 11};
    nanoclust::kmeans_params params = nanoclust::kmeans_defaults(2);
    params.n_init = 3;
    try {
        nanoclust::kmeans_model<double> m = nanoclust::kmeans_fit(nanoclust::matrix_view<double>(x, 2), params);
        int failures = 0;
        for (int i = 0; i < 8; ++i)
            if (m.labels[i] != m.labels[i / 4 * 4]) ++failures;
        if (m.labels[0] == m.labels[4] || m.inertia != 4.0) ++failures;
        std::printf("kmeans_check_cpp: inertia %.6f (expected 4.000000), %d failures\n", m.inertia, failures);
        return failures == 0 ? 0 : 1;
    } catch (const nanoclust::error &e) {
        std::printf("kmeans_check_cpp: %s\n", e.what());
        return 1;
    }
}
