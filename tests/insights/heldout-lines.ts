/** "all" top-1 accuracy before and after, as `kb:check --compare` prints it. */
export function overall(stdout: string): { before: number; after: number } {
  const section = stdout.slice(stdout.indexOf('top-1 accuracy:'));
  const match = /^\s+all\s+([\d.]+)% →\s+([\d.]+)%/m.exec(section);
  if (!match) throw new Error(`no held-out comparison in:\n${stdout}`);
  return { before: Number(match[1]), after: Number(match[2]) };
}
