/**
 * Building a Mule app's model from its files: the XML configuration, the property files of
 * src/main/resources (and src/main/mule), and `<global-property>` elements. When the model replaces one
 * dropped by an edit of flows only, the error propagation walks that the edit cannot have changed are
 * handed on (`carryPropagation`).
 */
import { MuleApp } from '../mule/app';
import { flowChanges } from '../mule/app-changes';
import { NS } from '../mule/namespaces';
import { carryPropagation } from '../mule/propagation';
import { PropertyResolver, type PropertySource } from '../mule/properties';
import { memoKey, type Memo } from '../project/memo';
import type { SourceFile } from '../project/source-file';
import { parseJavaProperties } from '../properties/java-properties';
import { parseYamlProperties } from '../properties/yaml-properties';
import { attr } from '../xml/dom';
import type { XmlElement } from '../xml/types';

/** An XML declaration, comments, then a `<mule>` (or `<prefix:mule>`) start tag. */
const MULE_ROOT_START = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?mule[\s>/]/;

/** Whether an XML file outside src/main/mule is Mule configuration (its root is `<mule>`). */
export function isMuleConfiguration(file: SourceFile): boolean {
  // Not parsed when too large: look at how it starts.
  if (file.tooLarge) return MULE_ROOT_START.test(file.text.slice(0, 65536));
  const root = file.xml.root;
  return root !== null && root.local === 'mule' && root.ns === NS.core;
}

const PROPERTY_VALUES = memoKey<ReadonlyMap<string, string>>('property values');
const GLOBAL_PROPERTIES = memoKey<ReadonlyMap<string, string>>('global-property values');

export function buildMuleApp(
  root: string,
  files: readonly SourceFile[],
  propertyFiles: readonly SourceFile[],
  previous: MuleApp | undefined,
  elementMemos: WeakMap<XmlElement, Memo>,
): MuleApp {
  const app = new MuleApp(root, files, new PropertyResolver(propertySources(files, propertyFiles)), elementMemos);
  if (previous) {
    const changes = flowChanges(previous, app);
    if (changes) carryPropagation(previous, app, changes);
  }
  return app;
}

function propertySources(files: readonly SourceFile[], propertyFiles: readonly SourceFile[]): PropertySource[] {
  const sources: PropertySource[] = [];
  for (const f of propertyFiles) {
    const values = f.memo.get(PROPERTY_VALUES, () => (f.path.endsWith('.properties') ? parseJavaProperties(f.text) : parseYamlProperties(f.text)));
    sources.push({ path: f.path, values });
  }
  for (const f of files) {
    const values = f.memo.get(GLOBAL_PROPERTIES, () => globalProperties(f));
    if (values.size) sources.push({ path: f.path, values });
  }
  return sources;
}

/** `<global-property name value>` elements at the top level of a file. */
function globalProperties(f: SourceFile): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  const root = f.xml.root;
  if (!root) return values;
  for (const el of root.children) {
    if (el.ns !== NS.core || el.local !== 'global-property') continue;
    const n = attr(el, 'name');
    const v = attr(el, 'value');
    if (n !== undefined && v !== undefined) values.set(n, v);
  }
  return values;
}
