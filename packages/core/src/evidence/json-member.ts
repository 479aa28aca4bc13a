// `__proto__` is an ordinary member name in JSON, and `JSON.parse` keeps it as one; assigned to a
// copy, it would set the copy's prototype instead, and the member would vanish from the record
// while the copy inherited what it held.

/** Sets `key` on `target` as its own enumerable member, whatever the key. */
export function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
