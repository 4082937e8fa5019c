// Placeholder until its issue lands; replaced by the real command.
import { UsageError } from '../../src/errors.js';
import type { Command } from '../cli.js';

const command: Command = {
  name: 'trailers',
  summary: '',
  usage: '',
  async run() {
    throw new UsageError("'trailers' is not implemented yet");
  },
};
export default command;
