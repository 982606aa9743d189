#include "LineScan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Bit i set where `p[i]` is a newline, for 64 bytes that may all be read.
static inline uint64_t newlines64(const uint8_t *p) {
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  uint64_t mask = 0;
  for (int part = 0; part < 4; part++) {
    __m128i chunk = _mm_loadu_si128((const __m128i *)(p + 16 * part));
    mask |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, newline)) << (16 * part);
  }
  return mask;
#else
  // Exact zero-byte test per word (no carries between bytes), high bits gathered into one byte.
  const uint64_t low7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
  uint64_t mask = 0;
  for (int part = 0; part < 8; part++) {
    uint64_t word;
    memcpy(&word, p + 8 * part, 8);
    uint64_t x = word ^ UINT64_C(0x0A0A0A0A0A0A0A0A);
    uint64_t zero = ~(((x & low7) + low7) | x | low7);
    mask |= ((zero >> 7) * UINT64_C(0x0102040810204080) >> 56) << (8 * part);
  }
  return mask;
#endif
}

/// Newline bits of the `n` (< 64) bytes at `p`, without reading past them.
static inline uint64_t newlines_tail(const uint8_t *p, size_t n) {
  uint64_t mask = 0;
  for (size_t index = 0; index < n; index++) mask |= (uint64_t)(p[index] == '\n') << index;
  return mask;
}

/// Newline bits of the block at `block` and its width (64 bytes, or what is left before `count`).
static inline uint64_t block_newlines(const uint8_t *bytes, size_t count, size_t block, size_t *width) {
  *width = count - block < 64 ? count - block : 64;
  return *width == 64 ? newlines64(bytes + block) : newlines_tail(bytes + block, *width);
}

/// Writes line `line` (`bytes[start..<end]`) to `number` and `hash` when its key bit is set; returns
/// how many it wrote (0 or 1).
static inline size_t take_line(
    const uint8_t *bytes, size_t count, size_t start, size_t end, int32_t line, const uint64_t *keys,
    int32_t *number, uint64_t *hash) {
  if (!ls_keys_contain(keys, bytes, count, start, end)) return 0;
  *number = line;
  *hash = ls_hash(bytes, count, start, end);
  return 1;
}

size_t ls_filtered_lines(
    const uint8_t *bytes, size_t count, ls_cursor *cursor, const uint64_t *keys, int32_t *numbers,
    uint64_t *hashes, size_t capacity) {
  size_t written = 0;
  size_t start = cursor->offset;
  int32_t line = cursor->line;
  size_t block = start;
  while (block < count && written < capacity) {
    size_t width;
    uint64_t mask = block_newlines(bytes, count, block, &width);
    while (mask != 0) {
      size_t end = block + (size_t)__builtin_ctzll(mask) + 1;
      mask &= mask - 1;
      written += take_line(bytes, count, start, end, line, keys, numbers + written, hashes + written);
      start = end;
      line++;
      if (written == capacity) break;
    }
    if (written == capacity) break;
    block += width;
  }
  // A last line without a newline.
  if (written < capacity && start < count && block >= count) {
    written += take_line(bytes, count, start, count, line, keys, numbers + written, hashes + written);
    start = count;
    line++;
  }
  cursor->offset = start;
  cursor->line = line;
  return written;
}

size_t ls_skip_lines(const uint8_t *bytes, size_t count, size_t from, size_t lines) {
  if (lines == 0) return from < count ? from : count;
  size_t block = from;
  while (block < count) {
    size_t width;
    uint64_t mask = block_newlines(bytes, count, block, &width);
    size_t found = (size_t)__builtin_popcountll(mask);
    if (found < lines) {
      lines -= found;
      block += width;
      continue;
    }
    while (--lines > 0) mask &= mask - 1;
    return block + (size_t)__builtin_ctzll(mask) + 1;
  }
  return count;
}
