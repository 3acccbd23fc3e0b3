import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asyncPath, connector, element, flow, recordStart } from '../../../test/support/sfdx';
import { SourceFile } from '../project/source-file';
import { automationOf, flowPaths, parseFlow } from './flow';
import { runningUserOf } from './running-user';

const parse = (text: string) => parseFlow(new SourceFile('/p/Test.flow-meta.xml', text))!;
const runners = (text: string) => {
  const f = parse(text);
  return flowPaths(f).map((p) => `${p.label}: ${runningUserOf(f, automationOf(f)!, p).runner}`);
};

describe('who runs a flow (Salesforce documentation)', () => {
  const scheduled = (api: string) =>
    flow({ start: `${connector('A')}\n        <triggerType>Scheduled</triggerType>`, apiVersion: api, elements: [element('assignments', 'A')] });

  it('schedule-triggered: the Default Workflow User from API 53.0, the Automated Process user before', () => {
    assert.deepEqual(runners(scheduled('53.0')), ['immediate: default-workflow-user']);
    assert.deepEqual(runners(scheduled('52.0')), ['immediate: automated-process']);
    const f = parse(scheduled('60.0'));
    assert.match(runningUserOf(f, 'scheduled').who, /Default Workflow User \(or the Automated Process user when no Default Workflow User is set\)/);
  });

  it('record-triggered: the triggering user on every path; a scheduled path falls back to the Default Workflow User', () => {
    const scheduledPath = [
      '        <scheduledPaths>',
      '            <name>Tomorrow</name>',
      connector('B').replace(/^ {8}/gm, '            '),
      '            <offsetNumber>1</offsetNumber>',
      '            <offsetUnit>Days</offsetUnit>',
      '            <timeSource>RecordTriggerEvent</timeSource>',
      '        </scheduledPaths>',
    ].join('\n');
    const text = flow({
      start: recordStart('A', `${asyncPath('C')}\n${scheduledPath}`),
      elements: [element('assignments', 'A'), element('assignments', 'B'), element('assignments', 'C')],
    });
    assert.deepEqual(runners(text), ['immediate: triggering-user', 'Run Asynchronously: triggering-user', 'Tomorrow scheduled: triggering-user']);
    const f = parse(text);
    const [, asyncRun, later] = flowPaths(f);
    assert.doesNotMatch(runningUserOf(f, 'record-triggered', asyncRun).who, /inactive/);
    assert.match(runningUserOf(f, 'record-triggered', later).who, /Default Workflow User when that user is inactive/);
  });

  it('before-save flows cannot call out; platform events run as the publisher', () => {
    const beforeSave = flow({ start: recordStart('A').replace('RecordAfterSave', 'RecordBeforeSave'), elements: [element('assignments', 'A')] });
    assert.deepEqual(runners(beforeSave), ['immediate: no-callouts']);
    const event = parse(flow({ start: `${connector('A')}\n        <triggerType>PlatformEvent</triggerType>`, elements: [element('assignments', 'A')] }));
    assert.match(
      runningUserOf(event, 'platform-event').who,
      /the user who published the event \(the Automated Process user for events that Salesforce itself publishes\)/,
    );
    assert.equal(runningUserOf(event, 'platform-event').runner, 'triggering-user');
  });
});
