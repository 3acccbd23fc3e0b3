/**
 * Configuration as an ESLint user expects it: rule globs, overrides for some files, an ignore file in
 * gitignore syntax, --ignore-pattern, --no-ignore, --print-config, and an invalid configuration said
 * once, with file:line:column, and no false "no files found" after it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validateConfig } from '../../server/core/config/config';
import { RULES } from '../../server/core/rules';
import { cli, REPO } from '../support/cli';

const FIX = join(REPO, 'test/fixtures/cli');

/** A workspace with two apps: `apps/broken` (1 error, 2 warnings) and `apps/warn` (1 warning). */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sg-config-'));
  cpSync(join(FIX, 'broken-app'), join(dir, 'apps/broken'), { recursive: true });
  cpSync(join(FIX, 'warn-app'), join(dir, 'apps/warn'), { recursive: true });
  return dir;
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: string }[];
}
const json = (stdout: string) => JSON.parse(stdout) as JsonResult[];
const rulesOf = (out: JsonResult[]) => out.flatMap((r) => r.messages.map((m) => `${r.filePath} ${m.ruleId} ${m.severity}`)).sort();

describe('configuration, ESLint style', () => {
  it('rule globs in .sessionguardrc.json set every matching rule; a later id wins over an earlier glob', async () => {
    const dir = workspace();
    writeFileSync(join(dir, '.sessionguardrc.json'), JSON.stringify({ rules: { 'mule/*': 'off', 'mule/unknown-error-type': 'warn' } }));
    const r = await cli(['lint', 'apps', '-f', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(rulesOf(json(r.stdout)), ['apps/broken/src/main/mule/accounts.xml mule/unknown-error-type warning']);
  });

  it('overrides apply their rules to the files their globs match (relative to the config file), minus excludedFiles', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, '.sessionguardrc.json'),
      JSON.stringify({
        rules: { 'mule/missing-reconnection': 'error' },
        overrides: [
          { files: ['apps/warn/**'], rules: { 'mule/missing-reconnection': 'info' } },
          { files: 'global.xml', excludedFiles: 'apps/warn/**', rules: { 'mule/*': 'off' } },
        ],
      }),
    );
    const r = await cli(['lint', 'apps', '-f', 'json'], dir);
    assert.deepEqual(rulesOf(json(r.stdout)), [
      'apps/broken/src/main/mule/accounts.xml mule/unhandled-session-error info', // the rule's own severity for an HTTP caller (requestResponseSeverity)
      'apps/broken/src/main/mule/accounts.xml mule/unknown-error-type error',
      'apps/warn/src/main/mule/app.xml mule/missing-reconnection info',
    ]);
  });

  it('.sessionguardignore (gitignore syntax, nested files may re-include) and --ignore-pattern skip files; --no-ignore lints them', async () => {
    const dir = workspace();
    writeFileSync(join(dir, '.sessionguardignore'), '# generated code\napps/\n');
    const all = await cli(['lint', '.', '-f', 'json'], dir);
    assert.equal(all.code, 2, 'nothing left to lint');
    assert.match(all.stderr, /no Mule XML or Salesforce metadata found in \./);
    writeFileSync(join(dir, '.sessionguardignore'), 'apps/*/src/main/mule/global.xml\n');
    mkdirSync(join(dir, 'apps/warn/src/main/mule'), { recursive: true });
    const some = await cli(['lint', '.', '-f', 'json'], dir);
    assert.deepEqual(
      json(some.stdout).map((f) => f.filePath),
      ['apps/broken/src/main/mule/accounts.xml', 'apps/warn/src/main/mule/app.xml'],
    );
    writeFileSync(join(dir, 'apps/broken/.sessionguardignore'), '!src/main/mule/global.xml\n');
    const reincluded = await cli(['lint', '.', '-f', 'json'], dir);
    assert.ok(
      json(reincluded.stdout).some((f) => f.filePath === 'apps/broken/src/main/mule/global.xml'),
      'a deeper file re-includes',
    );
    const pattern = await cli(['lint', '.', '-f', 'json', '--ignore-pattern', 'apps/warn/', '--ignore-pattern', 'accounts.xml'], dir);
    assert.deepEqual(
      json(pattern.stdout).map((f) => f.filePath),
      ['apps/broken/src/main/mule/global.xml'],
    );
    const none = await cli(['lint', '.', '-f', 'json', '--no-ignore', '--ignore-pattern', 'apps/'], dir);
    assert.equal(json(none.stdout).length, 3, 'nothing ignored');
  });

  it('the configuration\'s ignore uses gitignore syntax like .sessionguardignore: a later "!" re-includes, patterns are relative to the file', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'apps', '.sessionguardrc.json'), JSON.stringify({ ignore: ['broken/src/main/mule/*.xml', '!accounts.xml', 'warn/'] }));
    const r = await cli(['lint', '.', '-f', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      json(r.stdout).map((f) => f.filePath),
      ['apps/broken/src/main/mule/accounts.xml'],
    );
    writeFileSync(join(dir, 'apps/broken/.sessionguardignore'), '!src/main/mule/global.xml\n');
    const deeper = await cli(['lint', '.', '-f', 'json'], dir);
    assert.deepEqual(
      json(deeper.stdout).map((f) => f.filePath),
      ['apps/broken/src/main/mule/accounts.xml', 'apps/broken/src/main/mule/global.xml'],
      'a .sessionguardignore below the configuration re-includes what it ignores',
    );
  });

  it('as git does, nothing inside a folder the configuration ignores is re-included, and --print-config agrees with lint', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'apps', '.sessionguardrc.json'), JSON.stringify({ ignore: ['broken/'] }));
    writeFileSync(join(dir, 'apps/broken/.sessionguardignore'), '!src/main/mule/global.xml\n');
    const r = await cli(['lint', '.', '-f', 'json'], dir);
    assert.deepEqual(
      json(r.stdout).map((f) => f.filePath),
      ['apps/warn/src/main/mule/app.xml'],
    );
    const printed = await cli(['lint', '--print-config', 'apps/broken/src/main/mule/global.xml'], dir);
    assert.equal((JSON.parse(printed.stdout) as { ignored: boolean }).ignored, true);
    // "./warn/" is the configuration folder's warn/ (as JSON users write it), with surrounding spaces trimmed.
    writeFileSync(join(dir, 'apps', '.sessionguardrc.json'), JSON.stringify({ ignore: [' ./warn/ '] }));
    rmSync(join(dir, 'apps/broken/.sessionguardignore'));
    const anchored = await cli(['lint', '.', '-f', 'json'], dir);
    assert.deepEqual(
      json(anchored.stdout).map((f) => f.filePath),
      ['apps/broken/src/main/mule/accounts.xml', 'apps/broken/src/main/mule/global.xml'],
    );
    writeFileSync(
      join(dir, 'apps', '.sessionguardrc.json'),
      JSON.stringify({ ignore: ['*.xml', '!./warn/src/main/mule/app.xml', '!./broken/src/main/mule/accounts.xml'] }),
    );
    const reincluded = await cli(['lint', '.', '-f', 'json', '--ignore-pattern', ' ./apps/broken/ '], dir);
    assert.deepEqual(
      json(reincluded.stdout).map((f) => f.filePath),
      ['apps/warn/src/main/mule/app.xml'],
      '"!./x" re-includes x of the configuration folder; --ignore-pattern is trimmed and anchored the same way',
    );
  });

  it('--print-config shows the configuration that applies to one file (overrides included) and whether it is ignored', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, '.sessionguardrc.json'),
      JSON.stringify({
        rules: { 'mule/unbounded-retry': ['warn', { maxTotalRetryMs: 20 }] },
        overrides: [{ files: '**/warn/**', rules: { 'mule/*': 'off' } }],
      }),
    );
    writeFileSync(join(dir, '.sessionguardignore'), 'apps/warn/\n');
    const broken = await cli(['lint', '--print-config', 'apps/broken/src/main/mule/accounts.xml'], dir);
    assert.equal(broken.code, 0, broken.stderr);
    const b = JSON.parse(broken.stdout) as { configFile: string; ignored: boolean; rules: Record<string, unknown> };
    assert.equal(b.configFile, join(dir, '.sessionguardrc.json'));
    assert.equal(b.ignored, false);
    assert.deepEqual(b.rules['mule/unbounded-retry'], ['warning', { maxTotalRetryMs: 20 }]);
    assert.equal(b.rules['mule/missing-reconnection'], 'warning');
    const warn = JSON.parse((await cli(['lint', '--print-config', 'apps/warn/src/main/mule/app.xml'], dir)).stdout) as typeof b;
    assert.equal(warn.ignored, true);
    assert.equal(warn.rules['mule/missing-reconnection'], 'off');
    assert.deepEqual(warn.rules['mule/unbounded-retry'], ['off', { maxTotalRetryMs: 20 }]);
  });

  it('an invalid configuration is said once, with file:line:column, exit 2 and no "no files found" after it', async () => {
    const dir = workspace();
    // Applies to both apps (every folder below it asks for it).
    writeFileSync(join(dir, 'apps', '.sessionguardrc.json'), '{\n  "rules": {\n    "mule/missing-reconnection": "warn",\n  }\n}\n');
    const r = await cli(['lint', 'apps'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^session-guard: invalid configuration in apps\/\.sessionguardrc\.json:\n {2}apps\/\.sessionguardrc\.json:4:3: is not valid JSON: [^\n]+\n$/,
    );
    assert.doesNotMatch(r.stderr, /position/, 'the place is said once, as line and column');
    writeFileSync(join(dir, 'apps', '.sessionguardrc.json'), '{\n  "rules": {\n    "mule/missing-reconnection": "loud",\n    "mule/nope": 1\n  }\n}\n');
    const v = await cli(['lint', 'apps/broken', 'apps/warn'], dir);
    assert.equal(v.code, 2);
    assert.equal(
      v.stderr,
      [
        'session-guard: invalid configuration in apps/.sessionguardrc.json:',
        '  apps/.sessionguardrc.json:3:5: rules["mule/missing-reconnection"]: must be one of "off", "info", "warn" (or "warning"), "error", 0, 1, 2',
        '  apps/.sessionguardrc.json:4:5: rules["mule/nope"]: unknown rule',
        '',
      ].join('\n'),
    );
  });

  it('an invalid configuration that applies only to a file named on the command line stops the run the same way', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'apps/warn/src/main/mule/.sessionguardrc.json'), '{ "rulez": {} }');
    const r = await cli(['lint', 'apps/warn/src/main/mule/app.xml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /apps\/warn\/src\/main\/mule\/\.sessionguardrc\.json:1:3: rulez: unknown key/);
  });

  it("the README's configuration example is valid, globs and overrides included", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Configuration\n'));
    const example = /```json\n([\s\S]*?)```/.exec(section)![1];
    const parsed = JSON.parse(example) as { overrides: unknown[]; rules: Record<string, unknown> };
    assert.ok(parsed.overrides.length > 0 && Object.keys(parsed.rules).some((k) => k.includes('*')));
    assert.deepEqual(validateConfig(parsed, RULES).errors, []);
  });
});
