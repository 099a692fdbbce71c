/* The cases both sides run; one function per family, listed in FW_CASES. */
#ifndef NANOCLUST_FW_CASES_H
#define NANOCLUST_FW_CASES_H

void case_core(void);

#define FW_CASES \
    FW_CASE(core)

#endif
