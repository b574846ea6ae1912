import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, settings } from '../src/config.js';

describe('configuration', () => {
  it('has a default for every setting, so the bot starts with no environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.defaultLocale).toBe('it');
    expect(config.appId).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the standard Bot Framework variables and treats empty as unset', () => {
    const config = loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: '', PORT: '4000' });
    expect(config).toMatchObject({ appId: 'abc', appPassword: undefined, port: 4000 });
  });

  it('fails loud, naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DEFAULT_LOCALE: 'es' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DEFAULT_LOCALE: 'es' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT="eighty"/);
      expect((error as Error).message).toMatch(/DEFAULT_LOCALE="es"/);
    }
  });

  it('documents every setting in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    for (const setting of Object.values(settings)) expect(example).toMatch(new RegExp(`^#?\\s*${setting.env}=`, 'm'));
  });
});
