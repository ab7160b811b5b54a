import {isBytes} from '../bencode/bencode-value.js'
import {BLOCK_SIZE, HASH_SIZE, log2, merkleRootOfLayer, zeroSubtreeRoot} from '../hash/merkle.js'
import type {DictReader} from './dict-reader.js'
import {isPowerOfTwo} from './limits.js'
import type {V2File} from './metainfo.js'
import {dataKeyPath} from './validation-issue.js'

/**
 * Reads BEP 52 `piece layers` and checks each against its file: one entry per file larger than a
 * piece, exactly 32 bytes per piece, folding up to the file's `pieces root`. libtorrent checks only
 * the sizes at load; BEP 52 says a torrent whose layers do not match its roots is not valid, and the
 * fold needs no file I/O, so we check it.
 */
export function checkPieceLayers(top: DictReader, files: V2File[], pieceLength: number): Map<string, Uint8Array> {
  const {issues} = top
  const layersPath = top.pathOf('piece layers')
  const dict = top.dictionary('piece layers')
  const layers = new Map<string, Uint8Array>()
  // Present but unusable: already an error, so not also "missing" for its file.
  const malformed = new Set<string>()
  for (const [key, value] of dict ?? []) {
    const path = dataKeyPath(layersPath, Buffer.from(key, 'latin1').toString('hex'))
    if (key.length !== HASH_SIZE) issues.error('piece-layer-key', path, `${path}: a piece layers key must be a 32-byte pieces root`)
    else if (!isBytes(value) || value.length % HASH_SIZE !== 0) {
      issues.error('piece-layer-size', path, `${path} must be a byte string of 32-byte hashes`)
      malformed.add(key)
    } else layers.set(key, value)
  }

  if (!isPowerOfTwo(pieceLength) || pieceLength < BLOCK_SIZE) return layers
  const padHash = zeroSubtreeRoot(log2(pieceLength / BLOCK_SIZE))
  const used = new Set<string>()
  let missing = 0
  for (const file of files) {
    if (file.piecesRoot === undefined) continue
    const key = Buffer.from(file.piecesRoot).toString('latin1')
    used.add(key)
    if (file.length <= pieceLength) continue
    const layer = layers.get(key)
    if (layer === undefined) {
      if (!malformed.has(key)) missing++
      continue
    }
    const path = dataKeyPath(layersPath, Buffer.from(file.piecesRoot).toString('hex'))
    const expected = Math.ceil(file.length / pieceLength) * HASH_SIZE
    if (layer.length !== expected) {
      issues.error('piece-layer-size', path, `${path} is ${layer.length} bytes, but a file of ${file.length} bytes needs ${expected}`)
    } else if (!merkleRootOfLayer(layer, padHash).equals(file.piecesRoot)) {
      issues.error('piece-layer-root-mismatch', path, `${path} does not fold up to the pieces root of its file`)
    }
  }
  if (missing > 0) {
    issues.warning(
      'piece-layer-missing',
      layersPath,
      `${missing} file(s) larger than a piece have no piece layer: clients must fetch those hashes from peers, and verify cannot check them`,
    )
  }
  const unused = [...layers.keys()].filter((key) => !used.has(key)).length
  if (unused > 0) issues.warning('piece-layer-unused', layersPath, `${unused} piece layer(s) belong to no file in the file tree`)
  return layers
}
