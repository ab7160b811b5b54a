// The CLI's one module graph. bin/run.js imports `execute` from here, and oclif finds the commands
// in COMMANDS (package.json oclif.commands: the explicit strategy) instead of globbing
// dist/commands, so the build can bundle this file with everything it imports, oclif included,
// into one file (scripts/bundle-cli.js): loading ~200 modules cost more start-up than Node's own
// start (docs/performance.md). test/cli/main.test.ts keeps the map complete.
import Classic from '../commands/classic.js'
import Completion from '../commands/completion.js'
import Create from '../commands/create.js'
import Edit from '../commands/edit.js'
import Info from '../commands/info.js'
import Magnet from '../commands/magnet.js'
import PieceLength from '../commands/piece-length.js'
import Presets from '../commands/presets.js'
import Trackers from '../commands/trackers.js'
import Verify from '../commands/verify.js'

// Config and run for test/hostile/cli-batch.ts, which runs many command lines in one process.
export {Config, execute, run, settings} from '@oclif/core'

export const COMMANDS = {
  classic: Classic,
  completion: Completion,
  create: Create,
  edit: Edit,
  info: Info,
  magnet: Magnet,
  'piece-length': PieceLength,
  presets: Presets,
  trackers: Trackers,
  verify: Verify,
}
