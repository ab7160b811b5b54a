import {mkdir, stat} from 'node:fs/promises'
import {join, resolve, sep} from 'node:path'
import {IoError} from '../errors.js'
import {assertWritableDestination} from '../io/write-file-atomic.js'

export interface OutputTarget {
  /** The .torrent file to write, absolute, or `-` for stdout. */
  path: string
  /** A folder to create (with its parents) before writing, when it is missing. */
  folder: string | undefined
}

/**
 * Where `create` writes (docs/config.md, "Output folders"): `output` as a file, or as a folder
 * when it ends in `/` or is an existing folder, which then receives `<name>.torrent`; else
 * `outputDir/<name>.torrent`; else `<name>.torrent` in `cwd`. A folder named by a trailing `/`
 * or by `outputDir` is created when missing.
 */
export async function outputTarget(spec: {output?: string; outputDir?: string; name: string; cwd: string}): Promise<OutputTarget> {
  const file = `${spec.name}.torrent`
  const {output} = spec
  if (output === '-') return {path: '-', folder: undefined}
  if (output !== undefined) {
    const absolute = resolve(spec.cwd, output)
    if (output.endsWith('/') || output.endsWith(sep)) return {path: join(absolute, file), folder: absolute}
    return (await isFolder(absolute)) ? {path: join(absolute, file), folder: undefined} : {path: absolute, folder: undefined}
  }
  if (spec.outputDir !== undefined) {
    const folder = resolve(spec.cwd, spec.outputDir)
    return {path: join(folder, file), folder}
  }
  return {path: resolve(spec.cwd, file), folder: undefined}
}

/**
 * Creates the target's folder if needed and checks, before any hashing, that the file can be
 * written (assertWritableDestination: no-clobber unless `force`).
 */
export async function prepareOutput(target: OutputTarget, options: {force: boolean}): Promise<void> {
  if (target.path === '-') return
  if (target.folder !== undefined) {
    try {
      await mkdir(target.folder, {recursive: true})
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new IoError('output-folder-missing', `cannot create the output folder ${target.folder}: ${code ?? (error as Error).message}`, target.path, {cause: error})
    }
  }
  await assertWritableDestination(target.path, options)
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/** Whether `-o` names a folder (ends in `/`, or is an existing folder): what several torrents need. */
export async function namesFolder(output: string, cwd: string): Promise<boolean> {
  return output.endsWith('/') || output.endsWith(sep) || (await isFolder(resolve(cwd, output)))
}
