import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { action, connector, element, flow, recordStart, asyncPath } from '../../../test/support/sfdx';
import { SourceFile } from '../project/source-file';
import { automationOf, flowPaths, loopBody, parseFlow, reachableNodes } from './flow';

const parse = (text: string) => parseFlow(new SourceFile('/p/Test.flow-meta.xml', text))!;

describe('Flow graph', () => {
  it('reads every connector kind, including single children and go-to edges', () => {
    const f = parse(
      flow({
        start: recordStart('Decide', asyncPath('Later')),
        elements: [
          element(
            'decisions',
            'Decide',
            `${connector('Else', 'defaultConnector')}\n        <rules><name>R</name><connector><targetReference>Call</targetReference></connector></rules>`,
          ),
          action('Call', 'externalService', 'Svc.op', { next: 'Loop', fault: 'Log' }),
          element('loops', 'Loop', `${connector('Body', 'nextValueConnector')}\n${connector('Done', 'noMoreValuesConnector')}`),
          element('assignments', 'Body', connector('Loop', 'connector', true)),
          element('assignments', 'Done'),
          element('assignments', 'Else'),
          element('assignments', 'Log'),
          element('assignments', 'Later'),
          element('waits', 'Wait', `<waitEvents><name>E</name><connector><targetReference>Done</targetReference></connector></waitEvents>`),
        ],
      }),
    );
    const edges = (n: string) => f.nodes.get(n)!.edges.map((e) => `${e.kind}:${e.target}${e.isGoTo ? '!' : ''}`);
    assert.deepEqual(edges('Decide'), ['default:Else', 'rule:Call']);
    assert.deepEqual(edges('Call'), ['next:Loop', 'fault:Log']);
    assert.deepEqual(edges('Loop'), ['nextValue:Body', 'noMoreValues:Done']);
    assert.deepEqual(edges('Body'), ['next:Loop!']);
    assert.deepEqual(edges('Wait'), ['waitEvent:Done']);
    const [immediate, later] = flowPaths(f);
    assert.deepEqual([...immediate.nodes].sort(), ['Body', 'Call', 'Decide', 'Done', 'Else', 'Log', 'Loop']);
    assert.equal(later.label, 'Run Asynchronously');
    assert.deepEqual([...later.nodes], ['Later']);
    assert.deepEqual([...reachableNodes(f)].sort(), ['Body', 'Call', 'Decide', 'Done', 'Else', 'Later', 'Log', 'Loop'], 'every path');
    assert.equal(flowPaths(f), flowPaths(f), 'computed once per model');
    assert.deepEqual([...loopBody(f, f.nodes.get('Loop')!)], ['Body']);
    assert.equal(automationOf(f), 'record-triggered');
  });

  it('takes only connector elements for edges, whatever other children are called', () => {
    const f = parse(
      flow({
        processType: 'Flow',
        elements: [
          element(
            'screens',
            'S',
            `${connector('A')}\n        <constructor><targetReference>A</targetReference></constructor>\n        <toString><targetReference>A</targetReference></toString>`,
          ),
          element('assignments', 'A'),
          '    <startElementReference>S</startElementReference>',
        ],
      }),
    );
    assert.deepEqual(
      f.nodes.get('S')!.edges.map((e) => `${e.kind}:${e.target}`),
      ['next:A'],
    );
  });

  it('understands the legacy startElementReference', () => {
    const f = parse(
      flow({
        processType: 'Flow',
        elements: [element('screens', 'S', connector('A')), element('assignments', 'A'), '    <startElementReference>S</startElementReference>'],
      }),
    );
    assert.deepEqual([...flowPaths(f)[0].nodes].sort(), ['A', 'S']);
    assert.equal(automationOf(f), undefined);
  });

  it('classifies automation', () => {
    const sched = parse(
      flow({ start: `${connector('A')}\n        <triggerType>Scheduled</triggerType>`, apiVersion: '52.0', elements: [element('assignments', 'A')] }),
    );
    assert.equal(automationOf(sched), 'scheduled');
    assert.equal(automationOf(parse(flow({ processType: 'Workflow', elements: [] }))), 'process-builder');
    assert.equal(automationOf(parse(flow({ start: '<triggerType>PlatformEvent</triggerType>', elements: [] }))), 'platform-event');
  });

  it('returns undefined for files that are not flows', () => {
    assert.equal(parseFlow(new SourceFile('/p/x.flow-meta.xml', '<NotAFlow/>')), undefined);
  });
});
