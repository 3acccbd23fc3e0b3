/**
 * A large org shaped like a real one, for the benchmarks that real orgs showed and the generated
 * workspace never did: thousands of Apex classes (most never call out, a few are huge) and a few hundred
 * Flows whose actions name some of them. The classes are NPSP's 843 real ones (../shared/corpus), three
 * times under other names (2,529 classes, ~42 MB); without the corpus, generated classes of the same
 * shape. Flows, credentials and the 50 classes that call out are generated (bench/generate.ts).
 * Deterministic: the same seed gives the same bytes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowFile, gaussian, metadataFiles, rng } from './generate';

export interface BigOrg {
  readonly root: string;
  readonly flowsDir: string;
  readonly classesDir: string;
  readonly flows: number;
  readonly classes: number;
  readonly megabytes: number;
  /** Where the classes came from. */
  readonly classSource: string;
  /** A Flow and an Apex class of the org that the editor figures edit. */
  readonly sampleFlow: string;
  readonly sampleClass: string;
}

const COPIES = 3;
const FLOWS = 235;

export function generateBigOrg(root: string, npspClasses: string | undefined, seed = 11, opts: { classes?: number; flows?: number } = {}): BigOrg {
  const flowCount = opts.flows ?? FLOWS;
  const md = join(root, 'force-app', 'main', 'default');
  const classesDir = join(md, 'classes');
  const flowsDir = join(md, 'flows');
  for (const d of [classesDir, flowsDir, join(md, 'namedCredentials'), join(md, 'externalCredentials'), join(md, 'externalServiceRegistrations')]) {
    mkdirSync(d, { recursive: true });
  }
  let bytes = 0;
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
  };
  write(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }, null, 2));
  const plain: string[] = [];
  let classSource: string;
  if (npspClasses && existsSync(npspClasses)) {
    classSource = `NPSP's ${readdirSync(npspClasses).filter((n) => n.endsWith('.cls')).length} real classes, ${COPIES} times`;
    for (const name of readdirSync(npspClasses).filter((n) => n.endsWith('.cls'))) {
      const text = readFileSync(join(npspClasses, name), 'utf8');
      const base = name.slice(0, -'.cls'.length);
      for (let c = 0; c < COPIES; c++) {
        const cls = c === 0 ? base : `${base}_${c}`;
        write(join(classesDir, `${cls}.cls`), text);
        plain.push(cls);
      }
    }
  } else {
    classSource = 'generated classes (median 5 KB, a few over 200 KB)';
    const r = rng(seed);
    for (let i = 0; i < (opts.classes ?? 2500); i++) {
      const cls = `Service${i}Logic`;
      const size = i % 400 === 7 ? 220_000 + Math.floor(r() * 60_000) : Math.round(5000 * Math.exp(0.9 * gaussian(r)));
      write(join(classesDir, `${cls}.cls`), plainClass(cls, size));
      plain.push(cls);
    }
  }
  // The integration part of the org: credentials, registrations, and the classes that call out.
  const callouts: string[] = [];
  const services: string[] = [];
  for (let i = 0; i < 20; i++) {
    const newStyle = i % 2 === 0;
    const perUser = i % 7 === 3;
    write(join(md, 'namedCredentials', `Service_${i}.namedCredential-meta.xml`), metadataFiles.namedCredential(i, perUser, newStyle));
    if (newStyle) write(join(md, 'externalCredentials', `Service_${i}_EC.externalCredential-meta.xml`), metadataFiles.externalCredential(i, perUser));
    if (i < 10) {
      services.push(`Service${i}Api`);
      write(
        join(md, 'externalServiceRegistrations', `Service${i}Api.externalServiceRegistration-meta.xml`),
        metadataFiles.registration(`Service${i}Api`, `Service_${i}`),
      );
    }
  }
  for (let i = 0; i < 50; i++) {
    const name = `Callout${i}Sender`;
    callouts.push(name);
    write(join(classesDir, `${name}.cls`), metadataFiles.apexClass(name, `Service_${i % 20}`));
  }
  // Flows name a few dozen classes: the callout senders and some of the org's other classes.
  const r = rng(seed + 1);
  const named = [...callouts, ...Array.from({ length: 40 }, () => plain[Math.floor(r() * plain.length)])];
  for (let f = 0; f < flowCount; f++) {
    const size = Math.round(11000 * Math.exp(0.7 * gaussian(r)));
    write(join(flowsDir, `Org_Flow_${f}.flow-meta.xml`), flowFile(Math.max(2500, Math.min(80000, size)), seed * 1000 + f, { apex: named, services }));
  }
  return {
    root,
    flowsDir,
    classesDir,
    flows: flowCount,
    classes: plain.length + callouts.length,
    megabytes: bytes / 1e6,
    classSource,
    sampleFlow: join(flowsDir, 'Org_Flow_0.flow-meta.xml'),
    sampleClass: join(classesDir, `${plain[Math.floor(plain.length / 2)]}.cls`),
  };
}

/** A class that never calls out, of about `size` characters: methods of ordinary business logic. */
function plainClass(name: string, size: number): string {
  const out = [`public with sharing class ${name} {`];
  let n = 0;
  while (out.join('\n').length < size) {
    out.push(
      `    /** Totals the amounts of the given records (${n}). */`,
      `    public static Decimal total${n}(List<Opportunity> records) {`,
      `        Decimal sum = 0; // ignores closed-lost`,
      `        for (Opportunity o : records) { if (o.StageName != 'Closed Lost') sum += o.Amount == null ? 0 : o.Amount; }`,
      `        return sum;`,
      `    }`,
    );
    n++;
  }
  out.push('}', '');
  return out.join('\n');
}
