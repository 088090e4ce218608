/**
 * A bounded walk over a parsed message, before anything else reads it. GUN's
 * graph is a plain object: a key named `__proto__`, `constructor` or
 * `prototype` anywhere in a message can reach prototypes inside GUN, so such a
 * message is dropped whole. Honest GUN messages are at most five levels deep
 * (message, put, node, `_`, `>`); anything much deeper is refused too.
 * Part of the wire format's checks, so it lives here: the client's GUN intake
 * and the relay's ingress filter run this same walk.
 */

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting accepted (an honest put is 5 levels). */
export const MAX_DEPTH = 8;

/** 'forbidden-key', 'too-deep', or undefined when the value is acceptable. */
export function walkMessage(value: unknown): 'forbidden-key' | 'too-deep' | undefined {
  // Explicit stack: a hostile message must not be able to exhaust the call stack.
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_DEPTH) return 'too-deep';
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return 'forbidden-key';
      stack.push([(v as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}

/** A JSON object that is not an array (JSON.parse yields only plain objects). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
