import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, expect, it} from 'vitest'
import {parseMetainfo} from '../../src/core/metainfo/parse-metainfo.js'
import {verifyContent} from '../../src/core/use-cases/verify-content.js'
import {describeWithTool, SYSTEM_PYTHON} from '../helpers/external-tools.js'
import {ltRecheck} from '../helpers/libtorrent.js'
import {REPO_ROOT} from '../helpers/run-cli.js'
import {
  type Dict,
  KiB,
  encode,
  payload,
  torrent,
  v1File,
  v1MultiInfo,
  v1Pieces,
  v1SingleInfo,
  v2File,
  v2Info,
  v2Torrent,
} from '../helpers/torrent-builder.js'

/**
 * Issue 11, section 4: every "missing field" and "wrong type" rule of our parser against
 * libtorrent 2.0.8's loader (`lt.torrent_info`, Debian's python3-libtorrent). Each case is a
 * malformed torrent loaded by both; they must agree on accept or reject, except where we are
 * knowingly stricter: those cases name the code docs/validation.md lists under "Stricter than
 * libtorrent". For accepted torrents the file sizes (pads included) and the piece count must agree.
 */

const L = 16 * KiB
const a = payload(20_000, 1)
const b = payload(5_000, 2)

interface Case {
  name: string
  /**
   * What libtorrent 2.0.8 said when this was written, recorded with the loop in libtorrentVerdicts
   * (`/usr/bin/python3 -c '... lt.torrent_info(path) ...'`): 'loads', or its error message.
   */
  libtorrent: string
  bytes: () => Buffer
  /** The code of the error we report where libtorrent loads the torrent (listed in docs/validation.md). */
  stricter?: string
}

/** dir/{a.txt, b.bin}, v1, 2 pieces of 16 KiB; `edit` pokes at the info dict. */
function v1(edit: (info: Dict) => void = () => {}, top: Dict = {}): Buffer {
  const info = v1MultiInfo('dir', [v1File('a.txt', a), v1File('b.bin', b)], L)
  edit(info)
  return torrent(info, top)
}

/** v1 multi-file info for files given as raw entries (pads, symlinks) over `data`, the piece space. */
function v1Raw(files: Dict[], data: Buffer, extra: Dict = {}): Buffer {
  return torrent({name: 'dir', 'piece length': L, files, pieces: v1Pieces(data, L), ...extra})
}

function v2(edit: (info: Dict, tree: Dict) => void = () => {}): Buffer {
  const {info, layers} = v2Info('dir', [v2File('a.txt', a), v2File('b.bin', b)], L)
  edit(info, info['file tree'])
  return v2Torrent(info, layers)
}

const symlink = (length: number | undefined, extra: Dict = {}): Dict => ({
  ...(length === undefined ? {} : {length}),
  path: ['link'],
  attr: 'l',
  'symlink path': ['a.txt'],
  ...extra,
})

const CASES: Case[] = [
  // BEP 47 pads and symlinks (the section's two fixes)
  {name: 'v1 pad file without path', libtorrent: 'loads', bytes: () => v1Raw([{length: 20_000, path: ['a.txt']}, {length: 12_768, attr: 'p'}, {length: 5_000, path: ['b.bin']}], Buffer.concat([a, Buffer.alloc(12_768), b]))},
  {name: 'v1 pad file with an empty path', libtorrent: 'loads', bytes: () => v1Raw([{length: 20_000, path: ['a.txt']}, {length: 12_768, path: [], attr: 'p'}, {length: 5_000, path: ['b.bin']}], Buffer.concat([a, Buffer.alloc(12_768), b]))},
  {name: 'v1 symlink without length', libtorrent: 'loads', bytes: () => v1Raw([{length: 20_000, path: ['a.txt']}, symlink(undefined), {length: 5_000, path: ['b.bin']}], Buffer.concat([a, b]))},
  {name: 'v1 symlink with length 7000 before a file: 0 bytes of the pieces', libtorrent: 'loads', bytes: () => v1Raw([{length: 20_000, path: ['a.txt']}, symlink(7_000), {length: 5_000, path: ['b.bin']}], Buffer.concat([a, b]))},
  {name: 'v1 symlink whose length is a string', libtorrent: 'loads', bytes: () => v1Raw([{length: 20_000, path: ['a.txt']}, symlink(undefined, {length: 'x'}), {length: 5_000, path: ['b.bin']}], Buffer.concat([a, b]))},
  {name: 'v1 symlink without symlink path', libtorrent: 'loads', bytes: () => v1Raw([{length: 20_000, path: ['a.txt']}, {length: 0, path: ['link'], attr: 'l'}, {length: 5_000, path: ['b.bin']}], Buffer.concat([a, b])), stricter: 'missing-field'},
  {name: 'v1 symlink path element not a string', libtorrent: 'invalid \'name\' of torrent (possible exploit attempt)', bytes: () => v1Raw([{length: 20_000, path: ['a.txt']}, symlink(0, {'symlink path': [1]}), {length: 5_000, path: ['b.bin']}], Buffer.concat([a, b]))},
  {name: 'v2 symlink without length or pieces root', libtorrent: 'loads', bytes: () => v2((_, tree) => void (tree.link = {'': {attr: 'l', 'symlink path': ['a.txt']}}))},
  {name: 'v2 symlink with length 7000', libtorrent: 'loads', bytes: () => v2((_, tree) => void (tree.link = {'': {attr: 'l', length: 7_000, 'symlink path': ['a.txt']}}))},
  // missing fields
  {name: 'no name', libtorrent: 'missing name in torrent file', bytes: () => v1((info) => delete info.name)},
  {name: 'no piece length', libtorrent: 'invalid or missing \'piece length\' entry in torrent file', bytes: () => v1((info) => delete info['piece length'])},
  {name: 'no pieces', libtorrent: 'invalid or missing \'pieces\' entry in torrent file', bytes: () => v1((info) => delete info.pieces)},
  {name: 'neither length nor files', libtorrent: 'invalid length of torrent', bytes: () => v1((info) => delete info.files)},
  {name: 'a file without length', libtorrent: 'invalid length of torrent', bytes: () => v1((info) => delete info.files[1].length)},
  {name: 'a file without path', libtorrent: 'missing name in torrent file', bytes: () => v1((info) => delete info.files[1].path)},
  {name: 'a file with an empty path', libtorrent: 'missing name in torrent file', bytes: () => v1((info) => void (info.files[1].path = []))},
  {name: 'v2 without file tree', libtorrent: 'the v2 torrent file has no file tree', bytes: () => v2((info) => delete info['file tree'])},
  {name: 'v2 file without length', libtorrent: 'invalid length of torrent', bytes: () => v2((_, tree) => delete tree['b.bin'][''].length)},
  {name: 'v2 file without pieces root', libtorrent: 'a v2 file entry has no root hash', bytes: () => v2((_, tree) => delete tree['b.bin']['']['pieces root'])},
  {name: 'v2 without piece layers', libtorrent: 'loads', bytes: () => encode({info: v2Info('dir', [v2File('a.txt', a), v2File('b.bin', b)], L).info})},
  // wrong types
  {name: 'info is a list', libtorrent: 'missing or invalid \'info\' section in torrent file', bytes: () => encode({info: [1]})},
  {name: 'name is an integer', libtorrent: 'missing name in torrent file', bytes: () => v1((info) => void (info.name = 5))},
  {name: 'piece length is a string', libtorrent: 'invalid or missing \'piece length\' entry in torrent file', bytes: () => v1((info) => void (info['piece length'] = '16384'))},
  {name: 'pieces is a list', libtorrent: 'invalid or missing \'pieces\' entry in torrent file', bytes: () => v1((info) => void (info.pieces = [info.pieces]))},
  {name: 'files is a dictionary', libtorrent: 'invalid length of torrent', bytes: () => v1((info) => void (info.files = {a: 1}))},
  {name: 'a files entry is a list', libtorrent: 'Success', bytes: () => v1((info) => void (info.files[1] = [5000]))},
  {name: 'a file length is a string', libtorrent: 'invalid length of torrent', bytes: () => v1((info) => void (info.files[1].length = '5000'))},
  {name: 'a file length is negative', libtorrent: 'invalid length of torrent', bytes: () => v1((info) => void (info.files[1].length = -1))},
  {name: 'path is a string', libtorrent: 'missing name in torrent file', bytes: () => v1((info) => void (info.files[1].path = 'b.bin'))},
  {name: 'a path element is an integer', libtorrent: 'invalid \'name\' of torrent (possible exploit attempt)', bytes: () => v1((info) => void (info.files[1].path = [7]))},
  {name: 'length is a string (single file)', libtorrent: 'invalid length of torrent', bytes: () => torrent({...v1SingleInfo('a.txt', a, L), length: '20000'})},
  // unsafe or ambiguous: libtorrent renames or sanitises, we refuse (docs/validation.md)
  {name: 'meta version 1 in a v1 torrent', libtorrent: 'loads', bytes: () => v1((info) => void (info['meta version'] = 1)), stricter: 'meta-version-invalid'},
  {name: 'a duplicate key in a v1 info', libtorrent: 'loads', bytes: () => Buffer.from(v1().toString('latin1').replace('4:name3:dir', '4:name3:dir4:name3:dir'), 'latin1'), stricter: 'bencode-duplicate-key'},
  {name: 'an empty name (multi-file)', libtorrent: 'loads', bytes: () => v1((info) => void (info.name = '')), stricter: 'path-empty-element'},
  {name: 'a path element ..', libtorrent: 'loads', bytes: () => v1((info) => void (info.files[1].path = ['..', 'b.bin'])), stricter: 'path-dot-element'},
  {name: 'a path element with a slash', libtorrent: 'loads', bytes: () => v1((info) => void (info.files[1].path = ['x/b.bin'])), stricter: 'path-separator'},
  {name: 'two files with the same path', libtorrent: 'loads', bytes: () => v1((info) => void (info.files[1].path = ['a.txt'])), stricter: 'path-duplicate'},
  {name: 'a file where a folder is needed', libtorrent: 'loads', bytes: () => v1((info) => void (info.files[1].path = ['a.txt', 'b.bin'])), stricter: 'path-file-directory-collision'},
  {name: 'a path element with a control character', libtorrent: 'loads', bytes: () => v1((info) => void (info.files[1].path = ['b\u0001.bin'])), stricter: 'path-control-character'},
  {name: 'creation date 2^53+1', libtorrent: 'loads', bytes: () => Buffer.from(v1().toString('latin1').replace('4:infod', '13:creation datei9007199254740993e4:infod'), 'latin1'), stricter: 'bencode-integer-range'},
  {name: 'piece length 2^29 (v1)', libtorrent: 'loads', bytes: () => torrent(v1MultiInfo('dir', [v1File('a.txt', a), v1File('b.bin', b)], 2 ** 29)), stricter: 'piece-length-too-large'},
  {name: 'both length and files', libtorrent: 'loads', bytes: () => v1((info) => void (info.length = 25_000)), stricter: 'length-and-files'},
  {name: 'attr is an integer', libtorrent: 'loads', bytes: () => v1((info) => void (info.files[1].attr = 1))},
  {name: 'sha1 is 3 bytes', libtorrent: 'loads', bytes: () => v1((info) => void (info.files[1].sha1 = 'abc'))},
  {name: 'private is a string', libtorrent: 'loads', bytes: () => v1((info) => void (info.private = '1'))},
  {name: 'meta version is a string (v2 keys present)', libtorrent: 'the torrent contains v2 keys but does not specify meta version 2', bytes: () => v2((info) => void (info['meta version'] = '2'))},
  {name: 'file tree is a list', libtorrent: 'the v2 torrent file has no file tree', bytes: () => v2((info) => void (info['file tree'] = []))},
  {name: 'a v2 file length is a string', libtorrent: 'invalid length of torrent', bytes: () => v2((_, tree) => void (tree['b.bin'][''].length = '5000'))},
  {name: 'a v2 pieces root is an integer', libtorrent: 'a v2 file entry has no root hash', bytes: () => v2((_, tree) => void (tree['b.bin']['']['pieces root'] = 1))},
  {name: 'announce is an integer', libtorrent: 'loads', bytes: () => v1(() => {}, {announce: 1})},
  {name: 'announce-list is a string', libtorrent: 'loads', bytes: () => v1(() => {}, {'announce-list': 'http://t.example/a'})},
  {name: 'url-list is an integer', libtorrent: 'loads', bytes: () => v1(() => {}, {'url-list': 1})},
  {name: 'creation date is a string', libtorrent: 'loads', bytes: () => v1(() => {}, {'creation date': 'yesterday'})},
  {name: 'comment is an integer', libtorrent: 'loads', bytes: () => v1(() => {}, {comment: 1})},
]

interface LtVerdict {
  ok: boolean
  error?: string
  sizes?: number[]
  /** Which of `sizes` are pad files (libtorrent adds its own to a v2 torrent's files). */
  pads?: boolean[]
  pieces?: number
}

/** One Python process loads every case: [{ok, sizes, pieces} | {ok: false, error}] in order. */
function libtorrentVerdicts(paths: string[]): LtVerdict[] {
  const script = [
    'import json, sys, libtorrent as lt',
    'out = []',
    'for p in sys.argv[1:]:',
    '    try:',
    '        ti = lt.torrent_info(p)',
    '        fs = ti.files()',
    "        out.append({'ok': True, 'sizes': [fs.file_size(i) for i in range(fs.num_files())], 'pads': [bool(fs.file_flags(i) & lt.file_storage.flag_pad_file) for i in range(fs.num_files())], 'pieces': ti.num_pieces()})",
    '    except Exception as e:',
    "        out.append({'ok': False, 'error': str(e)})",
    'print(json.dumps(out))',
  ].join('\n')
  const result = spawnSync(SYSTEM_PYTHON, ['-c', script, ...paths], {encoding: 'utf8', timeout: 120_000})
  return JSON.parse(result.stdout) as LtVerdict[]
}

function ourVerdict(bytes: Buffer): {ok: boolean; error?: string; sizes?: number[]; pieces?: number; v2?: boolean} {
  try {
    const {metainfo, issues} = parseMetainfo(bytes)
    const error = issues.find((issue) => issue.severity === 'error')
    if (error !== undefined) return {ok: false, error: error.code}
    const files = metainfo.metaVersion === 'v2' ? metainfo.v2.files : metainfo.v1.files
    const sizes = files.map((file) => file.length)
    const total = sizes.reduce((sum, size) => sum + size, 0)
    const pieces = metainfo.metaVersion === 'v2' ? files.reduce((sum, file) => sum + Math.ceil(file.length / metainfo.pieceLength), 0) : Math.ceil(total / metainfo.pieceLength)
    return {ok: true, sizes, pieces, v2: metainfo.metaVersion === 'v2'}
  } catch (error) {
    return {ok: false, error: (error as {code?: string}).code}
  }
}

describeWithTool('libtorrent', 'the parser against libtorrent 2.0.8 on malformed torrents (BEP 3, 47, 52)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'mktorrent-differential-'))
  afterAll(() => rmSync(scratch, {recursive: true, force: true}))
  const paths = CASES.map((entry, index) => {
    const path = join(scratch, `${index}.torrent`)
    writeFileSync(path, entry.bytes())
    return path
  })
  const verdicts = libtorrentVerdicts(paths)
  const validationDoc = readFileSync(join(REPO_ROOT, 'docs/validation.md'), 'utf8')

  it.each(CASES.map((entry, index) => [entry.name, index] as const))('%s', (_, index) => {
    const entry = CASES[index]!
    const lt = verdicts[index]!
    const ours = ourVerdict(readFileSync(paths[index]!))
    expect(lt.ok ? 'loads' : lt.error).toBe(entry.libtorrent)
    if (entry.stricter !== undefined) {
      expect({lt: lt.ok, ours: ours.ok, code: ours.error}).toEqual({lt: true, ours: false, code: entry.stricter})
      expect(validationDoc).toContain(`\`${entry.stricter}\``)
      return
    }
    expect({ours: ours.ok, why: ours.error}).toEqual({ours: lt.ok, why: ours.error})
    if (!lt.ok) return
    // libtorrent lays a v2 torrent's files out with pads of its own; our v2 model has none.
    const sizes = ours.v2 === true ? lt.sizes!.filter((_, i) => !lt.pads![i]) : lt.sizes
    expect({sizes: ours.sizes, pieces: ours.pieces}).toEqual({sizes, pieces: lt.pieces})
  })
})

describeWithTool('libtorrent', 'a BEP 47 symlink entry with a nonzero length, then a file', () => {
  it('takes no bytes of the pieces: libtorrent and verify both find every piece of the file after it', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mktorrent-symlink-'))
    try {
      const root = join(scratch, 'dir')
      mkdirSync(root)
      writeFileSync(join(root, 'a.txt'), a)
      symlinkSync('a.txt', join(root, 'link'))
      writeFileSync(join(root, 'b.bin'), b)
      // Pieces over a.txt then b.bin only; a reader that counted the link's 7000 bytes would look
      // for b.bin 7000 bytes further on and fail its pieces.
      const path = join(scratch, 'link.torrent')
      writeFileSync(path, v1Raw([{length: 20_000, path: ['a.txt']}, symlink(7_000), {length: 5_000, path: ['b.bin']}], Buffer.concat([a, b])))
      const lt = ltRecheck(path, scratch)
      expect({have: lt.havePieces, of: lt.numPieces, errors: lt.errors}).toEqual({have: 2, of: 2, errors: []})
      const report = await verifyContent({torrent: readFileSync(path), content: root, threads: 1})
      expect(report.files.map((file) => [file.path, file.status])).toEqual([
        ['a.txt', 'ok'],
        ['link', 'ok'],
        ['b.bin', 'ok'],
      ])
      expect(report.ok).toBe(true)
    } finally {
      rmSync(scratch, {recursive: true, force: true})
    }
  })
})
