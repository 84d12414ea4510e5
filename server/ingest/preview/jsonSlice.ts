/**
 * The leading complete records of a JSON text cut at an arbitrary byte (the first 256 KiB of
 * a vendor export the Data page previews), as valid JSON: the text up to the end of the last
 * complete record, then the brackets still open there, closed. Records are where the
 * adapters find them (./adapters/read.ts): top-level values (JSON lines, concatenated
 * objects), the elements of a top-level array, or the elements of the array inside a
 * top-level envelope (`{"conversations":[{…},{…},{"conv` → `{"conversations":[{…},{…}]}`).
 * An envelope is told from JSON lines by the first top-level value never closing. Pure.
 */
const CLOSER: Record<string, string> = { '{': '}', '[': ']' };

export function closeJsonSlice(text: string): string {
  let stack = ''; // the open brackets, outermost first
  let inString = false;
  // The last place a value closed at each record level: top level, in a top-level array, in an envelope's array.
  const lastClose: Record<string, number> = { '': 0, '[': 0, '{[': 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack += c;
    else if (c === '}' || c === ']') {
      stack = stack.slice(0, -1);
      if (stack in lastClose) lastClose[stack] = i + 1;
    }
  }
  if (stack === '' && !inString) return text;
  const first = text.trimStart()[0];
  const level = first === '[' ? '[' : lastClose[''] > 0 ? '' : '{[';
  let closers = '';
  for (let k = level.length - 1; k >= 0; k--) closers += CLOSER[level[k]!];
  return text.slice(0, lastClose[level]) + (lastClose[level] > 0 ? closers : '');
}
