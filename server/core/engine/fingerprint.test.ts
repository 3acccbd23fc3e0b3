import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceFile } from '../project/source-file';
import { elementPath, fingerprintKey, fingerprintOf } from './fingerprint';

const MULE = `<mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:salesforce="http://www.mulesoft.org/schema/mule/salesforce">
  <flow name="orders">
    <logger message="a"/>
    <salesforce:query config-ref="sf"/>
    <salesforce:query config-ref="sf2"/>
  </flow>
</mule>`;

const file = (text: string, path = '/w/app/src/main/mule/a.xml') => new SourceFile(path, text);
const at = (text: string, needle: string) => text.indexOf(needle);

describe('finding fingerprints', () => {
  it('name elements by their name attribute, or by position among siblings of the same name, down to the attribute', () => {
    assert.equal(elementPath(file(MULE), at(MULE, 'config-ref="sf2"')), "mule[1]/flow[@name='orders']/salesforce:query[2]/@config-ref");
    assert.equal(elementPath(file(MULE), at(MULE, '<logger')), "mule[1]/flow[@name='orders']/logger[1]");
  });
  it('name Salesforce metadata elements by their <name> child', () => {
    const flow = '<Flow>\n  <actionCalls>\n    <name>Call_Erp</name>\n    <actionType>externalService</actionType>\n  </actionCalls>\n</Flow>';
    assert.equal(elementPath(file(flow, '/w/f.flow-meta.xml'), at(flow, 'externalService')), "Flow[1]/actionCalls[name='Call_Erp']/actionType[1]");
  });
  it('stay the same when lines are added above, or another flow before, and differ between rules and elements', () => {
    const key = (text: string, needle: string, rule = 'mule/x') => fingerprintKey(rule, file(text), at(text, needle), at(text, needle) + needle.length);
    const moved = MULE.replace('<flow name="orders">', '<flow name="other"><logger/></flow>\n\n\n  <flow name="orders">');
    assert.equal(key(moved, 'config-ref="sf"'), key(MULE, 'config-ref="sf"'));
    assert.notEqual(key(MULE, 'config-ref="sf"'), key(MULE, 'config-ref="sf2"'));
    assert.notEqual(key(MULE, 'config-ref="sf"'), key(MULE, 'config-ref="sf"', 'mule/y'));
    assert.notEqual(fingerprintOf(key(MULE, '<logger'), 0), fingerprintOf(key(MULE, '<logger'), 1), 'a second finding of the same kind on the same element');
    assert.match(fingerprintOf(key(MULE, '<logger'), 0), /^[0-9a-f]{16}$/);
  });
  it('read Apex by the text a finding points at', () => {
    const cls = "public class A {\n  void go() { r.setEndpoint('callout:Sf/x'); }\n}\n";
    const f = file(cls, '/w/classes/A.cls');
    assert.equal(elementPath(f, 10), '');
    const k = fingerprintKey('credential/x', f, at(cls, "'callout"), at(cls, "'callout") + 13);
    const moved = `// header\n${cls}`;
    assert.equal(fingerprintKey('credential/x', file(moved, '/w/classes/A.cls'), at(moved, "'callout"), at(moved, "'callout") + 13), k);
  });
});
