// The create-torrent contender: npm's `create-torrent` (what most Node users reach for), on the
// same content with 1 MiB pieces. `node create-torrent.mjs <path> <out>`. A devDependency for the
// bench only.
import {writeFileSync} from 'node:fs'
import createTorrent from 'create-torrent'

const [path, out] = process.argv.slice(2)
createTorrent(path, {pieceLength: 2 ** 20, announceList: [['http://localhost/announce']], createdBy: 'bench', filterJunkFiles: false}, (error, torrent) => {
  if (error) throw error
  writeFileSync(out, torrent)
})
