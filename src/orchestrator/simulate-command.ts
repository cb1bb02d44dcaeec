// Placeholder: replaced by the real command module.
import type { CommandModule } from 'yargs';
export const simulateCommand: CommandModule = {
  command: 'simulate',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('simulate: not implemented yet');
  },
};
