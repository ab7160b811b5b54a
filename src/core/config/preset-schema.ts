import {compileGlobs} from '../content/glob.js'
import {parsePieceLength} from '../content/piece-length.js'
import {UsageError} from '../errors.js'
import {LINT_CODES} from '../metainfo/lint-torrent.js'
import {type UrlRole, describeUrlFault, urlFault} from '../metainfo/url-rule.js'
import {parseByteSize} from '../parse-byte-size.js'
import type {Schema} from './schema.js'

/** One URL, checked with the rule create, edit and `info` apply (url-rule.ts). */
function url(role: UrlRole): Schema {
  return {
    type: 'string',
    convert: (text) => {
      const fault = urlFault(text, role)
      if (fault !== undefined) throw new UsageError('invalid-url', `${JSON.stringify(text)} ${describeUrlFault(fault, role)}`)
      return text
    },
  }
}

const glob: Schema = {
  type: 'string',
  convert: (text) => {
    compileGlobs([text])
    return text
  },
}

/** `-l`'s forms: an exponent (20), a byte count (1048576) or a size ("1MiB"). */
const pieceLength = (auto: boolean): Schema => ({
  type: 'scalar',
  expected: auto ? '"auto", an exponent from 14 to 28 or a size such as 4MiB' : 'an exponent from 14 to 28 or a size such as 4MiB',
  convert: (value) => (auto && value === 'auto' ? 'auto' : parsePieceLength(String(value))),
})

const byteSize: Schema = {
  type: 'scalar',
  expected: 'a byte count or a size such as 1MiB',
  convert: (value) => {
    const bytes = parseByteSize(String(value))
    if (bytes < 1) throw new UsageError('invalid-byte-size', `${JSON.stringify(value)} is not a positive size`)
    return bytes
  },
}

const text: Schema = {type: 'string'}
const flag: Schema = {type: 'boolean'}

/**
 * Every create option a preset (or a batch job) may set, under its documented name
 * (docs/config.md): the camelCase form of the long flag, plural for the repeatable URL lists.
 */
export const PRESET_FIELDS = {
  announce: {type: 'list', orSingle: true, of: {type: 'either', of: [url('tracker'), {type: 'list', of: url('tracker')}], expected: 'a URL or a list of URLs (a tier)'}},
  webSeeds: {type: 'list', orSingle: true, of: url('web seed')},
  httpSeeds: {type: 'list', orSingle: true, of: url('http seed')},
  private: flag,
  source: text,
  comment: text,
  metaVersion: {type: 'enum', values: ['v1', 'v2', 'hybrid']},
  pieceLength: pieceLength(true),
  maxPieceLength: pieceLength(false),
  maxTorrentSize: byteSize,
  include: {type: 'list', orSingle: true, of: glob},
  exclude: {type: 'list', orSingle: true, of: glob},
  includeHidden: flag,
  followSymlinks: flag,
  createdBy: text,
  noCreatedBy: flag,
  noDate: flag,
  crossSeed: flag,
  allow: {type: 'list', orSingle: true, of: {type: 'enum', values: LINT_CODES}},
  outputDir: text,
} as const satisfies Record<string, Schema>

export const PRESET_SCHEMA: Schema = {type: 'object', fields: PRESET_FIELDS}

export const CONFIG_SCHEMA: Schema = {
  type: 'object',
  fields: {
    presets: {type: 'record', of: PRESET_SCHEMA},
    default: text,
  },
}

/** A job of a batch file: a path and any preset field, plus the job's own presets, output and name. */
export const JOB_SCHEMA: Schema = {
  type: 'object',
  fields: {
    ...PRESET_FIELDS,
    path: text,
    preset: {type: 'list', orSingle: true, of: text},
    output: text,
    name: text,
  },
  required: ['path'],
}

export const BATCH_SCHEMA: Schema = {
  type: 'object',
  // Jobs are checked one by one (batch-file.ts), so that a bad job fails alone.
  fields: {jobs: {type: 'list', of: {type: 'mapping', expected: 'a mapping (a job)'}}},
  required: ['jobs'],
}
