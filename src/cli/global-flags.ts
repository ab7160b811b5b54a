import {Flags} from '@oclif/core'

/** Every command's `--debug` (BaseCommand's base flag; the start-up paths leave runs with it to oclif). */
export const debugFlag = Flags.boolean({
  description: 'Print the stack trace of an error (also set by the DEBUG environment variable).',
  helpGroup: 'GLOBAL',
})

/** oclif adds `--json` to a command with enableJsonFlag; the start-up paths parse it with this. */
export const jsonFlag = Flags.boolean({description: 'Format output as json.', helpGroup: 'GLOBAL'})
