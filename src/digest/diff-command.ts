// Placeholder: replaced by the real command module.
import type { CommandModule } from 'yargs';
export const diffCommand: CommandModule = {
  command: 'diff',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('diff: not implemented yet');
  },
};
