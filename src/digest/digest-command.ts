// Placeholder: replaced by the real command module.
import type { CommandModule } from 'yargs';
export const digestCommand: CommandModule = {
  command: 'digest',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('digest: not implemented yet');
  },
};
