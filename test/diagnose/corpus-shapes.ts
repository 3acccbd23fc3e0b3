/**
 * The wrappers and fake secrets the labelled corpus builds its texts from: a Mule 4 error log, a Flow
 * fault e-mail, access tokens of two orgs, a refresh token. Fake, but shaped like the real ones.
 */
export const TOKEN_A = '00D5g000004XyZaEAK!AQ4AQLz8vXqJ1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZ.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ';
export const TOKEN_B = '00D7Q000009AbCdUAK!ARcAQPq_zZ9yY8xX7wW6vV5uU4tT3sS2rR1qQ0pP.OoNnMmLlKkJjIiHhGgFfEeDdCcBbAa9876543210zyxwvutsr';
export const REFRESH = '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJo7Xr34yOQ7GCFUN5DnNPxzDIoGoWi4evqOl_MT1gMdG3TR1V';

export const muleLog = (
  type: string,
  body: string,
  file = 'orders.xml',
  line = 42,
  op = 'Query',
) => `ERROR 2026-11-20 03:14:07,512 [[MuleRuntime].uber.07: [order-sync].sync-orders.CPU_LITE @7a1c2e] [processor: sync-orders/processors/2; event: 1f3e9a40-86c1-11ef-b4f5-0242ac110002] org.mule.runtime.core.internal.exception.OnErrorPropagateHandler:
********************************************************************************
Message               : ${body}
Element               : sync-orders/processors/2 @ order-sync:${file}:${line} (${op})
Element DSL           : <salesforce:${op.toLowerCase()} config-ref="Salesforce_Config"></salesforce:${op.toLowerCase()}>
Error type            : ${type}
FlowStack             : at sync-orders(sync-orders/processors/2 @ order-sync:${file}:${line} (${op}))
  (set debug level logging or '-Dmule.verbose.exceptions=true' for everything)
********************************************************************************`;

export const faultMail = (
  flow: string,
  error: string,
  user = 'Integration User (0055g00000AbCdE)',
  org = 'Acme Corp (00D5g000004XyZa)',
) => `An error occurred with your "${flow.replace(/_/g, ' ')}" flow

Flow Details
Flow API Name: ${flow}
Type: Autolaunched Flow
Version: 7
Status: Active
Org: ${org}

Flow Interview Details
Interview Label: ${flow.replace(/_/g, ' ')} 11/20/2026, 3:14 AM
Current User: ${user}
Start time: 11/20/2026, 3:14 AM
Duration: 0 seconds

How the Interview Started
${user.split(' (')[0]} started the flow interview.

Error Occurred: ${error}`;
