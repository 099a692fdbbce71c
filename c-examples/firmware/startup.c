/*
 * Minimal Cortex-M4F startup for QEMU's mps2-an386: vector table, FPU enable,
 * .data copy, .bss zeroing, semihosting stdio, main, exit(status). Exit codes
 * reach the host through semihosting (qemu-system-arm exits with them).
 */
#include <stdint.h>
#include <stdlib.h>

extern uint32_t _sdata, _edata, _etext, _sbss, _ebss, _stack_top;
extern int main(void);
extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);

void Reset_Handler(void);
void Default_Handler(void);

void Reset_Handler(void) {
    /* Enable CP10/CP11 (the FPU) before any floating-point instruction. */
    volatile uint32_t *cpacr = (volatile uint32_t *)0xE000ED88u;
    *cpacr |= 0xFu << 20;
    __asm volatile("dsb\n isb");
    uint32_t *src = &_etext;
    for (uint32_t *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
    for (uint32_t *dst = &_sbss; dst < &_ebss;) *dst++ = 0;
    initialise_monitor_handles();
    __libc_init_array();
    exit(main());
}

void Default_Handler(void) {
    /* A fault: report failure to the host. */
    exit(99);
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(&_stack_top), Reset_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, 0, 0, 0, 0,
    Default_Handler, Default_Handler, 0, Default_Handler, Default_Handler,
};

/* newlib's init hooks (no C++ constructors here). */
void _init(void) {}
void _fini(void) {}
