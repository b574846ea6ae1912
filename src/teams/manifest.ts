import { LANGUAGES } from '../content/languages.js';
import type { TeamsApp } from './app-file.js';
import { LANGUAGE_PARAMETER, SEARCH_COMMAND_ID, SEARCH_PARAMETER } from './search-extension.js';

export const MANIFEST_VERSION = '1.22';
const SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
const LOCALIZATION_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;
export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;

export interface ManifestIds {
  /** The Teams app's id (a GUID). */
  appId: string;
  /** The bot's Microsoft App Id: Teams sends the bot's traffic to the bot registered with it. */
  botId: string;
  /** Where the bot is reached (PUBLIC_URL): its host goes into validDomains. */
  publicUrl?: string;
}

/** manifest.json plus one localization file per further language, as files of the package. */
export interface ManifestFiles {
  'manifest.json': Record<string, unknown>;
  [localizationFile: string]: Record<string, unknown>;
}

/**
 * The Teams app manifest (schema 1.22): a personal, team and group-chat bot, with a
 * compose-box search command over the knowledge base. teams/app.yaml's default language is
 * the manifest's own; the others are localization files.
 */
export function buildManifest(app: TeamsApp, ids: ManifestIds): ManifestFiles {
  const defaultLanguage = app.defaultLanguage;
  const others = LANGUAGES.filter((language) => language !== defaultLanguage);
  const own = app.text[defaultLanguage];
  const manifest = {
    $schema: SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: app.appVersion,
    id: ids.appId,
    localizationInfo: {
      defaultLanguageTag: defaultLanguage,
      additionalLanguages: others.map((language) => ({ languageTag: language, file: `${language}.json` })),
    },
    developer: app.developer,
    name: own.name,
    description: own.description,
    icons: ICON_FILES,
    accentColor: app.accentColor,
    bots: [
      {
        botId: ids.botId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal'], commands: own.commands }],
      },
    ],
    composeExtensions: [
      {
        botId: ids.botId,
        commands: [
          {
            id: SEARCH_COMMAND_ID,
            type: 'query',
            title: own.search.title,
            description: own.search.description,
            initialRun: true,
            context: ['compose', 'commandBox'],
            parameters: [
              { name: SEARCH_PARAMETER, title: own.search.parameterTitle, description: own.search.parameterDescription, inputType: 'text' },
              {
                name: LANGUAGE_PARAMETER,
                title: own.search.languageTitle,
                description: own.search.languageDescription,
                inputType: 'choiceset',
                choices: LANGUAGES.map((language) => ({ title: app.languageNames[language], value: language })),
              },
            ],
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: ids.publicUrl ? [new URL(ids.publicUrl).host] : [],
  };
  const files: ManifestFiles = { 'manifest.json': manifest };
  for (const language of others) {
    const text = app.text[language];
    files[`${language}.json`] = {
      $schema: LOCALIZATION_SCHEMA,
      'name.short': text.name.short,
      'name.full': text.name.full,
      'description.short': text.description.short,
      'description.full': text.description.full,
      ...Object.fromEntries(
        text.commands.flatMap((command, i) => [
          [`bots[0].commandLists[0].commands[${i}].title`, command.title],
          [`bots[0].commandLists[0].commands[${i}].description`, command.description],
        ]),
      ),
      'composeExtensions[0].commands[0].title': text.search.title,
      'composeExtensions[0].commands[0].description': text.search.description,
      'composeExtensions[0].commands[0].parameters[0].title': text.search.parameterTitle,
      'composeExtensions[0].commands[0].parameters[0].description': text.search.parameterDescription,
      'composeExtensions[0].commands[0].parameters[1].title': text.search.languageTitle,
      'composeExtensions[0].commands[0].parameters[1].description': text.search.languageDescription,
    };
  }
  return files;
}
