/** Namespace URIs of the Mule vocabularies the analysis understands (matched by URI, never by prefix). */
export const NS = {
  core: 'http://www.mulesoft.org/schema/mule/core',
  salesforce: 'http://www.mulesoft.org/schema/mule/salesforce',
  salesforceComposite: 'http://www.mulesoft.org/schema/mule/salesforce-composite',
  ee: 'http://www.mulesoft.org/schema/mule/ee/core',
  batch: 'http://www.mulesoft.org/schema/mule/batch',
  apikit: 'http://www.mulesoft.org/schema/mule/mule-apikit',
  http: 'http://www.mulesoft.org/schema/mule/http',
  os: 'http://www.mulesoft.org/schema/mule/os',
  validation: 'http://www.mulesoft.org/schema/mule/validation',
  doc: 'http://www.mulesoft.org/schema/mule/documentation',
  munit: 'http://www.mulesoft.org/schema/mule/munit',
} as const;

/** Namespaces whose elements never talk to the outside world (used to tell "routes/stores" apart). */
export const LOCAL_NAMESPACES: ReadonlySet<string> = new Set([NS.core, NS.ee, NS.doc, '']);
