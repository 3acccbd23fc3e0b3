import { childBlock, eol, insertBeforeLine } from '../../../edits/xml-edits';
import type { Fix, TextEdit } from '../../../findings';
import type { Principal } from '../../../salesforce/credentials';
import { kids, leafValue, metadataRoot } from '../../../salesforce/metadata';
import { grantKey, permissionSetsOf, profilesOf, type PermissionSetModel, type PrincipalGrant } from '../../../salesforce/permissions';
import { externalCredentialOf, type SfdxProject } from '../../../salesforce/project';
import { closest } from '../../../text/closest';
import type { XmlElement } from '../../../xml/types';
import { firstThatFits, msg, prose } from '../../message';
import { sfdxFileRule, type ReportRelated } from '../../rule';

const ACCESS = 'externalCredentialPrincipalAccesses';

export default sfdxFileRule(
  {
    id: 'credential/principal-not-granted',
    scope: 'sfdx-file',
    type: 'problem',
    defaultSeverity: 'warning',
    description:
      'An External Credential principal that no permission set or permission set group of the project grants (externalCredentialPrincipalAccesses): every callout through it fails with "We couldn\'t access the credential(s)".',
    hasSuggestions: true,
  },
  (file, role, project, ctx) => {
    if (role !== 'external-credential') return;
    const ec = externalCredentialOf(file);
    if (!ec || ec.principals.length === 0) return;
    // Without a permission set in the project, access is managed elsewhere (the org, another package): never guess.
    const permissionSetPaths = project.index.pathsOf('permission-set');
    if (permissionSetPaths.length === 0) return;
    const sets = permissionSetsOf(project);
    const grants: { ps: PermissionSetModel; grant: PrincipalGrant; key: string }[] = [];
    for (const ps of sets) for (const grant of ps.grants) grants.push({ ps, grant, key: grantKey(project, grant.principal.value) });
    const ecPrefix = `${ec.name.toLowerCase()}-`;
    for (const p of ec.principals) {
      // API 56.0 mapped a principal to a permission set on the credential itself (`<principal>`).
      if (p.type === 'AwsStsPrincipal' || !p.name || p.permissionSet) continue;
      const names = [p.name, ...(p.group ? [p.group] : [])].map((n) => `${ec.name}-${n}`.toLowerCase());
      if (grants.some((g) => g.grant.enabled && names.includes(g.key))) continue;
      if (!notGrantedInSource(project, names, grants.length > 0)) continue;
      const written = `${ec.name}-${p.name}`;
      const related: ReportRelated[] = [];
      let note = '';
      const disabled = grants.find((g) => !g.grant.enabled && names.includes(g.key));
      if (disabled) {
        note = msg` ${describe(disabled.ps)} lists it with enabled false.`;
        related.push(grantLocation(disabled.ps, disabled.grant, `${describe(disabled.ps)} lists '${disabled.grant.principal.value}' without enabling it`));
      }
      // A near name is a typo only when it names no principal of this credential (P1 is not a typo of P0).
      const own = new Set(ec.principals.flatMap((q) => [q.name, ...(q.group ? [q.group] : [])]).map((n) => `${ec.name}-${n}`.toLowerCase()));
      const near = disabled
        ? undefined
        : nearGrant(
            grants.filter((g) => !own.has(g.key)),
            written,
          );
      if (near) {
        note = msg` ${describe(near.ps)} grants '${near.grant.principal.value}': did you mean '${written}'?`;
        related.push(grantLocation(near.ps, near.grant, `${describe(near.ps)} grants '${near.grant.principal.value}'`));
      }
      // Another principal of this credential is granted: its users call out through that one, so nothing is known to
      // fail for want of this one (it is unused, or meant for users the source does not show). Granting it to the
      // same users would change which principal they get (a user with several gets one by sequence number).
      const grantedSibling = [...grants, ...profileGrants(project)].find((g) => g.grant.enabled && own.has(g.key) && !names.includes(g.key));
      if (grantedSibling && !disabled && !near) {
        ctx.report({
          path: file.path,
          start: p.el.start,
          end: p.el.nameEnd,
          severity: 'info',
          message: msg`Principal '${p.name}' of External Credential '${ec.name}' is granted to no one in the project, while '${grantedSibling.grant.principal.value}' is`,
          detail: msg`It is a ${p.type} that no permission set, permission set group or profile of the project grants. ${describe(grantedSibling.ps)} grants '${grantedSibling.grant.principal.value}' of the same credential, so its users call out through that one: nothing fails for want of '${p.name}', which is unused unless users the source does not show are meant to have it. Before granting it to users who already have another principal of the credential, check the principals' sequence numbers: a user with access to several gets one of them by that order. Remove it if nothing needs it.`,
          related: [
            grantLocation(
              grantedSibling.ps,
              grantedSibling.grant,
              `${describe(grantedSibling.ps)} grants '${grantedSibling.grant.principal.value}' of the same credential`,
            ),
          ],
        });
        continue;
      }
      // Permission sets that already grant other principals of this credential are where this one belongs.
      const siblings = [...new Set(grants.filter((g) => g.ps.kind === 'permission set' && g.key.startsWith(ecPrefix)).map((g) => g.ps))];
      for (const ps of siblings.slice(0, 3)) {
        const g = ps.grants.find((x) => grantKey(project, x.principal.value).startsWith(ecPrefix))!;
        related.push(grantLocation(ps, g, `${describe(ps)} grants '${g.principal.value}' of the same credential`));
      }
      const only = permissionSetPaths.length === 1 ? sets.find((s) => s.kind === 'permission set' && s.file.path === permissionSetPaths[0]) : undefined;
      ctx.report({
        path: file.path,
        start: p.el.start,
        end: p.el.nameEnd,
        message: firstThatFits(
          msg`Principal '${p.name}' of External Credential '${ec.name}' is not granted in the project: callouts through it fail with "We couldn't access the credential(s)"`,
          msg`Principal '${p.name}' of External Credential '${ec.name}' is not granted in the project`,
        ),
        detail: msg`It is a ${p.type}, and no permission set or permission set group of the project grants it: every callout through a Named Credential that uses it fails with "We couldn't access the credential(s)" for users without that access, automation users included.${note} Grant it in a permission set assigned to the users that call out: ${prose(`<${ACCESS}><enabled>true</enabled><externalCredentialPrincipal>`)}${escapeXml(written)}${prose(`</externalCredentialPrincipal></${ACCESS}>`)}.`,
        related,
        suggestions: () => suggestions(p, written, siblings, only, near ?? disabled),
      });
    }
  },
);

/** The principal grants of the project's profiles (read whole: see `notGrantedInSource`). */
function profileGrants(project: SfdxProject): { ps: PermissionSetModel; grant: PrincipalGrant; key: string }[] {
  return profilesOf(project).profiles.flatMap((ps) => ps.grants.map((grant) => ({ ps, grant, key: grantKey(project, grant.principal.value) })));
}

/**
 * Whether a principal that no permission set grants is ungranted in this source tree: no profile grants
 * it either, and the project is one whose principal access can be read from its source. Profiles are read only now (they are the largest
 * files of an org). Silent (false) when a profile grants it, when a profile could not be read whole
 * (what it grants is unknown), or when the project has profiles but nothing in it grants any principal:
 * access is then managed in the org, not in this source tree.
 */
function notGrantedInSource(project: SfdxProject, names: readonly string[], anyPermissionSetGrant: boolean): boolean {
  const { profiles, complete } = profilesOf(project);
  if (!complete) return false;
  let anyProfileGrant = false;
  for (const profile of profiles) {
    for (const g of profile.grants) {
      anyProfileGrant = true;
      if (g.enabled && names.includes(grantKey(project, g.principal.value))) return false;
    }
  }
  return anyPermissionSetGrant || anyProfileGrant || profiles.length === 0;
}

function suggestions(
  p: Principal,
  written: string,
  siblings: readonly PermissionSetModel[],
  only: PermissionSetModel | undefined,
  near: { ps: PermissionSetModel; grant: PrincipalGrant } | undefined,
): Fix[] {
  const out: Fix[] = [];
  if (near) {
    const g = near.grant;
    const edits: TextEdit[] = [{ path: near.ps.file.path, start: g.principal.start, end: g.principal.end, newText: escapeXml(written) }];
    if (!g.enabled) {
      const enabled = kids(g.el, 'enabled')[0];
      if (enabled) edits.push({ path: near.ps.file.path, start: enabled.openEnd, end: enabled.closeStart, newText: 'true' });
    }
    out.push({
      title: g.enabled ? `Rename '${g.principal.value}' to '${written}' in ${describe(near.ps)}` : `Enable '${written}' in ${describe(near.ps)}`,
      edits,
    });
  }
  // A grant to rename or enable is the edit to make; a second grant of the same principal beside it is not.
  const targets = near ? [] : siblings.length ? siblings.slice(0, 3) : only ? [only] : [];
  for (const ps of targets) out.push({ title: `Grant '${written}' (${p.type}) in ${describe(ps)}`, edits: [grantEdit(ps, written)] });
  return out;
}

function describe(ps: PermissionSetModel): string {
  return `${ps.kind} '${ps.name}'`;
}

function grantLocation(ps: PermissionSetModel, g: PrincipalGrant, message: string): ReportRelated {
  return { path: ps.file.path, start: g.principal.start, end: g.principal.end, message };
}

/** A granted name that differs from `written` only by case, spaces and underscores, or by a small edit (a label typed for a name). */
function nearGrant(
  grants: readonly { ps: PermissionSetModel; grant: PrincipalGrant; key: string }[],
  written: string,
): { ps: PermissionSetModel; grant: PrincipalGrant } | undefined {
  const loose = (s: string) => s.toLowerCase().replace(/[\s_]+/g, '');
  const target = loose(written);
  const same = grants.find((g) => loose(g.grant.principal.value) === target);
  if (same) return same;
  const key = written.toLowerCase();
  const best = closest(
    key,
    grants.map((g) => g.key),
    Math.min(3, Math.floor(key.length / 5)),
  );
  return best === undefined ? undefined : grants.find((g) => g.key === best);
}

/** Inserts a grant among the permission set's children, in the metadata's alphabetical order. */
function grantEdit(ps: PermissionSetModel, principal: string): TextEdit {
  const file = ps.file;
  const root = (ps.root ?? metadataRoot(file, 'PermissionSet') ?? file.xml.root)!;
  const block = childBlock(file, root, [
    `<${ACCESS}>`,
    '\t<enabled>true</enabled>',
    `\t<externalCredentialPrincipal>${escapeXml(principal)}</externalCredentialPrincipal>`,
    `</${ACCESS}>`,
  ]);
  const existing = kids(root, ACCESS);
  const key = principal.toLowerCase();
  let before: XmlElement | undefined = existing.find((e) => (leafValue(file, e, 'externalCredentialPrincipal') ?? '').toLowerCase() > key);
  if (!before && existing.length) {
    const last = existing[existing.length - 1];
    return { path: file.path, start: last.end, end: last.end, newText: eol(file) + block };
  }
  before ??= root.children.find((c) => c.local > ACCESS);
  return insertBeforeLine(file, before ? before.start : root.closeStart, block);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
