import fc from 'fast-check'

/** A folder: names to file lengths or subfolders. */
export interface Tree {
  [name: string]: number | Tree
}

export interface TreeFile {
  path: string[]
  length: number
}

/** Names any creator may write (no dot files, which `create` skips, and no trailing dot or space). */
export const safeName = fc.stringMatching(/^[A-Za-z0-9_éß😀-][A-Za-z0-9 _éß😀.-]{0,7}$/u).filter((name) => !/[ .]$/u.test(name))

const fileLength = fc.oneof({weight: 1, arbitrary: fc.constant(0)}, {weight: 6, arbitrary: fc.integer({min: 1, max: 70_000})})

/** A small random tree: at most 4 entries per folder, 3 levels deep, never an empty folder. */
export const randomTree: fc.Arbitrary<Tree> = fc.letrec<{tree: Tree}>((tie) => ({
  tree: fc.dictionary(safeName, fc.oneof({depthSize: 'small', maxDepth: 3}, fileLength, tie('tree')), {minKeys: 1, maxKeys: 4}),
})).tree

/** The files of a tree in BEP 52 order: raw UTF-8 bytes, element by element. */
export function treeFiles(tree: Tree, prefix: string[] = []): TreeFile[] {
  const names = Object.keys(tree).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  return names.flatMap((name) => {
    const entry = tree[name]!
    return typeof entry === 'number' ? [{path: [...prefix, name], length: entry}] : treeFiles(entry, [...prefix, name])
  })
}

/** A tree with at least one byte in it (a torrent of only empty files is invalid). */
export const nonEmptyTree = randomTree.filter((tree) => treeFiles(tree).some((file) => file.length > 0))

export const pieceLength = fc.constantFrom(16 * 1024, 32 * 1024, 64 * 1024)
