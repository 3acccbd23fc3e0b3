/**
 * What the extension and the language server agree on: settings, commands, code action kinds,
 * diagnostic data. Types and constants only, so the client can import it without pulling in the
 * server.
 */

import type { Diagnosis } from '../core/diagnose/classify';
import type { ProbeReport } from '../core/diagnose/probe-verdict';

export type { Diagnosis, ProbeReport };

export type RunMode = 'onType' | 'onSave';
export type SeverityOverride = 'off' | 'info' | 'warning' | 'error' | 'default';

/** Like vscode-eslint's `eslint.rules.customizations`: `rule` is an id or a glob such as `mule/*`. */
export interface RuleCustomization {
  readonly rule: string;
  readonly severity: SeverityOverride;
}

/** `sessionGuard.*` settings, per workspace folder. */
export interface Settings {
  readonly enable: boolean;
  readonly run: RunMode;
  readonly rules: { readonly customizations: readonly RuleCustomization[] };
  /** A `.sessionguardrc.json` to use instead of the nearest one (absolute, or relative to the folder). */
  readonly configFile: string | null;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  rules: { customizations: [] },
  configFile: null,
};

export const SETTINGS_SECTION = 'sessionGuard';
export const DIAGNOSTIC_SOURCE = 'session-guard';
export const FIX_ALL_KIND = 'source.fixAll.sessionGuard';

/** Commands the server executes (`workspace/executeCommand`). */
export const SERVER_COMMANDS = {
  showRuleDocumentation: 'sessionGuard.showRuleDocumentation',
  lintWorkspace: 'sessionGuard.server.lintWorkspace',
  /** Arguments: [uri]; applies every fix, pass after pass, through `workspace/applyEdit`; returns FixAllResult. */
  fixAll: 'sessionGuard.server.fixAll',
  /** Arguments: [Diagnosis['context']] (no secrets); returns FailureLocationInfo[]. */
  locateFailure: 'sessionGuard.server.locateFailure',
} as const;

/** Commands the extension contributes to the palette. */
export const CLIENT_COMMANDS = {
  lintWorkspace: 'sessionGuard.lintWorkspace',
  insertSnippet: 'sessionGuard.insertRecoverySnippet',
  restartServer: 'sessionGuard.restartServer',
  showOutput: 'sessionGuard.showOutput',
  diagnoseClipboard: 'sessionGuard.diagnoseClipboard',
  diagnoseSelection: 'sessionGuard.diagnoseSelection',
  probeOrg: 'sessionGuard.probeOrg',
  fixAll: 'sessionGuard.fixAll',
} as const;

/** What a client says it can do, in `initializationOptions` (besides `settings`). */
export interface InitializationOptions {
  readonly settings?: unknown;
  /** The client opens rule pages itself (VS Code: in the Markdown preview) on `OPEN_RULE_DOCUMENTATION`. */
  readonly openRuleDocumentation?: boolean;
  /** The client shows the server's state (`STATUS_NOTIFICATION`). */
  readonly status?: boolean;
}

/** Server → client request: show this rule's page (params `OpenRuleDocumentationParams`). */
export const OPEN_RULE_DOCUMENTATION = 'sessionGuard/openRuleDocumentation';
export interface OpenRuleDocumentationParams {
  readonly ruleId: string;
  /** The page bundled with the server (a file URI). */
  readonly uri: string;
}

/** Server → client notification: what the server is doing, and the configuration files it could not use. */
export const STATUS_NOTIFICATION = 'sessionGuard/status';
export interface ServerStatus {
  readonly state: 'indexing' | 'ready';
  /** Files known after indexing (0 while indexing). */
  readonly files: number;
  /** Invalid `.sessionguardrc.json` files (defaults apply meanwhile). */
  readonly configErrors: readonly { readonly uri: string; readonly message: string }[];
  /** Counts changes of configuration files and settings: the client asks again which one applies. */
  readonly configChanges: number;
}

/** Client → server request: the configuration that applies to a document (params `{ uri }`). */
export const CONFIG_FOR_REQUEST = 'sessionGuard/configFor';
export interface ConfigForResult {
  /** The `.sessionguardrc.json` in use (a file URI), or null for the defaults. */
  readonly configUri: string | null;
  /** Why that file is not used, when it is invalid. */
  readonly error?: string;
}

export interface FixAllResult {
  /** Whether an edit was made (and the client applied it). */
  readonly applied: boolean;
  readonly fixes: number;
}

/** Carried in each diagnostic so code actions find the finding they were computed with. */
export interface DiagnosticData {
  readonly ruleId: string;
  /** Document version the finding was computed for; code actions for other versions are refused. */
  readonly version: number;
  /** Index of the finding in the server's cache for that document version. */
  readonly index: number;
}

export interface LintWorkspaceResult {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** Where a diagnosed failure happened in the workspace, with the Session Guard findings there. */
export interface FailureLocationInfo {
  readonly kind: 'mule-element' | 'flow';
  readonly uri: string;
  readonly label: string;
  /** 0-based LSP range of the element the error names. */
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly findings: readonly FailureFinding[];
  /** The Salesforce connection (config) the failing operation uses, with the findings on it. */
  readonly connection?: {
    readonly uri: string;
    readonly label: string;
    readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
    readonly findings: readonly FailureFinding[];
  };
}

export interface FailureFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly line: number;
  readonly docsUrl: string;
}
