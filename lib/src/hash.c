/* The hash of a byte string: SipHash-1-3, as CPython 3.11 hashes str and bytes.
 *
 * CPython 3.11 keys SipHash with a random secret unless PYTHONHASHSEED=0, when the
 * key is all zero bytes. We always use the zero key, so hash('abc') here equals
 * `PYTHONHASHSEED=0 python3 -c "print(hash('abc'))"`. Rules kept from CPython:
 *   1. the empty input hashes to 0 (hash('') == hash(b'') == 0);
 *   2. -1 is the C API's error value, so a hash of -1 becomes -2.
 * SipHash-c-d: the input is read as little-endian 64-bit words; each word is mixed
 * into the state by c "rounds" (here 1); the last word carries the length in its
 * top byte; then d rounds (here 3) finalise. The state is four 64-bit words.
 */
#include "internal.h"

#include <string.h>

typedef struct {
    uint64_t v0, v1, v2, v3;
} siphash_state;

static inline uint64_t rotl64(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

/* One SipRound: the add-rotate-xor network that mixes the four words. */
static void siphash_round(siphash_state *s)
{
    s->v0 += s->v1; s->v1 = rotl64(s->v1, 13); s->v1 ^= s->v0; s->v0 = rotl64(s->v0, 32);
    s->v2 += s->v3; s->v3 = rotl64(s->v3, 16); s->v3 ^= s->v2;
    s->v0 += s->v3; s->v3 = rotl64(s->v3, 21); s->v3 ^= s->v0;
    s->v2 += s->v1; s->v1 = rotl64(s->v1, 17); s->v1 ^= s->v2; s->v2 = rotl64(s->v2, 32);
}

static void siphash_init(siphash_state *s, uint64_t k0, uint64_t k1)
{
    s->v0 = k0 ^ 0x736f6d6570736575ULL;    /* "somepseu" */
    s->v1 = k1 ^ 0x646f72616e646f6dULL;    /* "dorandom" */
    s->v2 = k0 ^ 0x6c7967656e657261ULL;    /* "lygenera" */
    s->v3 = k1 ^ 0x7465646279746573ULL;    /* "tedbytes" */
}

/* Mix in one message word: one compression round (the "1" of SipHash-1-3). */
static void siphash_compress(siphash_state *s, uint64_t m)
{
    s->v3 ^= m;
    siphash_round(s);
    s->v0 ^= m;
}

/* Little-endian load of n <= 8 bytes. */
static uint64_t siphash_load(const unsigned char *p, size_t n)
{
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)p[i] << (8 * i);
    return w;
}

/* SipHash-1-3 of len bytes under the key (k0, k1). */
static uint64_t siphash13(uint64_t k0, uint64_t k1, const unsigned char *in, size_t len)
{
    siphash_state s;
    siphash_init(&s, k0, k1);
    size_t whole = len & ~(size_t)7;
    for (size_t i = 0; i < whole; i += 8)
        siphash_compress(&s, siphash_load(in + i, 8));
    uint64_t last = siphash_load(in + whole, len - whole) | ((uint64_t)len << 56);
    siphash_compress(&s, last);
    s.v2 ^= 0xff;
    for (int i = 0; i < 3; i++)
        siphash_round(&s);
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

/* region hash_bytes */
Mo_hash_t _Mo_HashBytes(const void *src, Mo_ssize_t len)
{
    if (len <= 0)
        return 0;
    Mo_hash_t h = (Mo_hash_t)siphash13(0, 0, (const unsigned char *)src, (size_t)len);
    return h == -1 ? -2 : h;
}
/* endregion hash_bytes */
