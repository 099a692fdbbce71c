//! nanoclust's typed fixed-capacity API in a `cortex-m-rt` firmware for the
//! Arm MPS2-AN386 board (Cortex-M4F), run on QEMU with semihosting: standard
//! scaling, k-means (fit, predict, one mini-batch step), DBSCAN (fit,
//! predict) and a Gaussian mixture (fit, predict) on the data of `src/data.rs`. Every result is compared with the
//! host build's (`build.rs`): labels and counts exactly, reals within 1e-5
//! relative (1e-6 absolute near zero: the host fuses multiply-adds, the
//! Cortex-M4F build does not). The exit status is 0 iff all agree.
#![no_std]
#![no_main]

// (cortex-m's `critical-section-single-core` feature serves semihosting's output lock.)
use cortex_m_rt::entry;
use cortex_m_semihosting::{debug, hprintln};

use nanoclust::dbscan::DbscanParams;
use nanoclust::fixed::StandardScaler;
use nanoclust::gmm::{CovarianceType, GmmParams};
use nanoclust::kmeans::KMeansParams;

mod data;
use data::*;

#[allow(clippy::all)]
mod expected {
    include!(concat!(env!("OUT_DIR"), "/expected.rs"));
}

type KMeans = nanoclust::fixed_kmeans!(f32, N, D, K);
type Dbscan = nanoclust::fixed_dbscan!(f32, N, D);
type Gmm = nanoclust::fixed_gmm!(f32, N, D, K);

#[entry]
fn main() -> ! {
    hprintln!(
        "model sizes (RAM, on the stack here): KMeans {} bytes (workspace {}), Dbscan {} bytes (workspace {}), Gmm {} bytes (workspace {}), StandardScaler {} bytes",
        core::mem::size_of::<KMeans>(),
        KMeans::WORKSPACE_BYTES,
        core::mem::size_of::<Dbscan>(),
        Dbscan::WORKSPACE_BYTES,
        core::mem::size_of::<Gmm>(),
        Gmm::WORKSPACE_BYTES,
        core::mem::size_of::<StandardScaler<f32, D>>()
    );
    let ok = match run() {
        Ok(ok) => ok,
        Err(e) => {
            hprintln!("nanoclust error: {:?}", e);
            false
        }
    };
    hprintln!(
        "firmware-rs: {}",
        if ok {
            "all results equal the host's"
        } else {
            "MISMATCH"
        }
    );
    debug::exit(if ok {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    loop {
        cortex_m::asm::wfi(); // not reached: QEMU exits above
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-5 * a.abs().max(b.abs()) + 1e-6
}

/// Prints a result, and the host's when they differ; returns `ok`.
fn report<T: core::fmt::Debug + ?Sized>(name: &str, got: &T, want: &T, ok: bool) -> bool {
    let note = if ok { "" } else { "  <- differs from the host" };
    hprintln!("{} {:?}{}", name, got, note);
    if !ok {
        hprintln!("  host: {:?}", want);
    }
    ok
}

fn reals(name: &str, got: &[f32], want: &[f32]) -> bool {
    let ok = got.len() == want.len()
        && got
            .iter()
            .zip(want)
            .all(|(&a, &b)| close(f64::from(a), f64::from(b)));
    report(name, got, want, ok)
}

fn ints<T: PartialEq + core::fmt::Debug>(name: &str, got: &[T], want: &[T]) -> bool {
    report(name, got, want, got == want)
}

fn run() -> Result<bool, nanoclust::Error> {
    let mut ok = true;

    let mut scaler = StandardScaler::<f32, D>::new();
    scaler.fit(&X)?;
    ok &= reals("scaler mean", scaler.mean(), &expected::SCALER_MEAN);
    ok &= reals("scaler scale", scaler.scale(), &expected::SCALER_SCALE);
    let mut xs = X;
    scaler.transform_in_place(&mut xs)?;
    let mut qs = QUERIES;
    scaler.transform_in_place(&mut qs)?;

    let params = KMeansParams {
        seed: SEED,
        n_init: N_INIT,
        ..KMeansParams::new(K)
    };
    let mut km = KMeans::new(params);
    let r = km.fit(&xs, None)?;
    ok &= reals(
        "kmeans centers",
        km.centers().as_flattened(),
        &expected::KM_CENTERS,
    );
    ok &= ints("kmeans labels", km.labels(), &expected::KM_LABELS);
    ok &= ints("kmeans n_iter", &[r.n_iter], &[expected::KM_N_ITER]);
    let inertia_ok = close(r.inertia, expected::KM_INERTIA);
    hprintln!(
        "kmeans inertia {} (host {})",
        r.inertia,
        expected::KM_INERTIA
    );
    ok &= inertia_ok;
    let mut pred = [0i32; QUERIES.len()];
    km.predict(&qs, &mut pred)?;
    ok &= ints("kmeans predict", &pred, &expected::KM_PREDICT);
    km.partial_fit(&xs[..BATCH], None)?;
    ok &= reals(
        "mini-batch centers",
        km.centers().as_flattened(),
        &expected::MB_CENTERS,
    );

    let mut db = Dbscan::new(DbscanParams::new(EPS, MIN_SAMPLES));
    let s = db.fit(&xs, None)?;
    ok &= ints("dbscan labels", db.labels(), &expected::DB_LABELS);
    ok &= ints(
        "dbscan clusters, noise",
        &[s.n_clusters, s.n_noise],
        &[expected::DB_N_CLUSTERS, expected::DB_N_NOISE],
    );
    let mut dpred = [0i32; QUERIES.len()];
    db.predict(&qs, &mut dpred)?;
    ok &= ints("dbscan predict", &dpred, &expected::DB_PREDICT);

    let gp = GmmParams::new(K)
        .covariance_type(CovarianceType::Diag)
        .seed(SEED);
    let mut gm = Gmm::new(gp);
    let gr = gm.fit(&xs, None)?;
    ok &= reals("gmm weights", gm.weights(), &expected::GM_WEIGHTS);
    ok &= reals("gmm means", gm.means().as_flattened(), &expected::GM_MEANS);
    ok &= reals(
        "gmm covariances",
        gm.covariances(),
        &expected::GM_COVARIANCES,
    );
    ok &= ints("gmm n_iter", &[gr.n_iter], &[expected::GM_N_ITER]);
    let mut gpred = [0i32; QUERIES.len()];
    gm.predict(&qs, &mut gpred)?;
    ok &= ints("gmm predict", &gpred, &expected::GM_PREDICT);
    Ok(ok)
}
