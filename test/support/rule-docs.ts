/** Reading a rule's README examples (used by the rule catalogue test and the fuzzer). */
import assert from 'node:assert/strict';

/**
 * The files of a README example: every ```xml / ```apex block under the heading. A block may start
 * with `<!-- file: path -->` (or `// file: path` in Apex); Salesforce examples live in an SFDX project.
 * `<!-- options: {...} -->` in the section sets the rule's options for the example.
 */
export function example(ruleId: string, readme: string, heading: string): { files: Record<string, string>; options: Record<string, unknown> } {
  const start = readme.indexOf(heading);
  assert.ok(start >= 0, `missing ${heading}`);
  const rest = readme.slice(start + heading.length);
  const section = rest.slice(0, rest.search(/\n## /) < 0 ? undefined : rest.search(/\n## /));
  const files: Record<string, string> = {};
  const salesforce = ruleId.startsWith('flow/') || ruleId.startsWith('credential/');
  if (salesforce) files['sf/sfdx-project.json'] = JSON.stringify({ packageDirectories: [{ path: 'force-app' }] });
  for (const m of section.matchAll(/```(xml|apex)\n([\s\S]*?)```/g)) {
    const named = /^(?:<!--\s*file:\s*(.+?)\s*-->|\/\/\s*file:\s*(.+))\n/.exec(m[2]);
    const path = named ? (named[1] ?? named[2]).trim() : 'app/src/main/mule/example.xml';
    files[salesforce ? `sf/${path}` : path] = named ? m[2].slice(named[0].length) : m[2];
  }
  assert.ok(Object.keys(files).length > (salesforce ? 1 : 0), `${heading} has a code block`);
  const options = /<!--\s*options:\s*(\{[\s\S]*?\})\s*-->/.exec(section);
  return { files, options: options ? JSON.parse(options[1]) : {} };
}
