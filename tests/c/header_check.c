/* Compiled as C99 (and, renamed, as C++11) with -Wall -Wextra -Werror -pedantic by
 * tests/c_header.rs, linked against libnanoclust, and run: the header is valid C
 * and C++, and its declarations link to the library's exports. */
#include "nanoclust.h"

#include <stdio.h>
#include <string.h>

int main(void) {
    int failures = 0;
    nanoclust_status s;
    for (s = NANOCLUST_OK; s <= NANOCLUST_ERR_NUMERICAL; s++) {
        const char *msg = nanoclust_status_message(s);
        if (msg == NULL || msg[0] == '\0') {
            printf("status %d has no message\n", (int)s);
            failures++;
        }
    }
    if (strcmp(nanoclust_status_message(-1), nanoclust_status_message(12345)) != 0) {
        printf("unknown codes should share the generic message\n");
        failures++;
    }
    if (nanoclust_version() == 0) {
        printf("version is 0\n");
        failures++;
    }
    printf("header_check: %d failures\n", failures);
    return failures != 0;
}
