/* Produces the pinned test vectors of src/rng.rs: gcc -O2 tools/rng_reference.c -o /tmp/rng_ref && /tmp/rng_ref */
/* Reference implementations by Sebastiano Vigna (public domain): splitmix64.c, xoshiro256starstar.c */
#include <stdint.h>
#include <stdio.h>
static uint64_t x;
uint64_t splitmix_next(void) { uint64_t z = (x += 0x9e3779b97f4a7c15); z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9; z = (z ^ (z >> 27)) * 0x94d049bb133111eb; return z ^ (z >> 31); }
static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t s[4];
uint64_t next(void) { const uint64_t result = rotl(s[1] * 5, 7) * 9; const uint64_t t = s[1] << 17; s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45); return result; }
int main(void) {
  uint64_t seeds[3] = {0, 42, 0xFFFFFFFFFFFFFFFFull};
  for (int j = 0; j < 3; j++) {
    x = seeds[j]; for (int i = 0; i < 4; i++) s[i] = splitmix_next();
    printf("seed %llu:", (unsigned long long)seeds[j]);
    for (int i = 0; i < 5; i++) printf(" %llu", (unsigned long long)next());
    printf("\n");
  }
  x = 1234567; printf("splitmix 1234567:"); for (int i=0;i<5;i++) printf(" %llu", (unsigned long long)splitmix_next()); printf("\n");
}
