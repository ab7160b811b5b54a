import {Help} from '@oclif/core'
import {unknownCommandMessage} from './closest-command.js'

/**
 * oclif's help, except for a subject that is no command (`mktorrent creat --help`, `mktorrent help
 * creat`): the same one line as running an unknown command, with its suggestion, and exit 2,
 * instead of oclif's "Command creat not found." with its own framing.
 */
export default class MktorrentHelp extends Help {
  override async showHelp(argv: string[]): Promise<void> {
    const subject = argv[0]?.startsWith('-') === false ? argv[0] : undefined
    if (subject !== undefined && this.config.findCommand(subject) === undefined && this.config.findTopic(subject) === undefined) {
      process.stderr.write(`mktorrent: error: ${unknownCommandMessage(subject, this.config.commandIDs)}\n`)
      process.exitCode = 2
      return
    }
    return super.showHelp(argv)
  }
}
