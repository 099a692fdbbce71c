/*
 * Flash-size probe: an "empty" firmware (LINK_FAMILY undefined) or one that
 * links a single family's exports through link_check/<family>.c. The
 * difference in text + rodata is what that family of nanoclust costs in flash.
 * Never run; only measured.
 */
#include <stdio.h>

#ifdef LINK_FAMILY
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
int CAT(link_, LINK_FAMILY)(void);
#endif

int main(void) {
    int r = 0;
#ifdef LINK_FAMILY
    r = CAT(link_, LINK_FAMILY)();
#endif
    printf("%d\n", r);
    return r;
}
