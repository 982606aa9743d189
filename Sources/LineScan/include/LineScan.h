// Line scanning for the move search: the parent version of every changed file is read line by line
// once per commit, hundreds of millions of lines over an old history, so the loop lives in C where
// newlines are found 64 bytes at a time instead of one memchr call per line.
#ifndef OUTCOMES_LINESCAN_H
#define OUTCOMES_LINESCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "LineScan reads words little-endian"
#endif

/// Up to eight bytes at `p` (`len` of them) as a little-endian word, zero above them. `avail` is how many
/// bytes from `p` may be read: a whole word is loaded and masked when the buffer allows it.
static inline uint64_t ls_word(const uint8_t *p, size_t len, size_t avail) {
  uint64_t value = 0;
  if (len >= 8 || avail >= 8) {
    memcpy(&value, p, 8);
    return len >= 8 ? value : len == 0 ? 0 : value & (~UINT64_C(0) >> (64 - 8 * len));
  }
  for (size_t index = 0; index < len; index++) value |= (uint64_t)p[index] << (8 * index);
  return value;
}

static inline uint64_t ls_mix(uint64_t value) {
  uint64_t x = value * UINT64_C(0xBF58476D1CE4E5B9);
  x ^= x >> 31;
  x *= UINT64_C(0x94D049BB133111EB);
  return x ^ (x >> 29);
}

/// A fast 64-bit hash of `bytes[start..<end]`, eight bytes at a time; `count` is the buffer's size.
static inline uint64_t ls_hash(const uint8_t *bytes, size_t count, size_t start, size_t end) {
  uint64_t h = UINT64_C(0x9E3779B97F4A7C15) ^ (uint64_t)(end - start);
  size_t index = start;
  while (index + 8 <= end) {
    uint64_t word;
    memcpy(&word, bytes + index, 8);
    h = ls_mix(h ^ word);
    index += 8;
  }
  return ls_mix(h ^ ls_word(bytes + index, end - index, count - index) ^ UINT64_C(0xFF51AFD7ED558CCD));
}

/// Bits in a key filter (`LS_KEY_WORDS` 64-bit words).
#define LS_KEY_WORDS 1024

/// The filter bit of a line: its length and first eight bytes.
static inline uint32_t ls_key_bit(const uint8_t *bytes, size_t count, size_t start, size_t end) {
  size_t len = end - start;
  uint64_t head = ls_word(bytes + start, len < 8 ? len : 8, count - start);
  uint64_t mixed = (head ^ ((uint64_t)len * UINT64_C(0x9E3779B97F4A7C15))) * UINT64_C(0xBF58476D1CE4E5B9);
  return (uint32_t)((mixed >> 40) % (LS_KEY_WORDS * 64));
}

/// Whether the filter `keys` (`LS_KEY_WORDS` words) holds the key of line `bytes[start..<end]`.
static inline int ls_keys_contain(
    const uint64_t *keys, const uint8_t *bytes, size_t count, size_t start, size_t end) {
  uint32_t bit = ls_key_bit(bytes, count, start, end);
  return (keys[bit >> 6] >> (bit & 63)) & 1;
}

/// Where a scan stopped: the offset of the next line and its 0-based number.
typedef struct {
  size_t offset;
  int32_t line;
} ls_cursor;

/// From `cursor` on, writes the 0-based number and hash of each line whose key bit is set in `keys`
/// (`LS_KEY_WORDS` words) to `numbers` and `hashes`, until the end of the bytes or `capacity` lines.
/// Returns how many were written and leaves `cursor` after the last line read. A line ends after its
/// `\n`, or at the end of the bytes.
size_t ls_filtered_lines(
    const uint8_t *bytes, size_t count, ls_cursor *cursor, const uint64_t *keys, int32_t *numbers,
    uint64_t *hashes, size_t capacity);

/// The offset after `lines` more lines from `from`, or `count` when the bytes end first.
size_t ls_skip_lines(const uint8_t *bytes, size_t count, size_t from, size_t lines);

#endif
