import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { packShapeError } from '../policy/parse.ts';
import { POLICY_PACK_SCHEMA } from '../policy/schema.ts';

/** Every problem of one pack file, each a one-line message naming the file, path and line. */
export interface PackLint {
  file: string;
  problems: string[];
}

type Validate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };
let allErrors: Validate | undefined;

// The embedded validator stops at the first error (fast for loading); lint wants them all, so it
// compiles the same schema once with `allErrors` (~100 ms, only for `policy lint`).
async function allErrorsValidator(): Promise<Validate> {
  if (!allErrors) {
    // CommonJS: under node its named export is there; bundled, only `default` may be.
    const ajv = (await import('ajv')) as unknown as { Ajv?: typeof import('ajv').Ajv; default: { Ajv?: typeof import('ajv').Ajv } };
    const Ajv = ajv.Ajv ?? ajv.default.Ajv!;
    allErrors = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(POLICY_PACK_SCHEMA) as Validate;
  }
  return allErrors;
}

/** Reads each pack file and reports every YAML and schema problem at once (not only the first). */
export async function lintPackFiles(files: readonly string[]): Promise<PackLint[]> {
  const validate = await allErrorsValidator();
  return files.map((file) => ({ file, problems: lintOne(file, validate) }));
}

function lintOne(file: string, validate: Validate): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    return [`cannot read \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`];
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    return document.errors.map((error) => {
      const at = error.linePos?.[0];
      return `invalid yaml in \`${at ? `${file}:${at.line}:${at.col}` : file}\`: ${error.message.split('\n')[0]}`;
    });
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    return [`invalid yaml in \`${file}\`: ${(cause as Error).message.split('\n')[0]!.toLowerCase()}`];
  }
  if (validate(value)) return [];
  // `if`/`anyOf` wrappers repeat what their branches said; keep the specific errors.
  const errors = (validate.errors ?? []).filter((error) => !['if', 'anyOf', 'oneOf'].includes(error.keyword));
  return [...new Set(errors.map((error) => packShapeError(file, error, document, lineCounter).message))];
}
