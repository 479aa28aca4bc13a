// Loads web-tree-sitter and the bash grammar once. Loading is async (wasm instantiation);
// parsing afterwards is synchronous, which keeps `evaluate()` synchronous and pure.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';
import { CavraError } from '../errors.ts';
import { parsePlainScript } from './plain-script.ts';
import { snapshot } from './snapshot.ts';
import type { ShellParser, SyntaxTree } from './syntax.ts';
import { treeAddress, wasmTreeCursor } from './wasm-cursor.ts';

/** Where to find the two wasm files; by default next to the bundle, then in node_modules. */
export interface ShellParserOptions {
  /** A directory holding `web-tree-sitter.wasm` and `tree-sitter-bash.wasm`. */
  wasmDir?: string;
}

const RUNTIME_WASM = 'web-tree-sitter.wasm';
const GRAMMAR_WASM = 'tree-sitter-bash.wasm';

/** Loads the bash parser. Throws `ERR_COMMAND_PARSER_UNAVAILABLE` when a wasm file is missing or broken. */
export async function loadShellParser(options: ShellParserOptions = {}): Promise<ShellParser> {
  const runtime = locate(RUNTIME_WASM, 'web-tree-sitter/web-tree-sitter.wasm', options.wasmDir);
  const grammar = locate(GRAMMAR_WASM, 'tree-sitter-bash/tree-sitter-bash.wasm', options.wasmDir);
  try {
    // Parser.init fills this object with the module's exports (read by the direct cursor).
    const module: Record<string, unknown> = { wasmBinary: readFileSync(runtime) };
    await Parser.init(module);
    const language = await Language.load(readFileSync(grammar));
    const parser = new Parser();
    parser.setLanguage(language);
    const types = language.types;
    const fields = language.fields;
    const named = types.map((_, typeId) => language.nodeTypeIsNamed(typeId));
    // The direct cursor when this module's exports allow it; else one public cursor, reset onto
    // each tree (a new one per parse costs an allocation in wasm and a finalizer registration).
    // Parses never nest: the copy is done before the analysis reads it.
    const direct = wasmTreeCursor(module);
    let cursor: TreeCursor | undefined;
    return {
      parse(source: string): SyntaxTree {
        const plain = parsePlainScript(source);
        if (plain !== undefined) return plain;
        const tree = parser.parse(source);
        if (tree === null) throw new CavraError('ERR_COMMAND_PARSER_UNAVAILABLE', 'the bash parser returned no tree');
        try {
          const address = direct === undefined ? undefined : treeAddress(tree);
          if (direct !== undefined && address !== undefined) return direct.walk(address, (walker) => snapshot(walker, source, types, fields, named));
          if (cursor === undefined) cursor = tree.walk();
          else cursor.reset(tree.rootNode);
          return snapshot(cursor, source, types, fields, named);
        } finally {
          tree.delete();
        }
      },
    };
  } catch (cause) {
    throw new CavraError('ERR_COMMAND_PARSER_UNAVAILABLE', `cannot start the bash parser: ${(cause as Error).message}`, {
      cause,
      hint: 'reinstall with `npm ci`, or keep the .wasm files next to cavra.mjs',
    });
  }
}

// The committed bundle sits next to copies of both files (scripts/build.mjs): this module is
// then in the entry file or in a chunk one directory below it. Sources resolve them from node_modules.
function locate(file: string, specifier: string, wasmDir: string | undefined): string {
  const candidates: string[] = [];
  if (wasmDir !== undefined) candidates.push(join(wasmDir, file));
  const here = dirname(fileURLToPath(import.meta.url));
  candidates.push(join(here, file), join(here, '..', file));
  try {
    candidates.push(createRequire(import.meta.url).resolve(specifier));
  } catch {
    // not installed: fall through to the error below
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new CavraError('ERR_COMMAND_PARSER_UNAVAILABLE', `cannot find \`${file}\``, {
      hint: 'reinstall with `npm ci`, or keep the .wasm files next to cavra.mjs',
      details: { searched: candidates },
    });
  }
  return found;
}
