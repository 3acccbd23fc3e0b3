/**
 * The language-server figures of the large org, in a process of their own like the other editor figures
 * (see editor-child.ts): edit latency of a Flow and of an Apex class against the same edit in a one-file
 * project, and server memory on the org with and without a 400 MB file.
 *
 * Usage: node --import tsx bench/org-child.ts ORG_JSON TMP SAMPLES   (prints JSON)
 */
import { readFileSync } from 'node:fs';
import type { BigOrg } from './big-org';
import { apexEdit, flowEdit, orgMemory } from './org';

async function main(): Promise<void> {
  const [orgJson, tmp, samples] = process.argv.slice(2);
  const org = JSON.parse(readFileSync(orgJson, 'utf8')) as BigOrg;
  const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
  log('org: edit latency of a Flow and of an Apex class');
  const flow = await flowEdit(org, Number(samples), tmp);
  const apex = await apexEdit(org, Number(samples), tmp);
  log('org: server memory, with and without a 400 MB file');
  const memory = await orgMemory(org);
  process.stdout.write(JSON.stringify({ flow, apex, memory }), () => process.exit(0));
}

main().catch((e) => {
  process.stderr.write(`org benchmark failed: ${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
