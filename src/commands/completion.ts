import {Args} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {bashCompletion} from '../cli/completion/bash-completion.js'
import {completionModel} from '../cli/completion/completion-model.js'
import {fishCompletion} from '../cli/completion/fish-completion.js'
import {zshCompletion} from '../cli/completion/zsh-completion.js'

const generators = {bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion}

export default class Completion extends BaseCommand<{shell: string; script: string}> {
  static override summary = 'Print a shell completion script for bash, zsh or fish.'

  static override description = `The script completes commands, flags and the fixed values of flags such as --meta-version and --allow, create --preset to the presets of the config found from the current folder (mktorrent presets --names), and file names elsewhere. It is generated from the installed commands, so regenerate it after an upgrade. Load it in the current shell or install it:
  bash: source <(mktorrent completion bash), or save it in /etc/bash_completion.d/mktorrent
  zsh:  source <(mktorrent completion zsh) after compinit, or save it as _mktorrent in a folder of $fpath
  fish: mktorrent completion fish > ~/.config/fish/completions/mktorrent.fish`

  static override examples = ['<%= config.bin %> completion bash > mktorrent.bash', '<%= config.bin %> completion fish']

  static override args = {
    shell: Args.string({description: 'The shell.', options: ['bash', 'zsh', 'fish'], required: true}),
  }

  async run(): Promise<{shell: string; script: string}> {
    const {args} = await this.parse(Completion)
    const shell = args.shell as keyof typeof generators
    const script = generators[shell](this.config.bin, completionModel(this.config.bin, this.config.commands))
    if (!this.jsonEnabled()) this.out.stdout(script)
    return {shell, script}
  }
}
