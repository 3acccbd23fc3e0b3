/**
 * Generates a large, realistic workspace for the benchmarks: Mule apps (a global.xml with Salesforce
 * configurations, property files and flow files calling each other) and SFDX projects (record-
 * triggered, scheduled and autolaunched Flows calling Apex, External Services and subflows, Named and
 * External Credentials, External Service registrations, Apex classes with `callout:`). Sizes are
 * log-normal like the real apps in ../shared/corpus (Mule: median ~5 KB, p90 ~13 KB, max 30 KB;
 * Flows larger). Deterministic: the same seed gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GenerateOptions {
  readonly muleFiles: number;
  readonly flows: number;
  readonly filesPerApp?: number;
  readonly flowsPerProject?: number;
  readonly seed?: number;
}

export interface Generated {
  readonly root: string;
  readonly muleBytes: number;
  readonly flowBytes: number;
  readonly otherBytes: number;
  readonly files: number;
  readonly muleSizes: number[];
  readonly flowSizes: number[];
}

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-normal with the given median and 90th percentile, clamped to [min, max]. */
function logNormal(r: () => number, median: number, p90: number, min: number, max: number): number {
  const sigma = Math.log(p90 / median) / 1.2816;
  return Math.round(Math.min(max, Math.max(min, median * Math.exp(sigma * gaussian(r)))));
}

/** A standard normal draw (Box–Muller) from two uniform draws of `r`. */
export function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(1e-12, r()))) * Math.cos(2 * Math.PI * r());
}

const NS = {
  core: 'http://www.mulesoft.org/schema/mule/core',
  sf: 'http://www.mulesoft.org/schema/mule/salesforce',
  http: 'http://www.mulesoft.org/schema/mule/http',
  ee: 'http://www.mulesoft.org/schema/mule/ee/core',
  doc: 'http://www.mulesoft.org/schema/mule/documentation',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};
const MULE_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<mule xmlns="${NS.core}" xmlns:salesforce="${NS.sf}" xmlns:http="${NS.http}" xmlns:ee="${NS.ee}" xmlns:doc="${NS.doc}" xmlns:xsi="${NS.xsi}"
      xsi:schemaLocation="${NS.core} http://www.mulesoft.org/schema/mule/core/current/mule.xsd ${NS.sf} http://www.mulesoft.org/schema/mule/salesforce/current/mule-salesforce.xsd ${NS.http} http://www.mulesoft.org/schema/mule/http/current/mule-http.xsd ${NS.ee} http://www.mulesoft.org/schema/mule/ee/core/current/mule-ee.xsd">
`;
const OBJECTS = ['Account', 'Contact', 'Opportunity', 'Order__c', 'Invoice__c', 'Case', 'Product2', 'Asset'];
const OPS = ['query', 'create', 'update', 'upsert', 'retrieve', 'delete'];

function muleGlobal(r: () => number, app: number): string {
  const reconnect = r() < 0.6 ? '\n            <reconnection><reconnect frequency="5000" count="3"/></reconnection>' : '';
  return `${MULE_HEAD}    <configuration-properties file="config.yaml" doc:name="Configuration properties"/>
    <http:listener-config name="api-httpListenerConfig" doc:name="HTTP Listener config">
        <http:listener-connection host="0.0.0.0" port="\${http.port}"/>
    </http:listener-config>
    <salesforce:sfdc-config name="Salesforce_Config" doc:name="Salesforce Config">
        <salesforce:jwt-connection consumerKey="\${sf.consumerKey}" keyStore="\${sf.keystore}" storePassword="\${sf.storePassword}" principal="\${sf.username}" audienceUrl="\${sf.audience}">${reconnect}
        </salesforce:jwt-connection>
    </salesforce:sfdc-config>
    <salesforce:sfdc-config name="Salesforce_Basic_${app}" doc:name="Salesforce Basic">
        <salesforce:basic-connection username="\${sf.user}" password="\${sf.password}" securityToken="\${sf.token}"/>
    </salesforce:sfdc-config>
    <error-handler name="global-error-handler" doc:name="Global error handler">
        <on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED" doc:name="Session failures">
            <logger level="ERROR" message="#['Salesforce session failure: ' ++ (error.description default '')]"/>
        </on-error-propagate>
        <on-error-propagate type="ANY" doc:name="Anything else">
            <logger level="ERROR" message="#[error.description]"/>
        </on-error-propagate>
    </error-handler>
    <configuration defaultErrorHandler-ref="global-error-handler" doc:name="Configuration"/>
</mule>
`;
}

function dataweave(r: () => number, obj: string): string {
  const fields = ['Id', 'Name', 'External_Id__c', 'Status__c', 'Amount__c', 'CreatedDate', 'OwnerId', 'Description'];
  const n = 3 + Math.floor(r() * 5);
  const lines = fields.slice(0, n).map((f) => `    ${f.replace(/__c$/, '').toLowerCase()}: payload.${f} default null`);
  return `<ee:transform doc:name="Map ${obj}">
                <ee:message>
                    <ee:set-payload><![CDATA[%dw 2.0
output application/json
---
payload map (item, index) -> {
${lines.join(',\n').replace(/payload\./g, 'item.')}
}]]></ee:set-payload>
                </ee:message>
            </ee:transform>`;
}

function sfOp(r: () => number, obj: string, config: string): string {
  const op = OPS[Math.floor(r() * OPS.length)];
  if (op === 'query') {
    return `<salesforce:query config-ref="${config}" doc:name="Query ${obj}">
                <salesforce:salesforce-query><![CDATA[SELECT Id, Name, LastModifiedDate FROM ${obj} WHERE LastModifiedDate > :since LIMIT 2000]]></salesforce:salesforce-query>
                <salesforce:parameters><![CDATA[#[{ since: vars.since }]]]></salesforce:parameters>
            </salesforce:query>`;
  }
  if (op === 'upsert') return `<salesforce:upsert config-ref="${config}" doc:name="Upsert ${obj}" objectType="${obj}" externalIdFieldName="External_Id__c"/>`;
  if (op === 'retrieve')
    return `<salesforce:retrieve config-ref="${config}" doc:name="Retrieve ${obj}" type="${obj}" fields="#[['Id', 'Name']]" ids="#[payload.*id]"/>`;
  return `<salesforce:${op} config-ref="${config}" doc:name="${op} ${obj}" type="${obj}"/>`;
}

/** One flow: a source, processors, Salesforce calls (some in try or until-successful), an error handler. */
function muleFlow(r: () => number, name: string, app: number, others: string[]): string {
  const obj = OBJECTS[Math.floor(r() * OBJECTS.length)];
  const config = r() < 0.85 ? 'Salesforce_Config' : `Salesforce_Basic_${app}`;
  const source =
    r() < 0.6
      ? `<http:listener config-ref="api-httpListenerConfig" path="/${name}" doc:name="Listener"/>`
      : `<scheduler doc:name="Every 5 minutes"><scheduling-strategy><fixed-frequency frequency="5" timeUnit="MINUTES"/></scheduling-strategy></scheduler>`;
  const steps: string[] = [
    `<logger level="INFO" doc:name="Start" message="#['${name} started, correlation ' ++ correlationId]"/>`,
    `<set-variable variableName="since" value="#[now() - |PT1H|]" doc:name="Since"/>`,
  ];
  const n = 2 + Math.floor(r() * 5);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.3) steps.push(sfOp(r, obj, config));
    else if (k < 0.45) {
      steps.push(`<try doc:name="Try ${obj}">
            ${sfOp(r, obj, config)}
            <error-handler>
                <on-error-propagate type="SALESFORCE:CONNECTIVITY" doc:name="Session failure">
                    <logger level="ERROR" message="#[error.description]"/>
                </on-error-propagate>
                <on-error-continue type="SALESFORCE:INVALID_INPUT" doc:name="Bad record">
                    <logger level="WARN" message="#['Skipped: ' ++ (error.description default '')]"/>
                </on-error-continue>
            </error-handler>
        </try>`);
    } else if (k < 0.55) {
      steps.push(`<until-successful maxRetries="3" millisBetweenRetries="10000" doc:name="Retry">
            ${sfOp(r, obj, config)}
        </until-successful>`);
    } else if (k < 0.7) steps.push(dataweave(r, obj));
    else if (k < 0.8 && others.length) steps.push(`<flow-ref name="${others[Math.floor(r() * others.length)]}" doc:name="Call ${obj}"/>`);
    else if (k < 0.9) {
      steps.push(`<choice doc:name="Has records?">
            <when expression="#[sizeOf(payload) > 0]">
                <foreach doc:name="Each ${obj}" collection="#[payload]">
                    <logger level="DEBUG" message="#[payload.Id]"/>
                </foreach>
            </when>
            <otherwise>
                <logger level="INFO" message="Nothing to do"/>
            </otherwise>
        </choice>`);
    } else steps.push(`<logger level="DEBUG" doc:name="Trace" message="#[write(payload, 'application/json')]"/>`);
  }
  const handlerKind = r();
  const handler =
    handlerKind < 0.4
      ? ''
      : handlerKind < 0.9
        ? `
        <error-handler>
            <on-error-propagate type="SALESFORCE:CONNECTIVITY, SALESFORCE:RETRY_EXHAUSTED" doc:name="Session failure">
                <logger level="ERROR" message="#['Session failure in ${name}: ' ++ (error.description default '')]"/>
            </on-error-propagate>
            <on-error-continue type="ANY" doc:name="Anything else">
                <logger level="ERROR" message="#[error.description]"/>
            </on-error-continue>
        </error-handler>`
        : `
        <error-handler>
            <on-error-continue type="SALESFORCE:INVALID_SESSION" doc:name="Copied recipe">
                <logger level="ERROR" message="#[error.description]"/>
            </on-error-continue>
        </error-handler>`;
  return `    <flow name="${name}" doc:name="${name}">
        ${source}
        ${steps.join('\n        ')}${handler}
    </flow>
`;
}

function muleFile(r: () => number, target: number, app: number, file: number): string {
  let out = MULE_HEAD;
  const names: string[] = [];
  let i = 0;
  while (out.length < target - 10) {
    const name = `app${app}-f${file}-flow${i++}`;
    out += muleFlow(r, name, app, names);
    names.push(name);
  }
  return `${out}</mule>\n`;
}

const FLOW_NS = 'http://soap.sforce.com/2006/04/metadata';

interface FlowNode {
  readonly type: string;
  readonly name: string;
  body: (next: string | undefined) => string;
}

function flowXml(r: () => number, target: number, p: number, f: number, creds: { apex: string[]; services: string[] }): string {
  const kind = r();
  // Record-triggered (sometimes with an async path), scheduled, or autolaunched.
  const trigger =
    kind < 0.5
      ? (first: string) => `
        <object>${OBJECTS[Math.floor(r() * OBJECTS.length)]}</object>
        <recordTriggerType>CreateAndUpdate</recordTriggerType>
        <triggerType>RecordAfterSave</triggerType>${
          r() < 0.5
            ? `
        <scheduledPaths>
            <connector>
                <targetReference>${first}</targetReference>
            </connector>
            <pathType>AsyncAfterCommit</pathType>
        </scheduledPaths>`
            : ''
        }`
      : kind < 0.75
        ? () => `
        <schedule>
            <frequency>Daily</frequency>
            <startDate>2026-01-01</startDate>
            <startTime>02:00:00.000Z</startTime>
        </schedule>
        <triggerType>Scheduled</triggerType>`
        : () => '';
  const start = (first: string) => `    <start>
        <locationX>50</locationX>
        <locationY>0</locationY>
        <connector>
            <targetReference>${first}</targetReference>
        </connector>${trigger(first)}
    </start>`;
  const nodes: FlowNode[] = [];
  let size = 900;
  let i = 0;
  /** The lines every Flow element starts with. */
  const head = (name: string, x: number, row: number) =>
    `        <name>${name}</name>\n        <label>${name.replace('_', ' ')}</label>\n        <locationX>${x}</locationX>\n        <locationY>${158 + row * 120}</locationY>`;
  const conn = (tag: string, next: string | undefined) =>
    next ? `\n        <${tag}>\n            <targetReference>${next}</targetReference>\n        </${tag}>` : '';
  while (size < target) {
    const k = r();
    const name = `Step_${i++}`;
    let node: FlowNode;
    if (k < 0.2) {
      const external = r() < 0.5 && creds.services.length;
      const action = external ? `${creds.services[Math.floor(r() * creds.services.length)]}.postRecord` : creds.apex[Math.floor(r() * creds.apex.length)];
      const fault = r() < 0.6;
      node = {
        type: 'actionCalls',
        name,
        body: (next) => `    <actionCalls>
${head(name, 176 + (i % 3) * 88, i)}
        <actionName>${action}</actionName>
        <actionType>${external ? 'externalService' : 'apex'}</actionType>${conn('connector', next)}${fault ? conn('faultConnector', 'Log_Fault') : ''}
        <flowTransactionModel>CurrentTransaction</flowTransactionModel>
        <inputParameters>
            <name>recordId</name>
            <value>
                <elementReference>$Record.Id</elementReference>
            </value>
        </inputParameters>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </actionCalls>`,
      };
    } else if (k < 0.45) {
      node = {
        type: 'assignments',
        name,
        body: (next) => `    <assignments>
${head(name, 176, i)}
        <assignmentItems>
            <assignToReference>varCounter</assignToReference>
            <operator>Add</operator>
            <value>
                <numberValue>1.0</numberValue>
            </value>
        </assignmentItems>
        <assignmentItems>
            <assignToReference>varStatus</assignToReference>
            <operator>Assign</operator>
            <value>
                <stringValue>Processed by ${name}</stringValue>
            </value>
        </assignmentItems>${conn('connector', next)}
    </assignments>`,
      };
    } else if (k < 0.65) {
      node = {
        type: 'decisions',
        name,
        body: (next) => `    <decisions>
${head(name, 176, i)}${conn('defaultConnector', next)}
        <defaultConnectorLabel>Default Outcome</defaultConnectorLabel>
        <rules>
            <name>${name}_Is_Active</name>
            <conditionLogic>and</conditionLogic>
            <conditions>
                <leftValueReference>$Record.Status__c</leftValueReference>
                <operator>EqualTo</operator>
                <rightValue>
                    <stringValue>Active</stringValue>
                </rightValue>
            </conditions>
            <conditions>
                <leftValueReference>$Record.Amount__c</leftValueReference>
                <operator>GreaterThan</operator>
                <rightValue>
                    <numberValue>1000.0</numberValue>
                </rightValue>
            </conditions>${conn('connector', next)}
            <label>Is Active</label>
        </rules>
    </decisions>`,
      };
    } else if (k < 0.85) {
      const obj = OBJECTS[Math.floor(r() * OBJECTS.length)];
      node = {
        type: 'recordLookups',
        name,
        body: (next) => `    <recordLookups>
${head(name, 176, i)}
        <assignNullValuesIfNoRecordsFound>false</assignNullValuesIfNoRecordsFound>${conn('connector', next)}
        <filterLogic>and</filterLogic>
        <filters>
            <field>ParentId</field>
            <operator>EqualTo</operator>
            <value>
                <elementReference>$Record.Id</elementReference>
            </value>
        </filters>
        <getFirstRecordOnly>false</getFirstRecordOnly>
        <object>${obj}</object>
        <queriedFields>Id</queriedFields>
        <queriedFields>Name</queriedFields>
        <queriedFields>Status__c</queriedFields>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordLookups>`,
      };
    } else {
      node = {
        type: 'recordUpdates',
        name,
        body: (next) => `    <recordUpdates>
${head(name, 176, i)}${conn('connector', next)}
        <inputAssignments>
            <field>Status__c</field>
            <value>
                <elementReference>varStatus</elementReference>
            </value>
        </inputAssignments>
        <inputReference>$Record</inputReference>
    </recordUpdates>`,
      };
    }
    nodes.push(node);
    size += 900;
  }
  const log: FlowNode = {
    type: 'recordCreates',
    name: 'Log_Fault',
    body: () => `    <recordCreates>
        <name>Log_Fault</name>
        <label>Log Fault</label>
        <locationX>600</locationX>
        <locationY>400</locationY>
        <inputAssignments>
            <field>Message__c</field>
            <value>
                <elementReference>$Flow.FaultMessage</elementReference>
            </value>
        </inputAssignments>
        <object>Integration_Log__c</object>
    </recordCreates>`,
  };
  const bodies = nodes.map((n, j) => ({ type: n.type, text: n.body(nodes[j + 1]?.name) }));
  bodies.push({ type: log.type, text: log.body(undefined) });
  const order = ['actionCalls', 'assignments', 'decisions', 'recordCreates', 'recordLookups', 'recordUpdates'];
  bodies.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  const byType = (t: string) =>
    bodies
      .filter((b) => b.type === t)
      .map((b) => b.text)
      .join('\n');
  const sections = order.slice(0, 3).map(byType).filter(Boolean);
  const after = order.slice(3).map(byType).filter(Boolean);
  return `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="${FLOW_NS}">
${sections.join('\n')}
    <apiVersion>62.0</apiVersion>
    <description>Generated flow ${p}-${f} for the Session Guard benchmark.</description>
    <environments>Default</environments>
    <interviewLabel>Flow ${p}-${f} {!$Flow.CurrentDateTime}</interviewLabel>
    <label>Flow ${p} ${f}</label>
    <processMetadataValues>
        <name>BuilderType</name>
        <value>
            <stringValue>LightningFlowBuilder</stringValue>
        </value>
    </processMetadataValues>
    <processType>AutoLaunchedFlow</processType>
${after.join('\n')}
${start(nodes[0]?.name ?? 'Log_Fault')}
    <status>Active</status>
    <variables>
        <name>varCounter</name>
        <dataType>Number</dataType>
        <isCollection>false</isCollection>
        <isInput>false</isInput>
        <isOutput>false</isOutput>
        <scale>0</scale>
    </variables>
    <variables>
        <name>varStatus</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>false</isInput>
        <isOutput>false</isOutput>
    </variables>
</Flow>
`;
}

function namedCredential(i: number, perUser: boolean, newStyle: boolean): string {
  if (newStyle) {
    return `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="${FLOW_NS}">
    <allowMergeFieldsInBody>false</allowMergeFieldsInBody>
    <allowMergeFieldsInHeader>false</allowMergeFieldsInHeader>
    <calloutStatus>Enabled</calloutStatus>
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <label>Service ${i}</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://service${i}.example.com</parameterValue>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <externalCredential>Service_${i}_EC</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="${FLOW_NS}">
    <allowMergeFieldsInBody>false</allowMergeFieldsInBody>
    <allowMergeFieldsInHeader>false</allowMergeFieldsInHeader>
    <authProvider>Identity_${i}</authProvider>
    <endpoint>https://service${i}.example.com/api</endpoint>
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <label>Service ${i}</label>
    <oauthScope>api refresh_token</oauthScope>
    <principalType>${perUser ? 'PerUser' : 'NamedUser'}</principalType>
    <protocol>Oauth</protocol>
</NamedCredential>
`;
}

function externalCredential(i: number, perUser: boolean): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="${FLOW_NS}">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecret</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterGroup>${perUser ? 'Each User' : 'Integration'}</parameterGroup>
        <parameterName>${perUser ? 'Each User' : 'Integration'}</parameterName>
        <parameterType>${perUser ? 'PerUserPrincipal' : 'NamedPrincipal'}</parameterType>
        <sequenceNumber>1</sequenceNumber>
    </externalCredentialParameters>
    <label>Service ${i}</label>
</ExternalCredential>
`;
}

function registration(name: string, nc: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ExternalServiceRegistration xmlns="${FLOW_NS}">
    <label>${name}</label>
    <namedCredential>${nc}</namedCredential>
    <operations>
        <active>true</active>
        <name>postrecord</name>
    </operations>
    <registrationProviderType>Custom</registrationProviderType>
    <schema>{"openapi":"3.0.0","info":{"title":"${name}","version":"1"},"paths":{"/records":{"post":{"operationId":"postRecord","responses":{"200":{"description":"ok"}}}}}}</schema>
    <schemaType>OpenApi3</schemaType>
    <status>Complete</status>
</ExternalServiceRegistration>
`;
}

function apexClass(name: string, nc: string): string {
  return `public with sharing class ${name} {
    @InvocableMethod(label='${name}' callout=true)
    public static List<String> send(List<Id> recordIds) {
        List<String> results = new List<String>();
        for (Id recordId : recordIds) {
            HttpRequest req = new HttpRequest();
            req.setEndpoint('callout:${nc}/records/' + recordId);
            req.setMethod('POST');
            req.setTimeout(20000);
            HttpResponse res = new Http().send(req);
            if (res.getStatusCode() == 401) {
                throw new CalloutException('Unauthorized: ' + res.getBody());
            }
            results.add(String.valueOf(res.getStatusCode()));
        }
        return results;
    }
}
`;
}

export function generateWorkspace(root: string, opts: GenerateOptions): Generated {
  const r = rng(opts.seed ?? 42);
  const perApp = opts.filesPerApp ?? 50;
  const perProject = opts.flowsPerProject ?? 500;
  let muleBytes = 0;
  let flowBytes = 0;
  let otherBytes = 0;
  let files = 0;
  const muleSizes: number[] = [];
  const flowSizes: number[] = [];
  const write = (path: string, text: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    files++;
    return Buffer.byteLength(text);
  };

  for (let made = 0, app = 0; made < opts.muleFiles; app++) {
    const base = join(root, 'mule', `app-${app}`);
    write(join(base, 'mule-artifact.json'), '{ "minMuleVersion": "4.6.0" }\n');
    otherBytes += write(
      join(base, 'src/main/resources/config.yaml'),
      `http:\n  port: "8081"\nsf:\n  consumerKey: "key"\n  username: "integration@acme.com"\n  audience: "https://login.salesforce.com"\n`,
    );
    const g = muleGlobal(r, app);
    muleBytes += write(join(base, 'src/main/mule/global.xml'), g);
    muleSizes.push(Buffer.byteLength(g));
    made++;
    for (let f = 1; f < perApp && made < opts.muleFiles; f++, made++) {
      const text = muleFile(r, logNormal(r, 4300, 11800, 1200, 27500), app, f);
      muleBytes += write(join(base, `src/main/mule/flows-${f}.xml`), text);
      muleSizes.push(Buffer.byteLength(text));
    }
  }

  for (let made = 0, p = 0; made < opts.flows; p++) {
    const base = join(root, 'sfdx', `project-${p}`);
    otherBytes += write(
      join(base, 'sfdx-project.json'),
      JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], name: `project-${p}`, namespace: '', sourceApiVersion: '62.0' }, null, 2),
    );
    const md = join(base, 'force-app/main/default');
    const apex: string[] = [];
    const services: string[] = [];
    for (let i = 0; i < 20; i++) {
      const newStyle = i % 2 === 0;
      const perUser = i % 7 === 3;
      otherBytes += write(join(md, 'namedCredentials', `Service_${i}.namedCredential-meta.xml`), namedCredential(i, perUser, newStyle));
      if (newStyle) otherBytes += write(join(md, 'externalCredentials', `Service_${i}_EC.externalCredential-meta.xml`), externalCredential(i, perUser));
      if (i < 10) {
        services.push(`Service${i}Api`);
        otherBytes += write(
          join(md, 'externalServiceRegistrations', `Service${i}Api.externalServiceRegistration-meta.xml`),
          registration(`Service${i}Api`, `Service_${i}`),
        );
      }
    }
    for (let i = 0; i < 50; i++) {
      const name = `Callout${i}Sender`;
      apex.push(name);
      otherBytes += write(join(md, 'classes', `${name}.cls`), apexClass(name, `Service_${i % 20}`));
      write(
        join(md, 'classes', `${name}.cls-meta.xml`),
        `<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="${FLOW_NS}"><apiVersion>62.0</apiVersion><status>Active</status></ApexClass>\n`,
      );
    }
    for (let f = 0; f < perProject && made < opts.flows; f++, made++) {
      const text = flowXml(r, logNormal(r, 11000, 28000, 2500, 80000), p, f, { apex, services });
      flowBytes += write(join(md, 'flows', `Flow_${p}_${f}.flow-meta.xml`), text);
      flowSizes.push(Buffer.byteLength(text));
    }
  }
  return { root, muleBytes, flowBytes, otherBytes, files, muleSizes, flowSizes };
}

/** A global.xml like the generated apps' (Salesforce configurations, the default error handler). */
export function muleGlobalFile(app: number, seed = 1): string {
  return muleGlobal(rng(seed), app);
}

/** A Mule file of flows of about `bytes` bytes. */
export function muleFlowsFile(bytes: number, seed = 1): string {
  return muleFile(rng(seed), bytes, 1, 1);
}

/** One Flow of about `bytes` bytes calling the given Apex classes and External Services. */
export function flowFile(bytes: number, seed = 1, creds = { apex: ['Callout0Sender'], services: ['Service0Api'] }): string {
  return flowXml(rng(seed), bytes, 0, seed, creds);
}

export const metadataFiles = { namedCredential, externalCredential, registration, apexClass };

export function quantiles(sizes: readonly number[]): { median: number; p90: number; max: number } {
  const s = [...sizes].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? 0, p90: s[Math.floor(s.length * 0.9)] ?? 0, max: s[s.length - 1] ?? 0 };
}
