/* The header's version macros against the library's nanoclust_version():
 * prints both; exit status 0 iff they agree. tests/c_library.rs compares the
 * printed header version with Cargo.toml's. */
#include <stdio.h>
#include <string.h>

#include "nanoclust.h"

#if !defined(NANOCLUST_VERSION_MAJOR) || !defined(NANOCLUST_VERSION_MINOR) || !defined(NANOCLUST_VERSION_PATCH)
#error "nanoclust.h lacks the version macros"
#endif
/* Usable in #if. */
#if NANOCLUST_VERSION != ((NANOCLUST_VERSION_MAJOR << 16) | (NANOCLUST_VERSION_MINOR << 8) | NANOCLUST_VERSION_PATCH)
#error "NANOCLUST_VERSION disagrees with its parts"
#endif

int main(void) {
    unsigned long library = (unsigned long)nanoclust_version();
    unsigned long header = (unsigned long)NANOCLUST_VERSION;
    char parts[64];
    snprintf(parts, sizeof parts, "%d.%d.%d", NANOCLUST_VERSION_MAJOR, NANOCLUST_VERSION_MINOR, NANOCLUST_VERSION_PATCH);
    printf("header %s (string \"%s\", %#lx) library %lu.%lu.%lu (%#lx)\n", parts, NANOCLUST_VERSION_STRING, header,
           library >> 16, (library >> 8) & 0xff, library & 0xff, library);
    return header == library && strcmp(parts, NANOCLUST_VERSION_STRING) == 0 ? 0 : 1;
}
