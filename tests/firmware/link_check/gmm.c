/* Link check: every Gaussian-mixture export, called once each on tiny static data. */
#include "nanoclust.h"

#define GMM_N 6
#define GMM_D 2
#define GMM_K 2

static union { double align; unsigned char bytes[16384]; } gmm_ws;

static const float gmm_xf[GMM_N * GMM_D] = {
    -3.0f, 0.1f, -2.8f, -0.2f, -3.1f, 0.0f, 3.0f, 0.2f, 2.9f, -0.1f, 3.2f, 0.0f};
static const double gmm_xd[GMM_N * GMM_D] = {
    -3.0, 0.1, -2.8, -0.2, -3.1, 0.0, 3.0, 0.2, 2.9, -0.1, 3.2, 0.0};

int link_gmm(void) {
    int sum = 0;
    size_t bytes = 0;
    nanoclust_gmm_params p = nanoclust_gmm_params_default(GMM_K);
    nanoclust_gmm_result r;
    float wf[GMM_K], mf[GMM_K * GMM_D], cf[GMM_K * GMM_D * GMM_D], pf[GMM_N * GMM_K], lf[GMM_N];
    double wd[GMM_K], md[GMM_K * GMM_D], cd[GMM_K * GMM_D * GMM_D], pd[GMM_N * GMM_K], ld[GMM_N];
    int32_t labels[GMM_N];
    double bic = 0.0;

    sum += nanoclust_gmm_workspace_size_f32(GMM_N, GMM_D, &p, &bytes);
    if (bytes > sizeof gmm_ws.bytes) return 100;
    sum += nanoclust_gmm_fit_f32(gmm_xf, GMM_N, GMM_D, &p, gmm_ws.bytes, sizeof gmm_ws.bytes, wf, mf, cf, &r);
    sum += nanoclust_gmm_workspace_size_f64(GMM_N, GMM_D, &p, &bytes);
    if (bytes > sizeof gmm_ws.bytes) return 100;
    sum += nanoclust_gmm_fit_f64(gmm_xd, GMM_N, GMM_D, &p, gmm_ws.bytes, sizeof gmm_ws.bytes, wd, md, cd, &r);

    {
        static const float swf[GMM_N] = {1.0f, 2.0f, 1.0f, 1.0f, 3.0f, 1.0f};
        static const double swd[GMM_N] = {1.0, 2.0, 1.0, 1.0, 3.0, 1.0};
        sum += nanoclust_gmm_fit_weighted_f32(gmm_xf, GMM_N, GMM_D, swf, &p, gmm_ws.bytes, sizeof gmm_ws.bytes,
                                              wf, mf, cf, &r);
        sum += nanoclust_gmm_fit_weighted_f64(gmm_xd, GMM_N, GMM_D, swd, &p, gmm_ws.bytes, sizeof gmm_ws.bytes,
                                              wd, md, cd, &r);
    }
    sum += nanoclust_gmm_predict_workspace_size_f32(GMM_K, GMM_D, NANOCLUST_COVARIANCE_FULL, &bytes);
    sum += nanoclust_gmm_predict_f32(wf, mf, cf, GMM_K, GMM_D, NANOCLUST_COVARIANCE_FULL, gmm_xf, GMM_N,
                                     gmm_ws.bytes, sizeof gmm_ws.bytes, labels, pf, lf);
    sum += nanoclust_gmm_bic_f32(wf, mf, cf, GMM_K, GMM_D, NANOCLUST_COVARIANCE_FULL, gmm_xf, GMM_N,
                                 gmm_ws.bytes, sizeof gmm_ws.bytes, &bic);
    sum += nanoclust_gmm_predict_workspace_size_f64(GMM_K, GMM_D, NANOCLUST_COVARIANCE_FULL, &bytes);
    sum += nanoclust_gmm_predict_f64(wd, md, cd, GMM_K, GMM_D, NANOCLUST_COVARIANCE_FULL, gmm_xd, GMM_N,
                                     gmm_ws.bytes, sizeof gmm_ws.bytes, labels, pd, ld);
    sum += nanoclust_gmm_bic_f64(wd, md, cd, GMM_K, GMM_D, NANOCLUST_COVARIANCE_FULL, gmm_xd, GMM_N,
                                 gmm_ws.bytes, sizeof gmm_ws.bytes, &bic);
    return sum;
}
