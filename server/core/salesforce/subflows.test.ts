import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apexDesign } from '../../../test/support/apex-probes';
import { action, autolaunched, element, flow, flowPath, recordStart, SFDX_PROJECT, subflow } from '../../../test/support/sfdx';
import { Program } from '../program/program';
import { calloutsOf } from './subflows';

/** Program over an SFDX fixture; the callouts each element of flow `name` runs, as `flow/element via chain`. */
function reached(files: Record<string, string>, name: string): Record<string, string[]> {
  const program = new Program();
  for (const [rel, text] of Object.entries(files)) program.setFile(`/ws/${rel}`, text);
  const project = program.sfdxProject('sfdx:/ws/sf')!;
  const f = project.flow(name)!;
  const out: Record<string, string[]> = {};
  for (const node of f.nodes.values()) {
    const list = calloutsOf(project, f, node).map(
      (r) =>
        `${r.flow.apiName}/${r.node.name}${r.chain.length ? ` via ${r.chain.map((c) => `${c.flow.apiName}/${c.node.name}`).join(' > ')}` : ''}${r.handledInside ? ' (handled)' : ''}`,
    );
    if (list.length) out[node.name] = list;
  }
  return out;
}

describe('subflows: the callouts an element runs', () => {
  const apex = apexDesign('sync');

  it('follows a chain of subflows, recording the elements on the way', () => {
    const files = {
      ...SFDX_PROJECT,
      ...apex,
      [flowPath('Parent')]: flow({ start: recordStart('A'), elements: [subflow('A', 'Middle'), element('assignments', 'Log')] }),
      [flowPath('Middle')]: autolaunched('B', [subflow('B', 'Leaf', { fault: 'Log' }), element('assignments', 'Log')]),
      [flowPath('Leaf')]: autolaunched('Push', [action('Push', 'apex', 'Action')]),
    };
    assert.deepEqual(reached(files, 'Parent'), { A: ['Leaf/Push via Middle/B (handled)'] });
    assert.deepEqual(reached(files, 'Middle'), { B: ['Leaf/Push'] }, "the element's own fault connector is the caller's to check");
  });

  it('a cycle of subflows is entered once: each callout is reached exactly once', () => {
    const files = {
      ...SFDX_PROJECT,
      ...apex,
      [flowPath('Parent')]: flow({ start: recordStart('A'), elements: [subflow('A', 'Ping')] }),
      [flowPath('Ping')]: autolaunched('ToPong', [subflow('ToPong', 'Pong')]),
      [flowPath('Pong')]: autolaunched('Push', [action('Push', 'apex', 'Action', { next: 'ToPing' }), subflow('ToPing', 'Ping')]),
    };
    assert.deepEqual(reached(files, 'Parent'), { A: ['Pong/Push via Ping/ToPong'] });
    // From inside the cycle, the flow's own elements are not reported again through the way back.
    assert.deepEqual(reached(files, 'Pong'), { Push: ['Pong/Push'] });
  });

  it('a flow that runs itself, and a subflow that is not in the project, reach nothing', () => {
    const files = {
      ...SFDX_PROJECT,
      ...apex,
      [flowPath('Self')]: autolaunched('Again', [subflow('Again', 'Self'), subflow('Elsewhere', 'Missing_Flow')]),
    };
    assert.deepEqual(reached(files, 'Self'), {});
  });
});
