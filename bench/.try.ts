import { oneFlow, wholeProcess, filesUnder } from './org';
const org = {
  root: '/tmp/bigorg',
  flowsDir: '/tmp/bigorg/force-app/main/default/flows',
  classesDir: '',
  flows: 235,
  classes: 2579,
  megabytes: 39,
  classSource: 'x',
  sampleFlow: '/tmp/bigorg/force-app/main/default/flows/Org_Flow_0.flow-meta.xml',
  sampleClass: '',
};
console.log('one', oneFlow(org, 7, '/tmp/sgb'));
console.log('whole', wholeProcess(filesUnder(org.flowsDir, '.flow-meta.xml'), 5, '/tmp/sgb'));
console.log('real', wholeProcess(filesUnder('/work/realdata/LightningFlowComponents', '.flow-meta.xml'), 5, '/tmp/sgb'));
