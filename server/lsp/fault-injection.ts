/**
 * Fault injection for testing the hosts' isolation (`SESSION_GUARD_FAULT_INJECTION=throwing-rule`):
 * a rule that throws on every file containing `SESSION_GUARD_FAULT`. Its failure must surface as an
 * internal-error diagnostic naming it while every other rule still reports.
 */
import { xmlFileRule, type Rule } from '../core/rules/rule';

const THROWING_RULE: Rule = xmlFileRule(
  {
    id: 'fault-injection/throws',
    scope: 'xml-file',
    type: 'problem',
    defaultSeverity: 'error',
    description: 'Throws on purpose (fault-injection tests only).',
  },
  (file) => {
    if (file.text.includes('SESSION_GUARD_FAULT')) throw new Error('injected fault');
  },
);

export function injectedRules(env: NodeJS.ProcessEnv): Rule[] {
  return env.SESSION_GUARD_FAULT_INJECTION === 'throwing-rule' ? [THROWING_RULE] : [];
}
