import {formatBytes} from '../../core/bytes.js'
import type {ReportedFile} from '../../core/metainfo/torrent-report.js'
import {escapeControl} from './escape.js'

interface Folder {
  folders: Map<string, Folder>
  files: Array<{name: string; length: number}>
  /** Insertion order of both kinds, so the tree keeps the torrent's order. */
  order: Array<{kind: 'folder' | 'file'; name: string; index: number}>
}

function newFolder(): Folder {
  return {folders: new Map(), files: [], order: []}
}

/** The files as an indented tree with sizes, in torrent order, under the torrent's name. */
export function renderFileTree(name: string, singleFile: boolean, files: ReportedFile[]): string {
  const total = files.reduce((sum, file) => sum + file.length, 0)
  if (singleFile) return `${escapeControl(name)}  ${formatBytes(total)}\n`
  const root = newFolder()
  for (const file of files) {
    const parts = file.path.split('/')
    let folder = root
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part)
      if (next === undefined) {
        next = newFolder()
        folder.folders.set(part, next)
        folder.order.push({kind: 'folder', name: part, index: 0})
      }
      folder = next
    }
    folder.order.push({kind: 'file', name: parts.at(-1)!, index: folder.files.length})
    folder.files.push({name: parts.at(-1)!, length: file.length})
  }
  const lines = [`${escapeControl(name)}/  (${files.length} files, ${formatBytes(total)})`]
  const walk = (folder: Folder, indent: string): void => {
    folder.order.forEach((entry, position) => {
      const last = position === folder.order.length - 1
      const branch = `${indent}${last ? '└── ' : '├── '}`
      if (entry.kind === 'file') {
        const file = folder.files[entry.index]!
        lines.push(`${branch}${escapeControl(file.name)}  ${formatBytes(file.length)}`)
      } else {
        lines.push(`${branch}${escapeControl(entry.name)}/`)
        walk(folder.folders.get(entry.name)!, `${indent}${last ? '    ' : '│   '}`)
      }
    })
  }
  walk(root, '')
  return `${lines.join('\n')}\n`
}
