/**
 * `npx tsx bench/flood-run.ts [seconds] [connections]`: the bot in a process of its own with its
 * default limits, then each flood of bench/flood.ts in turn (10 s, 64 connections, each from an
 * address of its own unless FLOOD_ADDRESSES says otherwise), while a normal customer asks
 * questions. Prints the customer's p95 per flood and the bot's RSS before and after. Issue 11
 * asks p95 within 1 s and RSS back within 100 MB of where it started.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { FLOOD_KINDS, flood, p95, rssMb } from './flood.js';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 64);
const addresses = Number(process.env.FLOOD_ADDRESSES ?? connections);
const port = 39_000 + Math.floor(Math.random() * 900);
const url = `http://127.0.0.1:${port}`;

const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/index.ts'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', TRUST_PROXY_HOPS: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  for (;;) {
    if ((await fetch(`${url}/readyz`).then((r) => r.status, () => 0)) === 200) break;
    await sleep(200);
  }
  // A few turns first, so the RSS "before" is that of a bot that has served, not a cold one.
  await flood(url, 'polling', { connections: 1, durationMs: 1_000, addresses: 1 });
  const before = rssMb(child.pid!);
  console.log(`bot RSS before: ${before.toFixed(0)} MB; ${connections} connections from ${addresses} addresses, ${seconds} s each`);
  console.log('flood            attempts  refused  customer turns  failures  p95 ms   RSS after MB');
  const rows = [];
  for (const kind of FLOOD_KINDS) {
    const result = await flood(url, kind, { connections, durationMs: seconds * 1000, addresses });
    const row = { kind, attempts: result.attempts, refused: result.refused, turns: result.customerMs.length, failures: result.customerFailures, p95Ms: Math.round(p95(result.customerMs)), rssMb: Math.round(rssMb(child.pid!)) };
    rows.push(row);
    console.log(
      `${kind.padEnd(16)} ${String(row.attempts).padStart(8)} ${String(row.refused).padStart(8)} ${String(row.turns).padStart(15)} ${String(row.failures).padStart(9)} ${String(row.p95Ms).padStart(7)} ${String(row.rssMb).padStart(14)}`,
    );
  }
  await sleep(5_000);
  const after = rssMb(child.pid!);
  console.log(`bot RSS 5 s after the last flood: ${after.toFixed(0)} MB (${after - before >= 0 ? '+' : ''}${(after - before).toFixed(0)} MB)`);
  console.log(JSON.stringify({ seconds, connections, addresses, rssBeforeMb: Math.round(before), rssAfterMb: Math.round(after), rows }));
} finally {
  child.kill('SIGKILL');
}
