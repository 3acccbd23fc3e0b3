/**
 * The rule pages that ship with the package (`server/core/rules/<id>/README.md` beside `dist/`, in the
 * npm package, the .vsix and the repository): links that exist (file URLs) and their text, for the
 * reports (JSON `docsUrl`, SARIF and JUnit carry the page) and the language server's diagnostics.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleDocs } from '../core/formatters';
import { ruleDocPath } from '../core/rules/rule';

/**
 * The package root: the folder above `dist/` for the bundles, above `server/` when run from the
 * TypeScript sources (tests).
 */
export function packageRoot(): string {
  for (const candidate of [join(__dirname, '..'), join(__dirname, '..', '..')]) {
    if (existsSync(join(candidate, 'server', 'core', 'rules')) && existsSync(join(candidate, 'package.json'))) return candidate;
  }
  return join(__dirname, '..');
}

/** The rule's page on disk, if it is there. */
export function ruleDocFile(ruleId: string, root = packageRoot()): string | undefined {
  const file = join(root, ...ruleDocPath(ruleId).split('/'));
  return existsSync(file) ? file : undefined;
}

/** Links and texts of the rule pages, each page read once. */
export function ruleDocs(root = packageRoot()): RuleDocs {
  const texts = new Map<string, string | undefined>();
  const urls = new Map<string, string | undefined>();
  return {
    url(ruleId) {
      if (!urls.has(ruleId)) {
        const file = ruleDocFile(ruleId, root);
        urls.set(ruleId, file ? pathToFileURL(file).toString() : undefined);
      }
      return urls.get(ruleId);
    },
    text(ruleId) {
      if (!texts.has(ruleId)) {
        // Findings of no rule (internal errors) link to the README, whose text is not a rule's page.
        const file = ruleDocPath(ruleId) === 'README.md' ? undefined : ruleDocFile(ruleId, root);
        let text: string | undefined;
        try {
          text = file ? readFileSync(file, 'utf8') : undefined;
        } catch {
          text = undefined;
        }
        texts.set(ruleId, text);
      }
      return texts.get(ruleId);
    },
  };
}
