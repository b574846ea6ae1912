import { createInterface } from 'node:readline/promises';
import { ActivityTypes } from 'botbuilder';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logging.js';
import { ConsoleAdapter } from './console-adapter.js';
import { runCli } from './run-cli.js';

/** `npm run chat`: talk to the same bot in the terminal, through an in-process adapter. */
await runCli(async () => {
  const config = loadConfig();
  const app = await createApp(config, { logger: createLogger('warn', process.stderr) });
  const adapter = new ConsoleAdapter((text) => process.stdout.write(text), `${config.defaultLocale}`);
  const logic = (context: Parameters<typeof app.bot.run>[0]) => app.bot.run(context);
  await adapter.receive(logic, { type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user', name: 'You' }] });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('\nYou> ');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() === '/quit' || line.trim() === '/exit') break;
    if (line.trim()) await adapter.receive(logic, { type: ActivityTypes.Message, text: line });
    rl.prompt();
  }
  rl.close();
});
