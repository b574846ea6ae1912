/**
 * No container engine runs on this machine, so the image is checked the way it can be here:
 * the Dockerfile's promises read from the file, and the runtime stage rebuilt as a folder
 * (what it COPYs, the compiled build, production dependencies only) in which the bot must
 * start and answer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startFlags } from '../../bench/start-flags.js';
import { ChildBot } from '../support/bot-process.js';

const root = path.resolve(import.meta.dirname, '../..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** `COPY src dest` lines of a stage that copy from the build context (not --from another stage). */
function contextCopies(stage: string): string[] {
  return [...stage.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
}

/** Every bare package a compiled file imports or requires. */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.js')) {
        const code = readFileSync(file, 'utf8');
        for (const m of code.matchAll(/(?:from\s*|import\(\s*|require\(\s*)['"]([^'"./][^'"]*)['"]/g)) {
          const spec = m[1]!;
          if (spec.startsWith('node:')) continue;
          found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
  };
  walk(dir);
  return found;
}

describe('the container image', () => {
  it('builds on Node 20 slim and runs as a non-root user from production dependencies', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?/gm)].map((m) => ({ image: m[1], name: m[2] }));
    for (const { image } of bases) expect(['node:20-slim', 'deps']).toContain(image);
    // The runtime's node_modules come from the stage that installs production dependencies only.
    const from = /^COPY --from=(\S+) \/app\/node_modules/m.exec(runtimeStage)?.[1];
    expect(from).toBeDefined();
    const stage = dockerfile.slice(dockerfile.indexOf(`AS ${from}\n`));
    expect(stage.slice(0, stage.indexOf('\nFROM '))).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtimeStage).not.toMatch(/apt-get install/);
    const user = /^USER (\S+)/m.exec(runtimeStage)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('checks its health on /readyz and lets node itself receive SIGTERM', () => {
    expect(runtimeStage).toMatch(/^HEALTHCHECK .*\n?.*\/readyz/m);
    // The exec form: no shell between the container's stop signal and node.
    expect(runtimeStage).toMatch(/^CMD \["node", .*"build\/index\.js"\]$/m);
  });

  it('runs node with the flags npm start uses, which the benchmarks and the child-process tests measure', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(runtimeStage)?.[1];
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd!)).toEqual(['node', ...startFlags(), 'build/index.js']);
    expect(startFlags()).toContain('--disable-warning=DEP0111');
  });

  it('copies only files that exist, and none the .dockerignore leaves out', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n').filter(Boolean);
    const copied = contextCopies(dockerfile);
    expect(copied.length).toBeGreaterThan(5);
    for (const source of copied) {
      expect(existsSync(path.join(root, source)), `${source} is copied but does not exist`).toBe(true);
      expect(ignored, `${source} is copied but ignored`).not.toContain(source);
    }
  });

  it('needs no development dependency at run time', () => {
    const imported = importedPackages(path.join(root, 'build'));
    expect(imported.has('botbuilder')).toBe(true);
    const dev = [...imported].filter((p) => !(p in pkg.dependencies));
    expect(dev, 'imported by build/ but not a production dependency').toEqual([]);
  });

  describe('rebuilt as a folder of what the runtime stage holds', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sportello-image-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('starts, is ready and answers a question, with production dependencies only', async () => {
      const runtimeCopies = [...contextCopies(runtimeStage), 'build'];
      execFileSync('cp', ['-a', ...runtimeCopies.map((s) => path.join(root, s)), dir]);
      // What `npm ci --omit=dev` installs: the lock file's top-level packages not marked dev
      // (devOptional ones stay, as npm keeps them), hard-linked in one call.
      const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { dev?: boolean }>;
      };
      const production = Object.entries(lock.packages)
        .filter(([p, meta]) => p.startsWith('node_modules/') && !meta.dev && !p.slice(13).includes('/node_modules/'))
        .map(([p]) => p)
        .filter((p) => existsSync(path.join(root, p))); // optional ones for other platforms are absent
      execFileSync('cp', ['-al', '--parents', ...production, dir], { cwd: root });
      expect(existsSync(path.join(dir, 'node_modules/botbuilder'))).toBe(true);
      expect(existsSync(path.join(dir, 'node_modules/tsx'))).toBe(false);
      expect(existsSync(path.join(dir, 'node_modules/vitest'))).toBe(false);

      const bot = await ChildBot.start({
        NODE_ENV: 'production',
        ALLOW_UNAUTHENTICATED: 'true',
        DIRECTLINE_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
        LOG_LEVEL: 'warn',
      }, 150_000, dir);
      try {
        const reply = await bot.say('image-check', 'how do I turn off two-factor authentication?', { locale: 'en-US' });
        expect(reply.status).toBe(200);
        expect(JSON.stringify(reply.replies)).toMatch(/two-factor/i);
      } finally {
        await bot.kill('SIGTERM');
      }
    });
  });
});

describe('the compose layout', () => {
  const compose = parse(readFileSync(path.join(root, 'compose.yaml'), 'utf8')) as {
    services: Record<string, { build?: string; image?: string; environment?: Record<string, string> }>;
  };
  const nginx = readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8');

  it('runs two bot instances on one Redis behind a proxy that spreads them without sticky sessions', () => {
    const bots = Object.entries(compose.services).filter(([, s]) => s.build === '.');
    expect(bots).toHaveLength(2);
    for (const [name, s] of bots) {
      expect(s.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(nginx).toContain(`server ${name}:3978`);
    }
    expect(compose.services.redis?.image).toMatch(/^redis:/);
    expect(compose.services.proxy?.image).toMatch(/^nginx:/);
    expect(nginx).not.toMatch(/^\s*(ip_hash|sticky|hash)\b/m);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
  });
});
