import { createRequire } from 'node:module';

/**
 * botbuilder and botframework-connector, required rather than imported. They are CommonJS, and
 * Node's ESM loader reads every CommonJS module it imports with cjs-module-lexer to find its
 * named exports, following each re-export: botbuilder's index re-exports botbuilder-core, the
 * connector and the schema, file by file, so an `import` lexes ~300 files that `require` then
 * compiles anyway. Measured alone: import('botbuilder') 579 ms, require('botbuilder') 418 ms.
 * The other files of this folder take their names from here; their types come from
 * `import type`, which costs nothing at run time.
 */
const require = createRequire(import.meta.url);

export const botbuilder = require('botbuilder') as typeof import('botbuilder');
export const connector = require('botframework-connector') as typeof import('botframework-connector');
