/**
 * A value that is already bencoded, written by the encoder exactly as given. It exists so an edit
 * can keep the original bytes of `info` (and so its info-hash, BEP 3) while the dictionary around
 * it is re-encoded. The bytes are trusted: they must be one complete bencoded value, such as a
 * span the decoder recorded.
 */
export class RawBencode {
  readonly bytes: Uint8Array

  constructor(bytes: Uint8Array) {
    this.bytes = bytes
  }
}
