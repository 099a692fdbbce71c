/*
 * Firmware side of the check: compares every recorded result with the host's
 * (build/expected.h): integers exactly, reals within FW_REL_TOL. Also measures
 * the stack high-water mark of each case by painting the free stack.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "expected.h"
#include "cases.h"
#include "nanoclust.h"
#include "record.h"

static size_t next_entry;
int fw_failures;
size_t fw_max_stack;

static const fw_expected *expect(const char *name, fw_type type, size_t n) {
    const fw_expected *e = next_entry < FW_EXPECTED_COUNT ? &FW_EXPECTED[next_entry] : NULL;
    next_entry++;
    if (e == NULL || strcmp(e->name, name) != 0 || e->type != type || e->count != n) {
        printf("MISMATCH %s: result layout differs from the host's\n", name);
        fw_failures++;
        return NULL;
    }
    return e;
}

static void report(const char *name, size_t bad, size_t n) {
    if (bad) {
        printf("MISMATCH %s: %u of %u values differ from the host\n", name, (unsigned)bad, (unsigned)n);
        fw_failures++;
    } else {
        printf("  ok %-34s (%u values)\n", name, (unsigned)n);
    }
}

void record_i32(const char *name, const int32_t *v, size_t n) {
    const fw_expected *e = expect(name, FW_I32, n);
    size_t bad = 0;
    if (!e) return;
    for (size_t i = 0; i < n; i++) bad += v[i] != ((const int32_t *)e->values)[i];
    report(name, bad, n);
}

void record_u32(const char *name, const uint32_t *v, size_t n) {
    const fw_expected *e = expect(name, FW_U32, n);
    size_t bad = 0;
    if (!e) return;
    for (size_t i = 0; i < n; i++) bad += v[i] != ((const uint32_t *)e->values)[i];
    report(name, bad, n);
}

static int close_enough(double got, double want) {
    return fabs(got - want) <= FW_REL_TOL * fmax(fabs(got), fabs(want)) + FW_ABS_TOL;
}

void record_f32(const char *name, const float *v, size_t n) {
    const fw_expected *e = expect(name, FW_F32, n);
    size_t bad = 0;
    if (!e) return;
    for (size_t i = 0; i < n; i++) bad += !close_enough(v[i], ((const float *)e->values)[i]);
    report(name, bad, n);
}

void record_f64(const char *name, const double *v, size_t n) {
    const fw_expected *e = expect(name, FW_F64, n);
    size_t bad = 0;
    if (!e) return;
    for (size_t i = 0; i < n; i++) bad += !close_enough(v[i], ((const double *)e->values)[i]);
    report(name, bad, n);
}

void record_status(const char *name, int32_t status) {
    if (status != NANOCLUST_OK) printf("FAILED %s: %s\n", name, nanoclust_status_message(status));
    record_i32(name, &status, 1);
}

/* Stack painting between the linker's stack bottom and the current stack pointer. */
extern uint32_t _stack_bottom;
#define STACK_PATTERN 0xA5A5A5A5u
static uintptr_t painted_from;

static uintptr_t current_sp(void) {
    uintptr_t sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Paints from the stack bottom up to 64 bytes below this function's frame; the
 * measured use counts from the top of that margin, so it over-estimates by at
 * most the margin plus stack_paint's own frame, never under-estimates. */
void stack_paint(void) {
    volatile uint32_t *p = &_stack_bottom;
    painted_from = (current_sp() - 64u) & ~(uintptr_t)3u;
    while ((uintptr_t)p < painted_from) *p++ = STACK_PATTERN;
}

/* Bytes of stack the last call used below the caller's frame (scanned before anything else runs). */
static size_t stack_used(void) {
    const volatile uint32_t *p = &_stack_bottom;
    while ((uintptr_t)p < painted_from && *p == STACK_PATTERN) p++;
    return painted_from + 64u - (uintptr_t)p;
}

static const char *fw_max_stack_call = "";

void record_call(const char *name, int32_t status) {
    size_t used = stack_used();
    if (used > fw_max_stack) {
        fw_max_stack = used;
        fw_max_stack_call = name;
    }
    printf("  stack %5u bytes  %s\n", (unsigned)used, name);
    record_status(name, status);
}

int main(void) {
    uint32_t v = nanoclust_version();
    printf("nanoclust %u.%u.%u on Cortex-M4F (QEMU mps2-an386)\n", (unsigned)(v >> 16), (unsigned)((v >> 8) & 0xffu),
           (unsigned)(v & 0xffu));
    cases_run_all();
    if (next_entry != FW_EXPECTED_COUNT) {
        printf("MISMATCH: %u results recorded, the host recorded %u\n", (unsigned)next_entry,
               (unsigned)FW_EXPECTED_COUNT);
        fw_failures++;
    }
    printf("peak stack of any nanoclust call: %u bytes (%s)\n", (unsigned)fw_max_stack, fw_max_stack_call);
    printf("largest workspace asked for: %u bytes (static buffer: 48 KiB)\n", (unsigned)cases_workspace_high_water());
    printf("firmware: %s (%d mismatches)\n", fw_failures ? "FAILED" : "all results equal the host's", fw_failures);
    return fw_failures ? 1 : 0;
}
