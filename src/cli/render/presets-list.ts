import {escapeControl} from './escape.js'

/** What `presets --json` prints (docs/config.md). */
export interface PresetsResult {
  /** The config file, or null when none was named or found. */
  file: string | null
  default: string | null
  /** Each preset as written in the file: `${VAR}` references are not expanded here. */
  presets: Array<{name: string; default: boolean; settings: Record<string, unknown>}>
}

/** `mktorrent presets` for people: the file, then a preset a line with the keys it sets. */
export function renderPresets(result: PresetsResult): string {
  const width = Math.max(0, ...result.presets.map(({name}) => name.length))
  const lines = [`${escapeControl(result.file ?? '')}`]
  if (result.presets.length === 0) lines.push('  (no presets)')
  for (const preset of result.presets) {
    const keys = Object.keys(preset.settings)
    const what = keys.length === 0 ? '(empty)' : keys.join(', ')
    lines.push(`  ${escapeControl(preset.name).padEnd(width)}  ${what}${preset.default ? '  (default)' : ''}`)
  }
  return `${lines.join('\n')}\n`
}
