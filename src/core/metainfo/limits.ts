/** libtorrent's `max_file_size`: offsets must fit its 16 KiB-block piece addressing (spec.md 6.2). */
export const MAX_FILE_LENGTH = Math.floor((2 ** 31 - 1) / 2) * 16 * 1024

/** libtorrent's `max_pieces` load limit. */
export const MAX_PIECES = 0x200000

/** libtorrent 2.0.10+ refuses larger pieces: (2^15 − 1) blocks of 16 KiB. */
export const MAX_PIECE_LENGTH = (2 ** 15 - 1) * 16 * 1024

/** BEP 52: v2 piece lengths are powers of two of at least one 16 KiB block. */
export const MIN_V2_PIECE_LENGTH = 16 * 1024

export function isPowerOfTwo(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0 && 2 ** Math.round(Math.log2(value)) === value
}
