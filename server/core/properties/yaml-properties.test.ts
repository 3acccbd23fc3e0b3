import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { libraryYamlProperties, parseYamlProperties, simpleYamlProperties } from './yaml-properties';

/** Real Mule property files (from public apps) and the shapes they take. */
const TYPICAL = [
  '\n  # list all the global configurations of this api in this file \n\nhttp:\n  host: "0.0.0.0"\n  port: "8082"\n  basePath: "/api/*"\n\nsalesforce:\n  username: "user@example.com"\n  authUrl: "https://login.salesforce.com/services/Soap/u/60.0"\n\nmule:\n  appId: "20097336"',
  'salesforce:\n  password:  "![ivX/W6Xp72hMS8q9J1iQpQ==]"\n  token:  "![XL1tPsmP++ZIfjX+D/mvj5sMqd9c4Q=]"\n \n',
  'salesforce:\n  errorCodes: "SALESFORCE:CONNECTIVITY, SALESFORCE:TIMEOUT"\n  getProductIdQuery: SELECT Id FROM Product2 WHERE Id =\':productId\'\n  getProducts: SELECT Id, Name FROM Product2 limit :limit offset :offset\n',
  'env: "dev"\napp:\n  name: "doit-sapi-dev"\n  \napi:\n#  host: "0.0.0.0"\n  host: "0.0.0.0"\n  port: 8081   # the listener\n   \nsalesforce:\n  token-endpoint: ""\n  system:\n    url: "https://example--stage.sandbox.my.salesforce.com"\n    retry: true\n',
  'query:\n  record-type:\n    byid : "SELECT Name FROM RecordType WHERE Id = "  \n  contact:\n    byid: "SELECT FIELDS(ALL) FROM Contact"\n',
  "sf:\r\n  user: 'u'\r\n  empty:\r\ntop: x # c\r\n",
];

describe('YAML properties', () => {
  it('reads typical property files directly, with what the yaml library reads', () => {
    for (const text of TYPICAL) {
      const direct = simpleYamlProperties(text);
      assert.ok(direct, `read directly: ${JSON.stringify(text.slice(0, 40))}`);
      assert.deepEqual([...direct], [...libraryYamlProperties(text)]);
    }
    assert.deepEqual(Object.fromEntries(simpleYamlProperties(TYPICAL[3])!), {
      env: 'dev',
      'app.name': 'doit-sapi-dev',
      'api.host': '0.0.0.0',
      'api.port': '8081',
      'salesforce.token-endpoint': '',
      'salesforce.system.url': 'https://example--stage.sandbox.my.salesforce.com',
      'salesforce.system.retry': 'true',
    });
  });

  it('leaves to the library what YAML could read differently', () => {
    for (const text of [
      'a: 08081', // an integer: "8081"
      'a: 1.0', // a float: "1"
      'a: True', // a boolean: "true"
      'a: null',
      'a: ~',
      'a: 0x1F',
      'a: "x\\ty"',
      "a: 'it''s'",
      'a: [1, 2]',
      'a: &x v\nb: *x',
      'a: |\n  text',
      'a:\n  - item',
      'a: b\n  c',
      'a: b: c',
      'true: x',
      '"quoted key": x',
      'a: 1\na: 2',
      '---\na: 1',
      'a:\tb',
      '__proto__: x',
    ]) {
      assert.equal(simpleYamlProperties(text), undefined, JSON.stringify(text));
      assert.deepEqual([...parseYamlProperties(text)], [...libraryYamlProperties(text)], JSON.stringify(text));
    }
  });

  it('agrees with the yaml library on every generated file it reads directly', () => {
    const KEYS = ['a', 'b', 'sf', 'http', 'port', 'token-endpoint', 'x.y', '_k', 'true', 'Null', '1a', 'a b', '__proto__', '"q"', 'k:'];
    const VALUES = [
      'abc',
      'a b',
      'http://x.io/p?q=1',
      'x:y',
      'a: b',
      "Id =':p'",
      'a #c',
      'a#b',
      'a  #  c',
      '8081',
      '08081',
      '-5',
      '-0',
      '+5',
      '0',
      '1.0',
      '1e3',
      '0x1F',
      '0o7',
      '.inf',
      '.NaN',
      'true',
      'True',
      'FALSE',
      'false',
      'null',
      'NULL',
      '~',
      'yes',
      'on',
      '"q"',
      '"q" # c',
      '"q"#c',
      '"q" x',
      '"a\\"b"',
      '"a\\nb"',
      "'s'",
      "'s' # c",
      "'it''s'",
      '"unclosed',
      "'unclosed",
      '""',
      "''",
      '[1, 2]',
      '{a: 1}',
      '&anc v',
      '*anc',
      '!!str 5',
      '|',
      '>',
      '- item',
      '-x',
      '@x',
      '`x',
      '%x',
      '? x',
      ': x',
      'a\tb',
      'trail   ',
      'a:',
      'ü',
      '\u00a0x',
      'x\u00a0',
      '12345678901234567890',
      '123456789012345',
      '2024-01-01',
      '#c',
      'a,b',
      '<x>',
      '${secure::p}',
      '=',
      "x'y",
      'x"y',
    ];
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    let direct = 0;
    const total = 4000;
    for (let round = 0; round < total; round++) {
      const lines: string[] = [];
      let indent = 0;
      const count = 1 + Math.floor(random() * 8);
      for (let i = 0; i < count; i++) {
        const r = random();
        if (r < 0.08) lines.push(pick(['', '   ', '# note', '    # indented note', '---', '- x', 'plain']));
        else {
          // Mostly well-nested: open a level, stay, or go back out; now and then an odd indentation.
          const key = random() < 0.85 ? pick(KEYS.slice(0, 8)) + (random() < 0.5 ? String(i) : '') : pick(KEYS);
          const opens = random() < 0.3;
          const sep = random() < 0.9 ? ':' : pick([' :', ':  ']);
          const value = random() < 0.7 ? pick(VALUES.slice(0, 10)) : pick(VALUES);
          lines.push(' '.repeat(random() < 0.05 ? indent + 1 : indent) + key + (opens ? sep + pick(['', ' # c', '  ']) : `${sep} ${value}`));
          if (opens) indent += pick([2, 2, 4, 1]);
          else if (random() < 0.3) indent = Math.max(0, indent - pick([2, 4]));
        }
      }
      const text = lines.join(random() < 0.1 ? '\r\n' : '\n') + (random() < 0.5 ? '\n' : '');
      const fast = simpleYamlProperties(text);
      if (fast === undefined) continue;
      direct++;
      assert.deepEqual([...fast], [...libraryYamlProperties(text)], JSON.stringify(text));
    }
    assert.ok(direct > total / 4, `a good share of the generated files is read directly (${direct} of ${total})`);
  });

  it('stops at the depth the library flattening stops at', () => {
    const deep = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + `\n${'  '.repeat(40)}v: 1\n`;
    assert.deepEqual([...parseYamlProperties(deep)], [...libraryYamlProperties(deep)]);
  });
});
