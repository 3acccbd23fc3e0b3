/**
 * The shape issue 21 asks of every message (one sentence, one line, at most 160 characters), as the rule
 * tester checks it for every finding of every rule (`ruleTests`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles, MAX_MESSAGE_LENGTH, messageShapeProblem } from './support/rule-tester';
import { legacyNc, ncPath, SFDX_PROJECT } from './support/sfdx';
import { RULES } from '../server/core/rules';
import { msg, plain, prose, withTail } from '../server/core/rules/message';

describe('message shape check', () => {
  it('accepts one sentence that names the element and the consequence', () => {
    assert.equal(messageShapeProblem("<salesforce:create> in 'post-order' fails unhandled when the session expires"), undefined);
    assert.equal(
      messageShapeProblem("Named Credential 'a.b. C' calls SOAP: e.g. <x. Y> is quoted"),
      undefined,
      'dots inside quoted names are not sentence ends',
    );
  });
  it('refuses a line break, a second sentence, and more than 160 characters', () => {
    assert.equal(messageShapeProblem('first\nsecond'), 'has a line break');
    assert.match(messageShapeProblem('It fails. Add a handler.')!, /more than one sentence/);
    assert.match(messageShapeProblem('x'.repeat(MAX_MESSAGE_LENGTH + 1))!, /is 161 characters long/);
    assert.equal(messageShapeProblem('x'.repeat(MAX_MESSAGE_LENGTH)), undefined);
  });
  it('withTail adds a consequence only when it fits, keeping the quoted values marked', () => {
    const head = (name: string) => msg`<salesforce:query> in '${name}' fails unhandled when the session expires`;
    const tail = prose(': the scheduled run ends and nothing alerts');
    assert.equal(
      plain(withTail(head('api'), tail)),
      "<salesforce:query> in 'api' fails unhandled when the session expires: the scheduled run ends and nothing alerts",
    );
    const long = 'x'.repeat(MAX_MESSAGE_LENGTH - plain(head('')).length - 5);
    assert.equal(plain(withTail(head(long), tail)), plain(head(long)));
    assert.ok(withTail(head('api'), tail).includes('\uE000api\uE001'), 'the flow name is still a quoted value (masked if it were a secret)');
  });
  it('passes for the worked example (credential/soap-session-not-refreshed), whose explanation is its detail', () => {
    const nc = legacyNc('NamedUser', 'Oauth').replace('https://api.example.com', 'https://x.my.salesforce.com/services/Soap/u/60.0');
    const { findings } = lintFiles(
      { ...SFDX_PROJECT, [ncPath('Sf')]: nc },
      RULES.find((r) => r.meta.id === 'credential/soap-session-not-refreshed'),
    );
    assert.equal(findings.length, 1);
    assert.equal(messageShapeProblem(findings[0].message), undefined);
    assert.ok((findings[0].detail ?? '').length > MAX_MESSAGE_LENGTH / 2, 'the explanation moved to the detail');
  });
});
