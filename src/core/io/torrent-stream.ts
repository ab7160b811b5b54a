import {defaultDecodeLimits} from '../bencode/decode.js'
import {InvalidTorrentError} from '../errors.js'

/**
 * Reads a .torrent from a stream (standard input, a pipe) up to `maxBytes`. One byte past the
 * limit ends the read: leaving the loop destroys the stream, so the rest is never read and the
 * writer gets EPIPE. `label` names the source in the error ("stdin", a FIFO's path).
 */
export async function readTorrentStream(stream: AsyncIterable<Uint8Array | string>, label: string, maxBytes = defaultDecodeLimits.maxBytes, first?: Uint8Array): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  const take = (chunk: Uint8Array | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    chunks.push(bytes)
    total += bytes.length
    if (total > maxBytes) throw new InvalidTorrentError('torrent-too-large', `${label} holds more than the ${maxBytes}-byte limit for a .torrent file; the rest was not read`)
  }
  if (first !== undefined) take(first)
  for await (const chunk of stream) take(chunk)
  return Buffer.concat(chunks, total)
}
