/** Parser for Java `.properties` text (the format Mule's configuration-properties reads). */

export function parseJavaProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  // Join logical lines: a line ending in an odd number of backslashes continues on the next one.
  const physical = text.split(/\r\n|\r|\n/);
  let i = 0;
  while (i < physical.length) {
    let line = physical[i++].replace(/^[ \t\f]+/, '');
    if (line === '' || line[0] === '#' || line[0] === '!') continue;
    while (endsWithContinuation(line) && i < physical.length) {
      line = line.slice(0, -1) + physical[i++].replace(/^[ \t\f]+/, '');
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1);
    let k = 0;
    let key = '';
    while (k < line.length) {
      const c = line[k];
      if (c === '\\' && k + 1 < line.length) {
        key += line.slice(k, k + 2);
        k += 2;
        continue;
      }
      if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
      key += c;
      k++;
    }
    while (k < line.length && (line[k] === ' ' || line[k] === '\t' || line[k] === '\f')) k++;
    if (line[k] === '=' || line[k] === ':') k++;
    while (k < line.length && (line[k] === ' ' || line[k] === '\t' || line[k] === '\f')) k++;
    out.set(unescape(key), unescape(line.slice(k)));
  }
  return out;
}

function endsWithContinuation(line: string): boolean {
  let n = 0;
  for (let k = line.length - 1; k >= 0 && line[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

function unescape(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c !== '\\' || k + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++k];
    if (n === 't') out += '\t';
    else if (n === 'n') out += '\n';
    else if (n === 'r') out += '\r';
    else if (n === 'f') out += '\f';
    else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(k + 1, k + 5))) {
      out += String.fromCharCode(parseInt(s.slice(k + 1, k + 5), 16));
      k += 4;
    } else out += n;
  }
  return out;
}
