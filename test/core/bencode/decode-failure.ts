import {BencodeError} from '../../../src/core/bencode/bencode-error.js'
import {decodeBencode, type DecodeLimits} from '../../../src/core/bencode/decode.js'

/** The BencodeError that decoding `input` throws; fails the test if it returns or throws anything else. */
export function decodeFailure(input: Uint8Array, limits?: Partial<DecodeLimits>): BencodeError {
  try {
    decodeBencode(input, limits)
  } catch (error) {
    if (error instanceof BencodeError) return error
    throw error
  }
  throw new Error('decodeBencode returned a value instead of throwing')
}
