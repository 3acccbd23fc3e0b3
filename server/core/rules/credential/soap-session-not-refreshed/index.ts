import type { NamedCredentialModel } from '../../../salesforce/credentials';
import { apexClassOf, namedCredentialOf, type SfdxProject } from '../../../salesforce/project';
import { msg } from '../../message';
import { sfdxFileRule } from '../../rule';

const SOAP = /\/services\/Soap\//i;

export default sfdxFileRule(
  {
    id: 'credential/soap-session-not-refreshed',
    scope: 'sfdx-file',
    type: 'suggestion',
    defaultSeverity: 'info',
    description:
      'An OAuth Named/External Credential pointing at a Salesforce SOAP endpoint (/services/Soap/): SOAP reports an expired session as 500, so the token is never refreshed.',
  },
  (file, role, project, ctx) => {
    // The message names the element and the consequence; the explanation is the detail.
    const detail = `SOAP reports an expired session as HTTP 500 sf:INVALID_SESSION_ID, while Named Credentials refresh OAuth tokens only on 401: once the access token expires, every call fails until someone re-authenticates. Call the REST API instead, or catch the fault and refresh explicitly.`;
    if (role === 'named-credential') {
      const nc = namedCredentialOf(file);
      if (!nc || !nc.endpoint || !SOAP.test(nc.endpoint.value) || !usesOauth(project, nc)) return;
      ctx.report({
        path: nc.file.path,
        start: nc.endpoint.start,
        end: nc.endpoint.end,
        message: msg`Named Credential '${nc.name}' calls SOAP with OAuth: its token is never refreshed when the session expires`,
        detail,
      });
    }
    if (role === 'apex') {
      const cls = apexClassOf(file);
      for (const c of cls.credentials) {
        if (!SOAP.test(c.path)) continue;
        const local = c.namespace ? project.localName(`${c.namespace}__${c.name}`) : c.name;
        const nc = local !== undefined ? project.namedCredential(local) : undefined;
        if (!nc || !usesOauth(project, nc) || (nc.endpoint && SOAP.test(nc.endpoint.value))) continue;
        ctx.report({
          path: cls.file.path,
          start: c.start,
          end: c.end + c.path.length,
          message: msg`Apex class ${cls.name} calls SOAP through OAuth Named Credential '${nc.name}': the token is never refreshed when the session expires`,
          detail,
          related: [
            { path: nc.file.path, start: nc.file.xml.root?.start ?? 0, end: nc.file.xml.root?.nameEnd ?? 0, message: msg`Named Credential '${nc.name}'` },
          ],
        });
      }
    }
  },
);

function usesOauth(project: SfdxProject, nc: NamedCredentialModel): boolean {
  if (nc.style === 'legacy') return nc.protocol?.value === 'Oauth';
  const local = nc.externalCredential ? project.localName(nc.externalCredential.value) : undefined;
  const ec = local !== undefined ? project.externalCredential(local) : undefined;
  return ec?.protocol?.value === 'Oauth';
}
