/**
 * Where JSON text breaks the grammar (RFC 8259), by line and column, for people editing a file: JSON.parse says
 * "at position 59" (an offset no editor shows), and on Node 20 not even that for some errors ("Unexpected end of JSON
 * input"; "Unexpected token ''', ..."{ "kind": 'accounts'"... is not valid JSON" for a quote, a trailing comma in a list,
 * NaN or a bare word), so its message cannot be turned into a line and column. Called once JSON.parse has refused the
 * text, so speed does not matter; a mapping file is small. Nesting takes no stack: any depth JSON.parse reads is told.
 */

/** The first place the text is not JSON: 1-based line and column (in characters), what was expected and what was found. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  expected: string;
  found: string;
}

class Stop {
  constructor(readonly at: number, readonly expected: string) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The first syntax error of `text`, or null when it is JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (expected: string): never => {
    throw new Stop(i, expected);
  };
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail('the \'"\' that ends the string');
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const escaped = text[i + 1];
        if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) i += 2;
        else if (escaped === 'u' && HEX4.test(text.slice(i + 2, i + 6))) i += 6;
        else {
          i++;
          fail('an escape such as \\n, \\" or \\u00e9 after the backslash');
        }
        continue;
      }
      if (c < ' ') fail('a string without a line break or tab in it (write them as \\n and \\t)');
      i++;
    }
  };
  const member = () => {
    space();
    if (text[i] !== '"') fail('a property name in double quotes');
    string();
    space();
    if (text[i] !== ':') fail('":" after the property name');
    i++;
  };
  const scalar = () => {
    const c = text[i];
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    if (c === '-' || (c >= '0' && c <= '9')) {
      if (!NUMBER.test(text)) fail('a number');
      i = NUMBER.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail('a value');
  };
  // The containers open around `i` are a stack of their closing brackets, not calls: a file nested 10,000 deep is
  // told where it breaks, where a call per level ran out of stack (RangeError; found in review).
  const value = (): void => {
    const open: string[] = [];
    for (;;) {
      // A value starts here: an empty container or a scalar is one whole; a container's first element is read next.
      space();
      const c = text[i];
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        i++;
        space();
        if (text[i] === close) i++;
        else {
          open.push(close);
          if (c === '{') member();
          continue;
        }
      } else scalar();
      // A value ended: close the containers it ends, until one goes on with another element.
      for (;;) {
        const close = open.at(-1);
        if (close === undefined) return;
        space();
        if (text[i] === close) {
          i++;
          open.pop();
        } else if (text[i] === ',') {
          i++;
          if (close === '}') member();
          break;
        } else fail(`"," or "${close}"`);
      }
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail('nothing after the JSON value');
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.at), expected: error.expected, found: describe(text, error.at) };
  }
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  // Characters, not UTF-16 units: "é" or an emoji is one column, as an editor counts it.
  return { line: before.split('\n').length, column: Array.from(before.slice(lineStart)).length + 1 };
}

function describe(text: string, at: number): string {
  if (at >= text.length) return 'the end of the file';
  const c = String.fromCodePoint(text.codePointAt(at)!);
  if (c === '\n' || c === '\r') return 'a line break';
  if (c === '\t') return 'a tab';
  if (c < ' ') return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return c === '"' ? '\'"\'' : `"${c}"`;
}
