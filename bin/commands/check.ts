// Placeholder until its issue lands; replaced by the real command.
import { UsageError } from '../../src/errors.js';
import type { Command } from '../cli.js';

const command: Command = {
  name: 'check',
  summary: '',
  usage: '',
  async run() {
    throw new UsageError("'check' is not implemented yet");
  },
};
export default command;
