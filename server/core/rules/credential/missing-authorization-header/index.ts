import { namedCredentialOf } from '../../../salesforce/project';
import { firstThatFits, msg } from '../../message';
import { sfdxFileRule } from '../../rule';

const LEGACY_AUTH: ReadonlySet<string> = new Set(['Password', 'Oauth', 'Jwt', 'JwtExchange']);
const EC_AUTH: ReadonlySet<string> = new Set(['Oauth', 'Jwt', 'JwtExchange', 'Basic']);
/**
 * Protocols whose secrets Apex can send itself when merge fields are allowed in the body: the token
 * endpoint design, `client_id={!$Credential.Username}&client_secret={!$Credential.Password}`.
 */
const SECRETS_IN_BODY: ReadonlySet<string> = new Set(['Password', 'Basic', 'Custom']);

export default sfdxFileRule(
  {
    id: 'credential/missing-authorization-header',
    scope: 'sfdx-file',
    type: 'problem',
    defaultSeverity: 'warning',
    description:
      'A Named Credential with an authentication protocol whose generateAuthorizationHeader is false while merge fields are not allowed in headers: the token is never sent.',
    fixable: true,
  },
  (file, role, project, ctx) => {
    if (role !== 'named-credential') return;
    const nc = namedCredentialOf(file);
    if (!nc) return;
    const gen = nc.generateAuthorizationHeader;
    if (!gen || gen.value.toLowerCase() !== 'false' || nc.allowMergeFieldsInHeader === true || nc.headers.has('authorization')) return;
    let protocol: string | undefined;
    if (nc.style === 'legacy') {
      if (nc.protocol && LEGACY_AUTH.has(nc.protocol.value)) protocol = nc.protocol.value;
    } else if (nc.externalCredential) {
      const local = project.localName(nc.externalCredential.value);
      const ec = local !== undefined ? project.externalCredential(local) : undefined;
      if (ec?.protocol && EC_AUTH.has(ec.protocol.value)) protocol = ec.protocol.value;
    }
    if (!protocol) return;
    const bodyMerges = nc.allowMergeFieldsInBody === true;
    // A token endpoint: Apex posts the client credentials from merge fields in the body; no header is wanted.
    if (bodyMerges && SECRETS_IN_BODY.has(protocol)) return;
    ctx.report({
      path: nc.file.path,
      start: gen.start,
      end: gen.end,
      message: firstThatFits(
        bodyMerges
          ? msg`Named Credential '${nc.name}' authenticates with ${protocol} but sends no Authorization header: unless the Apex sends the token in the body, every call gets 401`
          : msg`Named Credential '${nc.name}' authenticates with ${protocol} but sends no Authorization header, so the endpoint answers 401 on every call`,
        msg`Named Credential '${nc.name}' authenticates with ${protocol} but sends no Authorization header`,
      ),
      detail: bodyMerges
        ? 'It does not generate the Authorization header, and merge fields are not allowed in headers: unless the Apex that uses it sends the token in the request body (merge fields are allowed there), no token reaches the endpoint, which answers 401 on every call. No automatic fix: generating the header as well would authenticate the client twice (RFC 6749 section 2.3 allows one method per request).'
        : 'It does not generate the Authorization header, and merge fields are not allowed in headers: no token reaches the endpoint, which answers 401 on every call. Set generateAuthorizationHeader to true (or allow merge fields and send the header yourself).',
      // Where merge fields are allowed, Apex may already send credentials itself: never add a second client authentication.
      fix: bodyMerges
        ? undefined
        : { title: 'Generate the Authorization header', edits: [{ path: nc.file.path, start: gen.start, end: gen.end, newText: 'true' }] },
    });
  },
);
