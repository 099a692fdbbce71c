/*
 * hello.c: the smallest nanoclust program. Prints the library version and the
 * message of every status code, the way every example reports failures.
 */
#include <stdio.h>

#include "nanoclust.h"

int main(void) {
    uint32_t v = nanoclust_version();
    nanoclust_status s;
    printf("nanoclust %u.%u.%u\n", (unsigned)(v >> 16), (unsigned)((v >> 8) & 0xff), (unsigned)(v & 0xff));
    for (s = NANOCLUST_OK; s <= NANOCLUST_ERR_NUMERICAL; s++) {
        printf("  status %d: %s\n", (int)s, nanoclust_status_message(s));
    }
    printf("  status 99: %s\n", nanoclust_status_message(99));
    return v == 0;
}
