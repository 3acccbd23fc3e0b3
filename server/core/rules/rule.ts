/**
 * What a rule is: declarative metadata plus a `check` function that reports problems through its
 * context. The engine refuses a report whose fix the rule did not declare (`fixable`) and turns a
 * throwing rule into an internal-error finding so the other rules still report.
 */
import type { Fix, ReportRelated, Severity } from '../findings';
import type { MuleApp } from '../mule/app';
import type { FileRole } from '../project/layout';
import type { SourceFile } from '../project/source-file';
import type { SfdxProject } from '../salesforce/project';
import type { FlowModel } from '../salesforce/flow';

/**
 * What a rule looks at: one XML file, a whole Mule app, one Flow with its project for resolving
 * references, or one other Salesforce metadata file (a credential, a registration, an Apex class) with
 * its project. Salesforce rules see one file at a time: the project answers what they ask by name, so
 * a run on a few files of a large org reads and models only what those files reach.
 */
export type RuleScope = 'xml-file' | 'mule-app' | 'sfdx-flow' | 'sfdx-file';

export interface NumberOption {
  readonly type: 'number';
  readonly default: number;
  readonly minimum?: number;
  readonly description: string;
}
export interface BooleanOption {
  readonly type: 'boolean';
  readonly default: boolean;
  readonly description: string;
}
/** A severity a rule gives some of its findings (e.g. request-response paths), configurable like any option. */
export interface SeverityOption {
  readonly type: 'severity';
  readonly default: Severity;
  readonly description: string;
}
export type OptionSpec = NumberOption | BooleanOption | SeverityOption;
export type RuleOptions = Readonly<Record<string, number | boolean | string>>;

export interface RuleMeta {
  readonly id: string;
  readonly scope: RuleScope;
  /** `problem`: the code will fail; `suggestion`: the code works but loses resilience. */
  readonly type: 'problem' | 'suggestion';
  readonly defaultSeverity: Severity;
  /** One sentence, shown in `session-guard rules` and SARIF. */
  readonly description: string;
  readonly fixable?: boolean;
  readonly hasSuggestions?: boolean;
  readonly options?: Readonly<Record<string, OptionSpec>>;
}

export type { ReportRelated } from '../findings';

export interface Report {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /**
   * One sentence of at most 160 characters that names the element and the consequence, e.g.
   * "<salesforce:create> in 'post-order' fails unhandled when the session expires". Prose, with the values
   * quoted from files marked by the `msg` template tag (`rules/message.ts`): the engine masks secrets in those
   * values only, never in the rule's own words. A message without marks is masked as a whole.
   */
  readonly message: string;
  /** The explanation (why it matters, what to do), shown under the message where there is room; built like `message`. */
  readonly detail?: string;
  /**
   * The severity of this finding when the rule gives it one of its own (from a severity option, or because
   * this finding is weaker than the rule's usual one); otherwise the configured severity applies. A rule
   * configured `off` reports nothing either way.
   */
  readonly severity?: Severity;
  readonly related?: readonly ReportRelated[];
  readonly fix?: Fix;
  /**
   * Edits offered for a human decision; a function when building them costs something (a whole element
   * re-indented), so a run whose report does not show suggestions never builds them.
   */
  readonly suggestions?: readonly Fix[] | (() => readonly Fix[]);
}

export interface RuleContext {
  readonly options: RuleOptions;
  report(report: Report): void;
}

export type RuleTarget =
  | { readonly scope: 'xml-file'; readonly file: SourceFile }
  | { readonly scope: 'mule-app'; readonly app: MuleApp }
  | { readonly scope: 'sfdx-file'; readonly file: SourceFile; readonly role: FileRole; readonly project: SfdxProject }
  | { readonly scope: 'sfdx-flow'; readonly flow: FlowModel; readonly project: SfdxProject };

export interface Rule {
  readonly meta: RuleMeta;
  check(target: RuleTarget, context: RuleContext): void;
}

/** Helper so rule modules stay declarative and typed by scope. */
export function muleRule(meta: RuleMeta & { scope: 'mule-app' }, check: (app: MuleApp, ctx: RuleContext) => void): Rule {
  return { meta, check: (t, ctx) => (t.scope === 'mule-app' ? check(t.app, ctx) : undefined) };
}

export function xmlFileRule(meta: RuleMeta & { scope: 'xml-file' }, check: (file: SourceFile, ctx: RuleContext) => void): Rule {
  return { meta, check: (t, ctx) => (t.scope === 'xml-file' ? check(t.file, ctx) : undefined) };
}

/** A rule on one Salesforce metadata file of a project (not a Flow: see `sfdxFlowRule`). */
export function sfdxFileRule(
  meta: RuleMeta & { scope: 'sfdx-file' },
  check: (file: SourceFile, role: FileRole, project: SfdxProject, ctx: RuleContext) => void,
): Rule {
  return { meta, check: (t, ctx) => (t.scope === 'sfdx-file' ? check(t.file, t.role, t.project, ctx) : undefined) };
}

export function sfdxFlowRule(meta: RuleMeta & { scope: 'sfdx-flow' }, check: (flow: FlowModel, project: SfdxProject, ctx: RuleContext) => void): Rule {
  return { meta, check: (t, ctx) => (t.scope === 'sfdx-flow' ? check(t.flow, t.project, ctx) : undefined) };
}

/**
 * Where a rule's page is, relative to the root of the package (the npm package and the .vsix ship
 * `server/core/rules/<id>/README.md`; the repository has them at the same place). Hosts turn it into a
 * link that exists (a file URL next to their bundle) or read the page. Findings that belong to no rule
 * (`internal-error`) point at the README.
 */
export function ruleDocPath(ruleId: string): string {
  return ruleId === 'internal-error' || ruleId === 'config' ? 'README.md' : `server/core/rules/${ruleId}/README.md`;
}
