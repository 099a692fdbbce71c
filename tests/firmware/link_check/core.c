/* Link check: the foundation's exports. */
#include "nanoclust.h"

int link_core(void) {
    const char *msg = nanoclust_status_message(NANOCLUST_ERR_NUMERICAL);
    return (msg != 0 && msg[0] != '\0' && nanoclust_version() != 0) ? NANOCLUST_OK : 1;
}
