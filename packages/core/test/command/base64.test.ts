// `echo … | base64 -d` is decoded to read what it runs. The decoder checks what atob's forgiving
// decode accepts and decodes with Buffer; it must agree with atob on every input.
import { expect, test } from 'vitest';
import { decodeBase64 } from '../../src/command/word.ts';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function byAtob(text: string): string | undefined {
  try {
    return STRICT_UTF8.decode(Buffer.from(atob(text.replace(/\s+/g, '')), 'latin1'));
  } catch {
    return undefined;
  }
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

test('decodes as atob does, valid and invalid input alike', () => {
  const random = seeded(5);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const odd = ['=', '==', '===', ' ', '\n', '\t', '-', '_', '.', 'é', '\u00a0'];
  const inputs = ['', 'dGVycmFmb3JtIGFwcGx5', 'dGVycmFmb3JtIGFwcGx5\n', 'YQ==', 'YQ', 'YQ=', 'YQ===', 'Y', '====', 'wyg=', '/w==', 'dGVy cmFm\nb3Jt'];
  for (let i = 0; i < 40_000; i += 1) {
    let text = '';
    const length = Math.floor(random() * 14);
    for (let at = 0; at < length; at += 1) text += random() < 0.9 ? alphabet[Math.floor(random() * alphabet.length)] : odd[Math.floor(random() * odd.length)];
    inputs.push(text);
  }
  const differences = inputs.filter((text) => decodeBase64(text) !== byAtob(text));
  expect(differences.slice(0, 10)).toEqual([]);
  // Both kinds were tried: decodable input and input atob refuses or that is not UTF-8.
  expect(inputs.filter((text) => byAtob(text) !== undefined).length).toBeGreaterThan(5_000);
  expect(inputs.filter((text) => byAtob(text) === undefined).length).toBeGreaterThan(5_000);
});
