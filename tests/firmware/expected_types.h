/* The layout of build/expected.h (generated on the host by host_record.c). */
#ifndef NANOCLUST_FW_EXPECTED_TYPES_H
#define NANOCLUST_FW_EXPECTED_TYPES_H
#include <stddef.h>
#include <stdint.h>

typedef enum { FW_I32, FW_U32, FW_F32, FW_F64 } fw_type;

typedef struct {
    const char *name;
    fw_type type;
    size_t count;
    const void *values;
} fw_expected;

#endif
