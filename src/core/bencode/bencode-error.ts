import {InvalidTorrentError} from '../errors.js'

export type BencodeErrorCode =
  | 'bencode-syntax'
  | 'bencode-truncated'
  | 'bencode-too-large'
  | 'bencode-too-deep'
  | 'bencode-too-many-tokens'
  | 'bencode-integer-range'
  | 'bencode-duplicate-key'

/** Bytes that are not bencode, or bencode beyond a decoder limit. `offset` is where it went wrong. */
export class BencodeError extends InvalidTorrentError {
  declare readonly code: BencodeErrorCode
  declare readonly offset: number

  constructor(code: BencodeErrorCode, message: string, offset: number) {
    super(code, `invalid bencode at byte ${offset}: ${message}`, offset)
  }
}
