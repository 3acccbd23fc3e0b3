import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateWhen } from './when-conditions';

describe('evaluateWhen', () => {
  it('decides comparisons of the error type fields', () => {
    assert.equal(evaluateWhen("#[error.errorType.identifier != 'CONNECTIVITY']", 'SALESFORCE:CONNECTIVITY'), false);
    assert.equal(evaluateWhen("#[error.errorType.identifier != 'CONNECTIVITY']", 'SALESFORCE:INVALID_INPUT'), true);
    assert.equal(evaluateWhen('#[error.errorType.namespace == "SALESFORCE"]', 'SALESFORCE:TIMEOUT'), true);
    assert.equal(evaluateWhen("#[error.errorType.namespace == 'SALESFORCE' and error.errorType.identifier == 'TIMEOUT']", 'SALESFORCE:CONNECTIVITY'), false);
    assert.equal(evaluateWhen("#[error.errorType.identifier == 'TIMEOUT' or error.errorType.identifier == 'CONNECTIVITY']", 'SALESFORCE:CONNECTIVITY'), true);
  });
  it('leaves any other condition undecided', () => {
    assert.equal(evaluateWhen('#[vars.retry]', 'SALESFORCE:CONNECTIVITY'), undefined);
    assert.equal(evaluateWhen("#[error.description contains 'expired']", 'SALESFORCE:CONNECTIVITY'), undefined);
    assert.equal(evaluateWhen("#[error.errorType.identifier != 'CONNECTIVITY' and vars.x]", 'SALESFORCE:CONNECTIVITY'), undefined);
    assert.equal(evaluateWhen('#[true]', 'SALESFORCE:CONNECTIVITY'), undefined);
  });
});
