/**
 * Parser shoot-out on real files: the bare parse of the same bytes by each candidate.
 * Usage: tsx bench/parsers.ts [dir...]  (defaults to ../shared/corpus). Prints JSON.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { Parser as Html2Parser } from 'htmlparser2';
import { XMLParser } from 'fast-xml-parser';
import { parseXml } from '../server/core/xml/scanner';

function xmlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) xmlFiles(p, out);
    else if (name.endsWith('.xml')) out.push(p);
  }
  return out;
}

type Candidate = { name: string; parse: (text: string) => void };

const candidates: Candidate[] = [
  { name: 'session-guard scanner', parse: (t) => void parseXml(t) },
  {
    name: 'saxes 6 (positions on)',
    parse: (t) => {
      const p = new SaxesParser({ xmlns: true, position: true });
      let n = 0;
      p.on('opentag', () => void n++);
      p.on('error', () => undefined);
      p.write(t).close();
    },
  },
  {
    name: 'htmlparser2 12 (xmlMode, indices)',
    parse: (t) => {
      let n = 0;
      const p = new Html2Parser({ onopentag: () => void (n += p.startIndex) }, { xmlMode: true });
      p.end(t);
    },
  },
  {
    name: 'fast-xml-parser 5 (preserveOrder, captureMetaData)',
    parse: (t) => {
      const p = new XMLParser({ preserveOrder: true, ignoreAttributes: false, captureMetaData: true } as never);
      try {
        p.parse(t);
      } catch {
        /* counted as parsed: the cost was paid */
      }
    },
  },
];

export function measureParsers(texts: string[], rounds = 7): { name: string; mbPerSec: number }[] {
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  return candidates.map((c) => {
    for (const t of texts) c.parse(t); // warm-up
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = process.hrtime.bigint();
      for (const t of texts) c.parse(t);
      times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    return { name: c.name, mbPerSec: +(bytes / 1e6 / median).toFixed(1) };
  });
}

if (require.main === module) {
  const dirs = process.argv.slice(2);
  const files = (dirs.length ? dirs : [join(__dirname, '../../shared/corpus')]).flatMap((d) => xmlFiles(d));
  const base = files.map((f) => readFileSync(f, 'utf8'));
  // Repeat the corpus so that each round parses ~6 MB, like the measurement in the brief.
  const baseBytes = base.reduce((s, t) => s + t.length, 0);
  const texts: string[] = [];
  for (let i = 0; i < Math.max(1, Math.round(6e6 / baseBytes)); i++) texts.push(...base);
  console.log(
    JSON.stringify({ files: texts.length, megabytes: +(texts.reduce((s, t) => s + t.length, 0) / 1e6).toFixed(2), results: measureParsers(texts) }, null, 2),
  );
}
