import {Flags} from '@oclif/core'
import {openConfig} from '../core/config/load-config.js'
import {BaseCommand} from '../cli/base-command.js'
import {type PresetsResult, renderPresets} from '../cli/render/presets-list.js'

export default class Presets extends BaseCommand<PresetsResult> {
  static override summary = 'List the presets of the config file and where it is.'

  static override description = `Finds the config the way create does (--config, else $MKTORRENT_CONFIG, else .mktorrentrc, .mktorrentrc.json/.yaml/.yml, mktorrent.config.json/.yaml or a "mktorrent" key in package.json, from the current folder upwards), checks it, and lists its presets with the keys each sets. \${VAR} references are shown as written, never expanded. See docs/config.md. Exit codes: 0 listed (also when there is no config), 2 an invalid config, 4 an unreadable one.`

  static override aliases = ['config']

  static override examples = ['<%= config.bin %> presets', '<%= config.bin %> presets --json', '<%= config.bin %> config --names']

  static override flags = {
    config: Flags.string({description: 'The config file to read instead of the one found.'}),
    names: Flags.boolean({description: 'Print only the preset names, one a line (for scripts and shell completion).'}),
  }

  async run(): Promise<PresetsResult> {
    const {flags} = await this.parse(Presets)
    const config = await openConfig(flags.config, process.env, process.cwd())
    const presets = Object.entries(config?.presets ?? {}).map(([name, settings]) => ({name, default: name === config?.defaultPreset, settings}))
    const result: PresetsResult = {file: config?.file ?? null, default: config?.defaultPreset ?? null, presets}
    if (this.jsonEnabled()) return result
    if (flags.names) this.out.stdout(presets.map(({name}) => `${name}\n`).join(''))
    else if (config === undefined) this.out.stderr(`no config file in ${process.cwd()} or its parents (docs/config.md)\n`)
    else this.out.stdout(renderPresets(result))
    return result
  }
}
