// sigstore-js's signing and TUF clients, loaded when first used: they pull in an HTTP stack
// (make-fetch-happen, undici) whose start-up cost every CLI run ~300 ms, deciding included.
// They are CommonJS: under node their named exports are there, bundled only `default` may be.

/** `@sigstore/sign` and `bundleToJSON` of `@sigstore/bundle`. */
export async function loadSigstoreSigning(): Promise<typeof import('@sigstore/sign') & Pick<typeof import('@sigstore/bundle'), 'bundleToJSON'>> {
  const [sign, bundle] = await Promise.all([import('@sigstore/sign'), import('@sigstore/bundle')]);
  return { ...commonJs(sign), bundleToJSON: commonJs(bundle).bundleToJSON };
}

/**
 * Sigstore's DSSE bundler alone, for offline key signing: `@sigstore/sign`'s index would also
 * load its Fulcio and Rekor clients and their HTTP stack, which a key never needs.
 */
export async function loadDsseBundler(): Promise<Pick<typeof import('@sigstore/sign'), 'DSSEBundleBuilder'> & Pick<typeof import('@sigstore/bundle'), 'bundleToJSON'>> {
  const [dsse, bundle] = await Promise.all([import('@sigstore/sign/dist/bundler/dsse.js'), import('@sigstore/bundle')]);
  return { DSSEBundleBuilder: commonJs(dsse).DSSEBundleBuilder, bundleToJSON: commonJs(bundle).bundleToJSON };
}

/** `@sigstore/tuf`. */
export async function loadSigstoreTuf(): Promise<typeof import('@sigstore/tuf')> {
  return commonJs(await import('@sigstore/tuf'));
}

function commonJs<T extends object>(namespace: T): T {
  const exports = (namespace as { default?: T }).default;
  return exports !== undefined && typeof exports === 'object' ? exports : namespace;
}
