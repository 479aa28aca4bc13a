import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import { CavraError } from '../errors.ts';
import type { PackDocument, PackSource } from './pack.ts';
import { validate as validatePackSchema } from './pack-validator.generated.ts';

// Generated from POLICY_PACK_SCHEMA at build time (scripts/build.mjs).
const validator = validatePackSchema as { (value: unknown): boolean; errors?: ErrorObject[] | null };

function validatePackShape(value: unknown): readonly ErrorObject[] {
  return validator(value) ? [] : (validator.errors ?? []);
}

/** Parses and strictly validates one pack file; errors name the file, the path inside it and the line. */
export function parsePack(source: PackSource): PackDocument {
  if (source.json !== undefined) {
    const value: unknown = JSON.parse(source.json);
    // A pre-parsed pack that fails validation is reported from its YAML, with line numbers.
    if (validatePackShape(value).length === 0) return value as PackDocument;
  }
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: `on`/`yes` stay strings, and duplicate keys are errors.
  const document = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const yamlError = document.errors[0];
  if (yamlError) {
    const position = yamlError.linePos?.[0];
    const where = position ? `${source.file}:${position.line}:${position.col}` : source.file;
    throw new CavraError('ERR_POLICY_YAML_INVALID', `invalid yaml in \`${where}\`: ${firstLine(yamlError.message)}`, {
      hint: 'fix the YAML syntax at that line',
      details: { file: source.file, line: position?.line },
    });
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    // The yaml library refuses alias bombs ("excessive alias count") by throwing.
    throw new CavraError('ERR_POLICY_YAML_INVALID', `invalid yaml in \`${source.file}\`: ${firstLine((cause as Error).message).toLowerCase()}`, { cause, hint: 'a pack needs no more than a few aliases', details: { file: source.file } });
  }
  const [error] = validatePackShape(value);
  if (error) throw packShapeError(source.file, error, document, lineCounter);
  return value as PackDocument;
}

export function packShapeError(file: string, error: ErrorObject, document: Document, lines: LineCounter): CavraError {
  const segments = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  let expected: string;
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    segments.push(key);
    expected = `unknown key \`${key}\``;
  } else if (error.keyword === 'required') {
    expected = `missing required key \`${String((error.params as { missingProperty: string }).missingProperty)}\``;
  } else if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
    expected = `expected one of ${allowed}`;
  } else if (error.keyword === 'type') {
    expected = `expected ${String((error.params as { type: string | string[] }).type)}`;
  } else {
    expected = `expected a value that ${error.message ?? 'matches the schema'}`;
  }
  const path = formatPath(segments);
  const line = lineOf(document, segments, lines);
  const where = line === undefined ? file : `${file}:${line}`;
  return new CavraError('ERR_POLICY_PACK_INVALID', `invalid policy pack \`${where}\` at \`${path}\`: ${expected}`, {
    hint: 'see docs/policy-reference.md or schemas/policy-pack.schema.json for the pack schema',
    details: { file, path, line },
  });
}

function formatPath(segments: readonly string[]): string {
  if (segments.length === 0) return '(root)';
  return segments.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}

// The line of the key that a path ends in (or of the value, for list items), falling back to the parent.
function lineOf(document: Document, segments: readonly string[], lines: LineCounter): number | undefined {
  const keys = segments.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  for (let depth = keys.length; depth > 0; depth -= 1) {
    const parent: unknown = depth === 1 ? document.contents : document.getIn(keys.slice(0, depth - 1), true);
    const last = keys[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      if (pair && isNode(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]).line;
    }
    const node: unknown = document.getIn(keys.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  const root: unknown = document.contents;
  return isNode(root) && root.range ? lines.linePos(root.range[0]).line : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
