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

  it('keeps the trained understanding in data/models unless told another folder, or none when set empty', () => {
    expect(loadConfig({}).calibrationCacheDir).toBe('data/models');
    expect(loadConfig({ CALIBRATION_CACHE_DIR: '/var/cache/sportello' }).calibrationCacheDir).toBe('/var/cache/sportello');
    expect(loadConfig({ CALIBRATION_CACHE_DIR: '' }).calibrationCacheDir).toBeUndefined();
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

  it('refuses to start in production without Bot Framework credentials', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId.*ALLOW_UNAUTHENTICATED=true/s);
  });

  it('starts in production with credentials, or when unauthenticated use is explicitly allowed', () => {
    const directLine = { DIRECTLINE_SECRET: 'a-direct-line-secret-of-32-characters' };
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', ...directLine }).appId).toBe('app');
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_UNAUTHENTICATED: 'true', ...directLine }).allowUnauthenticated).toBe(true);
  });

  it('refuses one Redis and a Redis Cluster at once', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://a', REDIS_CLUSTER_NODES: 'b:6379' })).toThrow(/REDIS_URL and REDIS_CLUSTER_NODES/);
  });

  it('refuses a negative limit', () => {
    expect(() => loadConfig({ RATE_LIMIT_PER_IP: '-1' })).toThrow(/RATE_LIMIT_PER_IP="-1"/);
  });

  it('documents every setting in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    for (const setting of Object.values(settings)) expect(example).toMatch(new RegExp(`^#?\\s*${setting.env}=`, 'm'));
  });
});
