import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mule } from '../../../test/support/fixtures';
import { Program } from '../program/program';
import { attr } from '../xml/dom';
import { attributeText, contentText, objectPairs, queryPairs } from './expression-text';
import { cronIntervalMs } from './login-paths';
import { apiOfPath, isSalesforceHost, salesforceRequests } from './salesforce-http';

const MAIN = '/w/app/src/main/mule/main.xml';

function appOf(files: Record<string, string>) {
  const program = new Program();
  for (const [p, t] of Object.entries(files)) program.setFile(p, t);
  return program.muleApp('mule:/w/app')!;
}

/** The doc:name of every request the model finds, with its API and path. */
function found(files: Record<string, string>): string[] {
  return salesforceRequests(appOf(files)).map((r) => `${attr(r.el, 'doc:name')} ${r.api} ${r.path}${r.token ? ' token' : ''} (${r.evidence})`);
}

describe('HTTP traffic to Salesforce', () => {
  it("knows Salesforce's hosts", () => {
    for (const h of [
      'login.salesforce.com',
      'test.salesforce.com',
      'acme.my.salesforce.com',
      'acme--dev.sandbox.my.salesforce.com',
      'na1.salesforce.com',
      'acme.force.com',
      'LOGIN.SALESFORCE.COM',
    ])
      assert.ok(isSalesforceHost(h), h);
    for (const h of ['salesforce.com.evil.example', 'notforce.com', 'api.example.com', 'mysalesforce.com']) assert.ok(!isSalesforceHost(h), h);
  });

  it('reads the API from the path, from its start unless the host is Salesforce', () => {
    assert.equal(apiOfPath('/services/data/v60.0/query', false), 'rest');
    assert.equal(apiOfPath('/services/Soap/u/60.0', false), 'soap');
    assert.equal(apiOfPath('//services//oauth2/token', false), 'oauth');
    assert.equal(apiOfPath('/services/apexrest/orders', false), 'apex');
    assert.equal(apiOfPath('/services/async/60.0/job', false), 'async');
    assert.equal(apiOfPath('/customers/services/oauth2/token', false), undefined);
    assert.equal(apiOfPath('/customers/services/oauth2/token', true), 'oauth');
    assert.equal(apiOfPath('/services/other/x', true), undefined);
  });

  it('resolves hosts, base paths and URLs through every environment, and stays silent on unknowns', () => {
    const files = {
      [MAIN]: mule(`
        <http:request-config name="env" basePath="\${sf.base}"><http:request-connection host="\${sf.host}"/></http:request-config>
        <http:request-config name="mixed"><http:request-connection host="\${mixed.host}"/></http:request-config>
        <http:request-config name="unknown" basePath="\${nowhere}"><http:request-connection host="\${nowhere}"/></http:request-config>
        <http:request-config name="apex" basePath="\${nowhere}"><http:request-connection host="\${nowhere}"/></http:request-config>
        <flow name="f">
          <http:request doc:name="by-host" config-ref="env" path="/oauth2/token"/>
          <http:request doc:name="mixed-env" config-ref="mixed" path="/customers/services/data/v1"/>
          <http:request doc:name="mixed-path" config-ref="mixed" path="/services/data/v60.0/query"/>
          <http:request doc:name="unknown" config-ref="unknown" path="/oauth2/token"/>
          <http:request doc:name="url" url="https://acme.my.salesforce.com/services/data/v60.0/sobjects?x=\${not.known}"/>
          <http:request doc:name="url-expression" url="#[vars.instanceUrl ++ '/services/apexrest/orders']"/>
          <http:request doc:name="apex-rest" config-ref="apex" path="/apexrest/orders"/>
          <http:request doc:name="apex-sibling" config-ref="apex" path="/oauth2/token"/>
          <http:request doc:name="other" url="https://api.example.com/v1/orders"/>
        </flow>`),
      '/w/app/src/main/resources/dev.yaml':
        'sf:\n  host: "acme--dev.sandbox.my.salesforce.com"\n  base: "/services"\nmixed:\n  host: "acme.my.salesforce.com"\n',
      '/w/app/src/main/resources/prod.yaml': 'sf:\n  host: "acme.my.salesforce.com"\n  base: "/services/"\nmixed:\n  host: "gateway.example.com"\n',
    };
    assert.deepEqual(found(files), [
      'by-host oauth /services/oauth2/token token (host)',
      'mixed-path rest /services/data/v60.0/query (path)',
      'url rest /services/data/v60.0/sobjects (host)',
      'url-expression apex /services/apexrest/orders (path)',
      'apex-rest apex …/apexrest/orders (apex-rest)',
      'apex-sibling oauth …/oauth2/token token (apex-rest)',
    ]);
  });

  it('leaves MUnit suites out', () => {
    const suite = mule(
      '<munit:config name="t" xmlns:munit="http://www.mulesoft.org/schema/mule/munit"/><flow name="f"><http:request url="https://login.salesforce.com/services/oauth2/token"/></flow>',
    );
    assert.deepEqual(found({ [MAIN]: suite }), []);
  });
});

describe('expression text', () => {
  it('maps decoded attribute values back to the file, entities included', () => {
    const text = '<a url="x?a=1&amp;client_secret=S3cr&#101;t&amp;b=2"/>';
    const program = new Program();
    program.setFile('/w/x.xml', text);
    const el = program.file('/w/x.xml')!.xml.root!;
    const src = attributeText(text, el.attrNode('url')!);
    assert.equal(src.text, 'x?a=1&client_secret=S3cret&b=2');
    const secret = queryPairs(src.text).find((p) => p.key === 'client_secret')!;
    assert.equal(secret.value, 'S3cret');
    assert.equal(text.slice(src.offsetAt(secret.valueStart), src.offsetAt(secret.valueEnd)), 'S3cr&#101;t');
  });

  it('keeps a reference to no character as written (beyond U+10FFFF, a surrogate)', () => {
    const text = '<a v="x&#x110000;y&#xD800;z&#65;"/>';
    const program = new Program();
    program.setFile('/w/y.xml', text);
    const src = attributeText(text, program.file('/w/y.xml')!.xml.root!.attrNode('v')!);
    assert.equal(src.text, 'x&#x110000;y&#xD800;zA');
  });

  it('reads a value exactly as the scanner does: references to characters XML does not allow stay as written', () => {
    const text = '<a v="a&#1;b&#0;c&#xFFFE;d&#x1F600;e&amp;f"/>';
    const program = new Program();
    program.setFile('/w/z.xml', text);
    const attr = program.file('/w/z.xml')!.xml.root!.attrNode('v')!;
    const src = attributeText(text, attr);
    assert.equal(src.text, attr.value);
    assert.equal(src.text, 'a&#1;b&#0;c&#xFFFE;d\u{1F600}e&f');
    const emoji = src.text.indexOf('\u{1F600}');
    assert.equal(src.offsetAt(emoji), text.indexOf('&#x1F600;'), 'a decoded character points at its reference');
    assert.equal(src.offsetAt(src.text.indexOf('f')), text.indexOf('f"'), 'offsets after references stay in step');
  });

  it('reads CDATA and text of an element with offsets, and the fields of DataWeave objects', () => {
    const text = `<h>#[{ 'Authorization': 'Bearer ' ++ vars.token, nested: { urn#password: "p'w", x: [1, {y: 2}] } }]<![CDATA[ grant_type: "a,b" ]]></h>`;
    const program = new Program();
    program.setFile('/w/h.xml', text);
    const src = contentText(text, program.file('/w/h.xml')!.xml.root!);
    const pairs = objectPairs(src.text);
    assert.deepEqual(
      pairs.map((p) => [p.key, p.value, p.literal?.text]),
      [
        ['Authorization', "'Bearer ' ++ vars.token", 'Bearer '],
        ['nested', `{ urn#password: "p'w", x: [1, {y: 2}] }`, undefined],
        ['password', `"p'w"`, "p'w"],
        ['x', '[1, {y: 2}]', undefined],
        ['y', '2', undefined],
      ],
    );
    const pw = pairs[2];
    assert.equal(text.slice(src.offsetAt(pw.valueStart), src.offsetAt(pw.valueEnd)), `"p'w"`);
    assert.ok(src.text.endsWith(' grant_type: "a,b" '), 'CDATA is read as written');
  });

  it('tells how often a cron expression fires', () => {
    assert.equal(cronIntervalMs('* * * * * ?'), 1000);
    assert.equal(cronIntervalMs('*/5 * * * * ?'), 5000);
    assert.equal(cronIntervalMs('1/2 * * * * ?'), 2000);
    assert.equal(cronIntervalMs('0,30 * * * * ?'), 30_000);
    assert.equal(cronIntervalMs('0 * * * * ?'), 60_000);
    assert.equal(cronIntervalMs('0 0/5 14 * * ?'), 300_000);
    assert.equal(cronIntervalMs('0 15 10 ? * *'), 3_600_000);
    assert.equal(cronIntervalMs('0 L * * * ?'), undefined);
    assert.equal(cronIntervalMs('not a cron'), undefined);
  });
});
