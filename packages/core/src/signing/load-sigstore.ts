// sigstore-js's signing and TUF clients, loaded when first used: they pull in an HTTP stack
// (make-fetch-happen, undici) whose start-up cost every CLI run ~300 ms, deciding included.
// They are CommonJS: under node their named exports are there, bundled only `default` may be.

/** `@sigstore/sign` and `bundleToJSON` of `@sigstore/bundle`. */
export async function loadSigstoreSigning(): Promise<typeof import('@sigstore/sign') & Pick<typeof import('@sigstore/bundle'), 'bundleToJSON'>> {
  const [sign, bundle] = await Promise.all([import('@sigstore/sign'), import('@sigstore/bundle')]);
  return { ...commonJs(sign), bundleToJSON: commonJs(bundle).bundleToJSON };
}

/** `@sigstore/tuf`. */
export async function loadSigstoreTuf(): Promise<typeof import('@sigstore/tuf')> {
  return commonJs(await import('@sigstore/tuf'));
}

function commonJs<T extends object>(namespace: T): T {
  const exports = (namespace as { default?: T }).default;
  return exports !== undefined && typeof exports === 'object' ? exports : namespace;
}
