import type { Fix } from '../../../findings';
import { replace } from '../../../edits/xml-edits';
import { salesforceRequests } from '../../../mule/salesforce-http';
import { isLogin } from '../../../mule/salesforce-logins';
import { connectionSecrets, loginSecrets, type LiteralSecret } from '../../../mule/salesforce-secrets';
import { tagName } from '../../../mule/structure';
import { msg, prose, withTail } from '../../message';
import { muleRule, type RuleContext } from '../../rule';

export default muleRule(
  {
    id: 'mule/hardcoded-salesforce-secret',
    scope: 'mule-app',
    type: 'problem',
    defaultSeverity: 'error',
    description:
      'A literal password, security token, client or consumer secret, key store or private key password, refresh token or session id in a Salesforce connection or in what a login to Salesforce sends (never repeated in the message).',
    hasSuggestions: true,
  },
  (app, ctx) => {
    for (const s of connectionSecrets(app)) {
      report(ctx, s, msg`A literal ${prose(s.what)} (${s.length} characters) is written in ${prose(tagName(s.el))} attribute '${s.name}'`, '');
    }
    for (const req of salesforceRequests(app)) {
      if (!isLogin(app, req)) continue;
      const login = req.token ? prose('an OAuth token request') : prose('a SOAP login');
      for (const s of loginSecrets(app, req)) {
        report(
          ctx,
          s,
          msg`A literal ${prose(s.what)} (${s.length} characters) is sent as '${s.name}' by ${login} to Salesforce`,
          msg`The request goes to ${req.path}. `,
        );
      }
    }
  },
);

/** `what` names the secret and where it is (never the secret); `where` adds what the message leaves out. */
function report(ctx: RuleContext, s: LiteralSecret, what: string, where: string): void {
  ctx.report({
    path: s.file.path,
    start: s.start,
    end: s.end,
    message: withTail(what, prose(': anyone who can read the repository has it')),
    detail: msg`${where}Anyone who can read the repository or the deployed artifact has it, and rotating it means a new build. Read it from a secure property (Secure Configuration Properties: \${secure::…} in attributes, p('secure::…') in DataWeave).`,
    suggestions: s.replacement ? () => [suggestion(s)] : [],
  });
}

function suggestion(s: LiteralSecret): Fix {
  const r = s.replacement!;
  return {
    title: `Read it from the secure property '${r.property}' (add its encrypted value to your secure properties file first)`,
    edits: [replace(s.file, r.start, r.end, r.newText)],
  };
}
