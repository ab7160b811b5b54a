import type {BencodeDict} from '../bencode/bencode-value.js'
import {isDict, keyBytes} from '../bencode/bencode-value.js'
import {DictReader, describeValueType} from './dict-reader.js'
import {MAX_PIECES} from './limits.js'
import type {V2File, V2Layout} from './metainfo.js'
import {attrOf, fileLength, symlinkLength, symlinkPath} from './parse-v1.js'
import {checkPathCollisions} from './path-collisions.js'
import {checkPathElement} from './path-safety.js'
import {checkPieceLayers} from './piece-layers.js'
import {childPath, dataKeyPath} from './validation-issue.js'

interface TreeNode {
  dict: BencodeDict
  elements: Uint8Array[]
  path: string
}

const PIECES_ROOT_SIZE = 32

/** Reads the BEP 52 view: the `file tree` inside `info` and `piece layers` beside it. */
export function parseV2(info: DictReader, top: DictReader, pieceLength: number): V2Layout {
  const tree = info.dictionary('file tree', {required: 'error'})
  const files = tree === undefined ? [] : walkFileTree(info, tree)
  const singleFile = files.length === 1 && files[0]!.path.length === 1 && isDict(tree?.get(keyOfElement(files[0]!.path[0]!)))
  const pieceLayers = checkPieceLayers(top, files, pieceLength)
  const {issues} = info
  const treePath = info.pathOf('file tree')
  if (tree !== undefined) {
    // A root that is itself a file already has its own error (file-tree-root-is-file).
    if (files.length === 0 && !tree.has('')) issues.error('no-files', treePath, `${treePath} holds no files`)
    else if (files.length > 0 && files.every((file) => file.length === 0)) issues.error('total-length-zero', treePath, 'the torrent holds no data: every file is empty')
  }
  if (pieceLength > 0) {
    const pieces = files.reduce((sum, file) => sum + Math.ceil(file.length / pieceLength), 0)
    if (pieces > MAX_PIECES) issues.error('too-many-pieces', treePath, `the torrent has ${pieces} pieces, over the ${MAX_PIECES} clients accept`)
  }
  checkPathCollisions(files, (index) => describeTreePath(treePath, files[index]!), issues)
  return {singleFile, files, pieceLayers}
}

/** Files in tree order: raw-byte key order at each level, depth first (BEP 52). */
function walkFileTree(info: DictReader, tree: BencodeDict): V2File[] {
  const {issues} = info
  const files: V2File[] = []
  const stack: TreeNode[] = [{dict: tree, elements: [], path: info.pathOf('file tree')}]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.dict.has('')) {
      if (node.elements.length === 0) {
        issues.error('file-tree-root-is-file', node.path, `${node.path} must be a folder of files, not a file`)
        continue
      }
      if (node.dict.size > 1) {
        issues.error('file-tree-file-with-siblings', node.path, `${node.path} is a file, so it cannot hold other entries`)
      }
      const entry = node.dict.get('')!
      const entryPath = childPath(node.path, '')
      if (!isDict(entry)) issues.error('wrong-type', entryPath, `${entryPath} must be a dictionary, not ${describeValueType(entry)}`)
      else files.push(treeFile(new DictReader(entry, entryPath, issues), node.elements))
      continue
    }
    if (node.dict.size === 0 && node.elements.length > 0) {
      issues.warning('file-tree-empty-folder', node.path, `${node.path} is an empty folder`)
    }
    const keys = [...node.dict.keys()].sort()
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!
      const child = node.dict.get(key)!
      const path = dataKeyPath(node.path, Buffer.from(key, 'latin1').toString('utf8'))
      const element = keyBytes(key)
      checkPathElement(element, path, issues)
      if (isDict(child)) stack.push({dict: child, elements: [...node.elements, element], path})
      else issues.error('wrong-type', path, `${path} must be a dictionary, not ${describeValueType(child)}`)
    }
  }
  return files
}

function treeFile(file: DictReader, elements: Uint8Array[]): V2File {
  const attr = attrOf(file)
  const length = attr.includes('l') ? symlinkLength(file) : fileLength(file, 'length')
  const entry: V2File = {path: elements, length, attr, padding: false}
  if (attr.includes('p')) {
    file.issues.error('pad-file-in-file-tree', file.pathOf('attr'), `${file.pathOf('attr')} marks a pad file, which BEP 52 allows only in the v1 files list`)
  }
  if (attr.includes('l')) entry.symlinkPath = symlinkPath(file)
  const root = file.bytes('pieces root')
  const path = file.pathOf('pieces root')
  if (root === undefined) {
    if (length > 0) file.issues.error('pieces-root-missing', path, `${path} is missing, and every non-empty file needs one`)
    return entry
  }
  if (root.length !== PIECES_ROOT_SIZE) file.issues.error('pieces-root-size', path, `${path} is ${root.length} bytes, not 32`)
  else if (root.every((byte) => byte === 0)) file.issues.error('pieces-root-zero', path, `${path} is all zeros`)
  else if (length > 0) entry.piecesRoot = root
  return entry
}

function keyOfElement(element: Uint8Array): string {
  return Buffer.from(element).toString('latin1')
}

function describeTreePath(treePath: string, file: V2File): string {
  return file.path.reduce((path, element) => dataKeyPath(path, Buffer.from(element).toString('utf8')), treePath)
}
