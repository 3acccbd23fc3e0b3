/**
 * The CLI over the real public apps in ../shared/corpus: no crash, every file parsed, and the
 * findings reviewed by hand (see the notes next to each expectation).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SourceFile } from '../server/core/project/source-file';
import { lexApex, mayCallOut, parseApexClass } from '../server/core/salesforce/apex';
import { cli, REPO } from './support/cli';
import { messageShapeProblem } from './support/rule-tester';

const CORPUS = join(REPO, '..', 'shared', 'corpus');
const skip = existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}`;

interface Message {
  ruleId: string;
  line: number;
  message: string;
  detail?: string;
  severity: string;
}

describe('real-world corpus', { skip }, () => {
  let results: { filePath: string; messages: Message[] }[] = [];
  const count = (app: string, rule: string) =>
    results.filter((r) => r.filePath.includes(app)).reduce((n, r) => n + r.messages.filter((m) => m.ruleId === rule).length, 0);

  it('lints every file without crashing', async () => {
    const r = await cli(['lint', CORPUS, '--format', 'json']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0, 'the corpus has warnings only');
    results = JSON.parse(r.stdout);
    assert.equal(results.length, 50 + 843, "Mule XML (src/main/mule and MUnit), Salesforce metadata files, and NPSP's 843 Apex classes");
  });

  it('parses every file (no malformed XML, no internal error)', () => {
    const bad = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'xml/malformed' || m.ruleId === 'internal-error').map((m) => `${r.filePath}: ${m.message}`),
    );
    assert.deepEqual(bad, []);
  });

  it('every message is one sentence of at most 160 characters, and the explanation is its detail (issue 21)', () => {
    const all = results.flatMap((r) => r.messages);
    assert.ok(all.length >= 10);
    const misshapen = all.flatMap((m) => {
      const problem = messageShapeProblem(m.message);
      return problem ? [`${m.ruleId}: "${m.message}" ${problem}`] : [];
    });
    assert.deepEqual(misshapen, []);
    assert.deepEqual(
      all.filter((m) => !m.detail).map((m) => m.ruleId),
      [],
      'every finding of the corpus explains itself in its detail',
    );
  });

  it('tinashaw: reconnection from properties plus a default handler with CONNECTIVITY and RETRY_EXHAUSTED: clean', () => {
    assert.deepEqual(
      results.filter((r) => r.filePath.includes('tinashaw')).flatMap((r) => r.messages),
      [],
    );
  });

  const find = (app: string, rule: string) =>
    results.filter((r) => r.filePath.includes(app)).flatMap((r) => r.messages.filter((m) => m.ruleId === rule).map((m) => ({ ...m, filePath: r.filePath })));

  it('madhava: the four operations retried by until-successful escape the APIkit main flow as MULE:RETRY_EXHAUSTED: one finding, at its handler', () => {
    const [unhandled, ...more] = find('madhava', 'mule/unhandled-session-error');
    assert.equal(more.length, 0, 'one root cause, one finding');
    assert.ok(unhandled.filePath.endsWith('madhava-mule__accounts-sfdc-system-api/src/main/mule/interface.xml'));
    assert.equal(unhandled.severity, 'info', 'the HTTP caller gets an error response');
    assert.equal(
      unhandled.message,
      "Salesforce session failures of 4 operations escape through this error handler: the HTTP caller gets the listener's own error response",
    );
    assert.match(
      unhandled.detail ?? '',
      /^They escape flow 'accounts-sfdc-sapi-main' through this error handler, which has no on-error matching MULE:RETRY_EXHAUSTED \(until-successful raises MULE:RETRY_EXHAUSTED once its retries are spent: .*\): /,
    );
    // Its listener answers errors with `<http:error-response statusCode="#[vars.httpStatus default 500]">` and `#[payload]`.
    assert.match(unhandled.detail ?? '', /the listener's own <http:error-response> \(status #\[vars\.httpStatus default 500\], body #\[payload\]\)/);
    // The try's `when="#[error.errorType.identifier != 'CONNECTIVITY']"` lets CONNECTIVITY through to the retry.
    const [reconnection] = find('madhava', 'mule/missing-reconnection');
    assert.equal(reconnection.severity, 'info', 'until-successful logs in again: the strategy is only the better place');
    assert.match(reconnection.message, /its 4 operations log in again only through until-successful$/);
    assert.match(reconnection.detail ?? '', /^Its 4 operations run inside until-successful/);
    assert.equal(count('madhava', 'mule/blind-session-retry'), 0, "the try's when condition classifies before the retry");
  });

  it('madajee: the 65 operations of the APIkit sub-flows escape one handler that only knows APIKIT types: one finding', () => {
    const found = find('madajee', 'mule/unhandled-session-error');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^Salesforce session failures of 65 operations escape through this error handler/);
    assert.match(found[0].detail ?? '', /^They escape flow 'estore-sfdc-system-api-main' through this error handler/);
    assert.equal(count('madajee', 'mule/missing-reconnection'), 1);
  });

  it('rathinrajan8: the default handler catches ANY; the classified until-successful is not blind and logs in again', () => {
    assert.equal(count('rathinrajan8', 'mule/unhandled-session-error'), 0);
    assert.equal(count('rathinrajan8', 'mule/blind-session-retry'), 0, 'type="${salesforce.errorCodes}" resolves from YAML to transient types');
    const [reconnection] = find('rathinrajan8', 'mule/missing-reconnection');
    assert.deepEqual([count('rathinrajan8', 'mule/missing-reconnection'), reconnection.severity], [1, 'info']);
  });

  it('Salesforce projects: the three External Service callouts have no fault path', () => {
    const fault = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'flow/callout-without-fault-path')
        .map(
          // (None is record-triggered: the detail names no path, the flow has only one.)
          (m) =>
            `${r.filePath.split('/').pop()}: ${/action '[^']+' \([^)]+\)/.exec(m.message)?.[0]} ${/^(It|On the [a-z ]+ path it) has no fault connector/i.exec(m.detail ?? '')?.[1]}`,
        ),
    );
    assert.deepEqual(fault, [
      "Bank_Account_Records.flow-meta.xml: action 'Add_Bank_Account' (BankService.addAccount) It",
      "Create_Product_Order-10.flow-meta.xml: action 'Evaluate_Service' (CreditServices_Evaluate__Service) It",
      "Get_Credit_Rating-1.flow-meta.xml: action 'Get_Credit_Rating_Service' (CreditServices_CreditRating__Service) It",
    ]);
  });

  it('Salesforce projects: nothing else (anonymous credentials, a named principal, an Apex class that is not in the tree)', () => {
    const sf = results
      .filter((r) => /SFDC-Assets|elfausto|uday|dreamhouse/.test(r.filePath))
      .flatMap((r) => r.messages.filter((m) => m.ruleId !== 'flow/callout-without-fault-path'));
    assert.deepEqual(sf, []);
  });

  it('HTTP to Salesforce: no app of the corpus calls Salesforce over HTTP or writes a secret into a connection', () => {
    for (const rule of ['mule/salesforce-http-without-reauth', 'mule/salesforce-login-per-message', 'mule/hardcoded-salesforce-secret']) {
      assert.equal(count('', rule), 0, rule);
    }
  });

  it('template: the scheduler flow propagates ANY; batch steps keep failures inside the job', () => {
    assert.equal(count('template-sfdc2sfdc', 'mule/unhandled-session-error'), 0);
    assert.equal(count('template-sfdc2sfdc', 'mule/missing-reconnection'), 2, 'both instances A and B');
  });
});

describe("real-world corpus: a large org's Apex (NPSP)", { skip }, () => {
  const classes = join(CORPUS, 'SalesforceFoundation__NPSP', 'force-app', 'main', 'default', 'classes');

  it('the callout pre-filter skips only classes with no callout: literal, and finds the credentials of the rest', () => {
    let checked = 0;
    for (const name of readdirSync(classes).filter((n) => n.endsWith('.cls'))) {
      const text = readFileSync(join(classes, name), 'utf8');
      const literals = lexApex(text).strings.filter((s) => /^callout:/i.test(s.value));
      if (!mayCallOut(text)) assert.deepEqual(literals, [], name);
      const model = parseApexClass(new SourceFile(`/npsp/${name}`, text));
      assert.equal(model.credentials.length, literals.filter((s) => /^callout:[A-Za-z]/i.test(s.value)).length, name);
      checked++;
    }
    // NPSP names no Named Credential in Apex: almost every class is skipped without being lexed.
    assert.ok(checked > 800, `${checked} classes`);
  });
});
