import { createInterface } from 'node:readline/promises';
import { ActivityTypes } from '../sdk/activity.js';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logging.js';
import { ConsoleAdapter } from './console-adapter.js';
import { runCli } from './run-cli.js';
import { terminalLanguage } from './terminal-language.js';
import { renderForTerminal } from './terminal-text.js';

/** What leaves the terminal chat: the slash commands, and the bare words people type to get out. */
const LEAVE = new Set(['/quit', '/exit', 'quit', 'exit']);
const LOCALES = { it: 'it-IT', en: 'en-US', fr: 'fr-FR', de: 'de-DE' } as const;

/** `npm run chat`: talk to the same bot in the terminal, through an in-process adapter, in the terminal's language. */
await runCli(async () => {
  const config = loadConfig();
  const app = await createApp(config, { logger: createLogger('warn', process.stderr) });
  const language = terminalLanguage(process.env, config.defaultLocale);
  const style = { width: Math.min(process.stdout.columns || 80, 100), ansi: Boolean(process.stdout.isTTY) };
  const say = (key: string) => process.stdout.write(`${renderForTerminal(app.services.t(language, key), style)}\n`);
  const adapter = new ConsoleAdapter((text) => process.stdout.write(text), LOCALES[language], style);
  const logic = (context: Parameters<typeof app.bot.run>[0]) => app.bot.run(context);
  say('cli.banner');
  await adapter.receive(logic, { type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user', name: 'You' }] });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('\n> ');
  rl.prompt();
  for await (const line of rl) {
    const typed = line.trim();
    if (LEAVE.has(typed.toLowerCase())) break;
    if (typed === '/help') say('cli.help');
    else if (typed) await adapter.receive(logic, { type: ActivityTypes.Message, text: line });
    rl.prompt();
  }
  rl.close();
});
