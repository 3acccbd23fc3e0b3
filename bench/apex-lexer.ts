/**
 * The Apex lexer on real classes (issue 17: ≥ 100 MB/s on NPSP's classes), and what a credential rule pays
 * per class: the model of every class with the text pre-filter (classes that cannot call out are not lexed)
 * and without it. In this process, after a warm-up; each figure the median of `runs` rounds over all classes.
 */
import { readFileSync } from 'node:fs';
import { SourceFile } from '../server/core/project/source-file';
import { lexApex, mayCallOut, parseApexClass } from '../server/core/salesforce/apex';
import { median } from './stats';

export interface ApexLexerFigure {
  readonly source: string;
  readonly classes: number;
  readonly megabytes: number;
  /** `lexApex` over every class. */
  readonly lexMbPerSecond: number;
  /** `parseApexClass` of every class (its Named Credentials), with the pre-filter as the rules run it. */
  readonly modelMbPerSecond: number;
  /** How many classes the pre-filter lets through to the lexer. */
  readonly lexedByModel: number;
}

function mbPerSecond(megabytes: number, runs: number, round: () => void): number {
  round(); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    round();
    ms.push(performance.now() - t);
  }
  return megabytes / (median(ms) / 1000);
}

export function apexLexer(source: string, classFiles: readonly string[], runs: number): ApexLexerFigure {
  const texts = classFiles.map((f) => readFileSync(f, 'utf8'));
  const megabytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0) / 1e6;
  let sink = 0;
  const lexMbPerSecond = mbPerSecond(megabytes, runs, () => {
    for (const t of texts) sink += lexApex(t).code.length;
  });
  // A new SourceFile each round: the model memoises its lexed text on the file.
  const modelMbPerSecond = mbPerSecond(megabytes, runs, () => {
    for (let i = 0; i < texts.length; i++) sink += parseApexClass(new SourceFile(classFiles[i], texts[i])).credentials.length;
  });
  const lexedByModel = texts.filter(mayCallOut).length;
  if (sink < 0) throw new Error('unreachable');
  return { source, classes: texts.length, megabytes, lexMbPerSecond, modelMbPerSecond, lexedByModel };
}
