/*
 * The firmware's workload, shared by the host generator and the firmware: each
 * case calls nanoclust on fixed data with static buffers and records every
 * result. The stack used by each case is measured around it.
 */
#include "cases.h"

#include "nanoclust.h"
#include "record.h"

/* One static workspace serves every call (its size is checked against each query). */
#define WS_BYTES (48u * 1024u)
static uint8_t workspace[WS_BYTES]; /* any alignment works */
static size_t workspace_high_water;

static size_t ws_check(size_t needed) {
    if (needed > workspace_high_water) workspace_high_water = needed;
    return needed <= WS_BYTES ? WS_BYTES : 0;
}

void case_core(void) {
    uint32_t v = nanoclust_version();
    const char *msg = nanoclust_status_message(NANOCLUST_ERR_NUMERICAL);
    int32_t len = 0;
    while (msg[len] != '\0') len++;
    record_u32("version", &v, 1);
    record_i32("numerical_message_length", &len, 1);
    (void)workspace;
    (void)ws_check;
}

void cases_run_all(void) {
#define FW_CASE(name)                       \
    stack_paint();                          \
    case_##name();                          \
    stack_report(#name, stack_used());
    FW_CASES
#undef FW_CASE
}
