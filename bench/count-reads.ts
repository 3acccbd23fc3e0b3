/**
 * How many files `session-guard lint FILES…` reads: the targets and whatever their references reach
 * (a Flow's Apex action reads that class). Prints the number. Usage: node --import tsx bench/count-reads.ts FILE…
 */
import { RULES } from '../server/core/rules';
import { ConfigResolver } from '../server/node/config-loader';
import { discover } from '../server/node/discovery';
import { FileHost } from '../server/node/file-host';
import { lintUnits } from '../server/node/run-lint';

let reads = 0;
const original = FileHost.prototype.readFile;
FileHost.prototype.readFile = function (this: FileHost, path: string) {
  reads++;
  return original.call(this, path);
};
const configs = new ConfigResolver(RULES);
const found = discover(process.argv.slice(2), process.cwd(), configs);
lintUnits(found.targets, { cwd: process.cwd(), rules: RULES, configs, listings: found.listings, suggestions: false });
process.stdout.write(`${reads}\n`);
