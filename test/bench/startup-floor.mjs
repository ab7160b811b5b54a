// The start-up floor: what a Node program needs to make a v1 torrent of one small file when it
// loads nothing but node:fs and node:crypto. `node startup-floor.mjs <file> <out>`: stat, read,
// SHA-1, a minimal bencoded torrent, then a temp file, fsync and rename, as `create` writes. No
// flags, checks, report or CLI framework: how close to `node -e 0` any Node design can get.
import {createHash} from 'node:crypto'
import {closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync} from 'node:fs'
import {basename} from 'node:path'

const [file, out] = process.argv.slice(2)
const data = readFileSync(file)
const pieceLength = 2 ** 20
const pieces = []
for (let at = 0; at < data.length; at += pieceLength) pieces.push(createHash('sha1').update(data.subarray(at, at + pieceLength)).digest())
const string = (value) => {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value)
  return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes])
}
const name = basename(file)
const info = Buffer.concat([Buffer.from(`d6:lengthi${data.length}e4:name`), string(name), Buffer.from(`12:piece lengthi${pieceLength}e6:pieces`), string(Buffer.concat(pieces)), Buffer.from('e')])
const torrent = Buffer.concat([Buffer.from('d4:info'), info, Buffer.from('e')])
const temp = `${out}.${process.pid}.tmp`
const fd = openSync(temp, 'wx')
writeSync(fd, torrent)
fsyncSync(fd)
closeSync(fd)
renameSync(temp, out)
