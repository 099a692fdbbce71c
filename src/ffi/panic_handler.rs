//! Panic handlers for bare-metal static libraries.
//!
//! The core never panics (see the crate's panic-freedom gate), so these are
//! never reached; a `no_std` final artifact still needs one. They exist only on
//! bare-metal targets (`target_os = "none"`); hosted builds use std's.
//! - `panic-handler`: loops forever (firmware; no formatting machinery is pulled in).
//! - `panic-never-check`: calls an undefined sentinel symbol, so a fat-LTO build
//!   references `nanoclust_panic_is_reachable` iff some export can panic.

#[cfg(all(
    any(feature = "panic-handler", feature = "panic-never-check"),
    not(any(panic = "abort", test, miri))
))]
compile_error!(
    "the panic-handler features need panic = \"abort\" (use the release or panic-check profile)"
);

#[cfg(all(feature = "panic-handler", feature = "panic-never-check"))]
compile_error!("enable either `panic-handler` or `panic-never-check`, not both");

#[cfg(all(feature = "panic-handler", target_os = "none"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {
        core::hint::spin_loop();
    }
}

#[cfg(all(feature = "panic-never-check", target_os = "none"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    panic_sentinel()
}

/// Calls the deliberately undefined sentinel symbol (panic-freedom gate only).
#[cfg(all(feature = "panic-never-check", target_os = "none"))]
#[allow(unsafe_code)]
fn panic_sentinel() -> ! {
    extern "C" {
        fn nanoclust_panic_is_reachable() -> !;
    }
    // SAFETY: never executed: the check build is only inspected with `nm`, and the
    // symbol's presence there is the failure signal.
    unsafe { nanoclust_panic_is_reachable() }
}
