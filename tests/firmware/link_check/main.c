/*
 * Panic-freedom link check (gate 2): a tiny Cortex-M program that calls every
 * exported nanoclust function (one file per family, each defining
 * `int link_<family>(void)`). It is linked with -Wl,--gc-sections against the
 * firmware build of libnanoclust.a; the final ELF must contain no symbol
 * matching panic, unwind or rust_begin. It is never run: only its symbols are
 * inspected (see .ci/panic-check).
 */
#include "families.h"

volatile int nanoclust_link_check_result;

int main(void) {
    int sum = 0;
#define NANOCLUST_LINK(family) sum += link_##family();
    NANOCLUST_LINK_FAMILIES
#undef NANOCLUST_LINK
    nanoclust_link_check_result = sum;
    return sum != 0;
}
