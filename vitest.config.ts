import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Process tests run the compiled bot, as `npm start` does: build it first.
    globalSetup: ['tests/support/build-once.ts'],
    // restify's HTTP/2 helper touches a deprecated Node binding; the warning is not ours.
    execArgv: ['--disable-warning=DEP0111'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
