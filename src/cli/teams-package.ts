import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { loadTeamsApp } from '../teams/app-file.js';
import { buildAppPackage } from '../teams/app-package.js';
import { runCli } from './run-cli.js';

/** An all-zero id, for a package that is only checked, never uploaded. */
const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const HELP = `npm run teams:package [-- --placeholder] [--out dist/teams]

Builds the Teams app package (manifest.json, localizations, icons) from teams/app.yaml, with
the bot id from MicrosoftAppId (and the app id from TEAMS_APP_ID, or the bot id), and
validDomains from PUBLIC_URL. Upload the zip in Teams: Apps → Manage your apps → Upload an app.

  --placeholder   build with an all-zero id when MicrosoftAppId is not set (to check the package; Teams will not run it)
  --out DIR       where the zip goes (default dist/teams)`;

await runCli(async () => {
  const { values } = parseArgs({
    options: { placeholder: { type: 'boolean', default: false }, out: { type: 'string', default: 'dist/teams' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return void console.log(HELP);
  const config = loadConfig();
  const botId = config.appId ?? (values.placeholder ? PLACEHOLDER_ID : undefined);
  if (!botId) {
    throw new ConfigError(
      'MicrosoftAppId is not set: the Teams package needs the id of your Azure Bot registration.\n' +
        '  Set MicrosoftAppId (and MicrosoftAppPassword for the bot itself), or run with -- --placeholder to build a package only for checking.',
    );
  }
  const appId = config.teamsAppId ?? botId;
  for (const [name, id] of [['MicrosoftAppId', botId], ['TEAMS_APP_ID', appId]] as const) {
    if (!GUID.test(id)) throw new ConfigError(`${name}="${id}" is not a GUID: Teams ids look like ${PLACEHOLDER_ID}`);
  }
  const app = await loadTeamsApp('teams/app.yaml');
  const zip = await buildAppPackage(app, { appId, botId, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) }, 'teams');
  await mkdir(values.out!, { recursive: true });
  const file = path.join(values.out!, `sportello-teams-${app.appVersion}${botId === PLACEHOLDER_ID ? '-placeholder' : ''}.zip`);
  await writeFile(file, zip);
  console.log(`Teams app package: ${file}`);
  if (!config.publicUrl) console.log('  note: PUBLIC_URL is not set, so validDomains is empty.');
});
