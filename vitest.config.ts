import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Process tests run the compiled bot, as `npm start` does: build it first.
    globalSetup: ['tests/support/build-once.ts'],
    // restify's HTTP/2 helper touches a deprecated Node binding; the warning is not ours.
    execArgv: ['--disable-warning=DEP0111'],
    // Time-outs only catch a hung test; none measures speed. They are generous because the
    // tests must pass on a 2-core machine that is busy with other work (a bot process can
    // take tens of seconds to start there).
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
