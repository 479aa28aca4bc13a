// secretlint's recommended preset (a maintained rule set: cloud, SaaS and AI provider tokens,
// connection strings) run as a second redaction pass. The preset takes ~50-90 ms to import, so
// it loads once, on the first append (`loadSecretRules`), never at CLI start-up; each record's
// strings are then scanned in one call (~25 µs), and every value a rule reports is redacted.

interface RuleContext {
  createTranslator(): (id: string) => string;
  report(descriptor: { range: readonly [number, number] }): void;
  ignore(): void;
  registerRule(): void;
}
interface RuleSource {
  content: string;
  filePath: string;
  ext: string;
  contentType: 'text';
}
interface RuleCreator {
  meta: { id: string };
  create(context: RuleContext, options: Record<string, unknown>): { file?: (source: RuleSource) => unknown };
}

let handlers: ((source: RuleSource) => unknown)[] | undefined;
let found: [number, number][] = [];
let loading: Promise<void> | undefined;

/** Loads secretlint's recommended rules (once). Appending evidence awaits this before redacting. */
export function loadSecretRules(): Promise<void> {
  loading ??= import('@secretlint/secretlint-rule-preset-recommend').then(({ rules }) => {
    const context: RuleContext = {
      createTranslator: () => (id) => id,
      report: (descriptor) => void found.push([descriptor.range[0], descriptor.range[1]]),
      ignore: () => undefined,
      registerRule: () => undefined,
    };
    // The comment filter only re-enables findings under `secretlint-disable`, which an agent could write.
    handlers = (rules as unknown as RuleCreator[])
      .filter((rule) => !rule.meta.id.endsWith('filter-comments'))
      .map((rule) => rule.create(context, {}).file)
      .filter((file): file is NonNullable<typeof file> => typeof file === 'function');
  });
  return loading;
}

/** Whether {@link loadSecretRules} has completed. */
export function secretRulesLoaded(): boolean {
  return handlers !== undefined;
}

/**
 * The substrings of `text` that secretlint's rules report as secrets (empty before the rules load).
 * attacker-controlled: text.
 */
export function findSecrets(text: string): string[] {
  if (!handlers || text.length < 8) return [];
  found = [];
  const source: RuleSource = { content: text, filePath: 'request.txt', ext: '.txt', contentType: 'text' };
  for (const file of handlers) {
    try {
      // A rule that works asynchronously (none of the text rules today) cannot hold up a record.
      const pending = file(source);
      if (pending instanceof Promise) pending.catch(() => undefined);
    } catch {
      // One broken rule must not stop the others.
    }
  }
  const secrets = new Set<string>();
  for (const [start, end] of found) {
    const value = text.slice(start, end);
    if (value.length >= 8 && !value.includes('\n')) secrets.add(value);
  }
  found = [];
  return [...secrets].sort((a, b) => b.length - a.length);
}
