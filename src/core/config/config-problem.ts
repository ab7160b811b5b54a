import {UsageError} from '../errors.js'
import {maskSecrets} from './mask-secrets.js'
import type {ParsedConfigText} from './parse-config-text.js'
import {type KeyPath, type SchemaProblem, formatKeyPath} from './schema.js'

/**
 * A problem in a config or batch file as one line: `FILE:LINE: key.path: what is wrong`, with
 * any expanded secret masked (exit 2, docs/config.md). Only the first problem is told, with a
 * count of the others, since every error is one line (docs/exit-codes.md).
 */
export async function configProblem(
  code: string,
  where: {file: string; parsed: ParsedConfigText},
  path: KeyPath,
  message: string,
  options: {more?: number; secrets?: readonly string[]} = {},
): Promise<UsageError> {
  const line = await where.parsed.locate(path)
  const at = line === undefined ? where.file : `${where.file}:${line}`
  const key = path.length === 0 ? '' : `${formatKeyPath(path)}: `
  const more = options.more ? ` (and ${options.more} more problem${options.more === 1 ? '' : 's'})` : ''
  return new UsageError(code, maskSecrets(`${at}: ${key}${message}${more}`, options.secrets ?? []))
}

export function schemaProblemError(where: {file: string; parsed: ParsedConfigText}, problems: SchemaProblem[], secrets: readonly string[] = []): Promise<UsageError> {
  const [first] = problems
  return configProblem(`config-${first!.kind}`, where, first!.path, first!.message, {more: problems.length - 1, secrets})
}
