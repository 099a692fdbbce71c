/*
 * The firmware check runs the same cases (cases.c) twice: on the host, where
 * record_* writes the results as C source (build/expected.h), and on the
 * emulated Cortex-M4F, where record_* compares each result with that header.
 */
#ifndef NANOCLUST_FW_RECORD_H
#define NANOCLUST_FW_RECORD_H

#include <stddef.h>
#include <stdint.h>

/* Relative tolerance for real values (f32 results of the same code on two ISAs). */
#define FW_REL_TOL 1e-5
#define FW_ABS_TOL 1e-6

void record_i32(const char *name, const int32_t *v, size_t n);
void record_u32(const char *name, const uint32_t *v, size_t n);
void record_f32(const char *name, const float *v, size_t n);
void record_f64(const char *name, const double *v, size_t n);
/* A status must be NANOCLUST_OK on both sides (and is recorded like an integer). */
void record_status(const char *name, int32_t status);

/* Stack high-water marks: paint the free stack, run one call, scan. On the
 * host these are no-ops. CALL(name, call) runs one nanoclust call that way and
 * records its status (which must be NANOCLUST_OK on both sides). */
void stack_paint(void);
void record_call(const char *name, int32_t status);
#define CALL(name, call) record_call((name), (stack_paint(), (call)))

void cases_run_all(void);

#endif
