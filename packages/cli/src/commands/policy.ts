import { parseArgs } from 'node:util';
import { CavraError, isCavraError, lintPackFiles, loadCommandAnalyzer, openPolicy, runPackSelfTests, type OpenPolicy } from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { policyFlags, policyOptionsOf } from './policy-flags.ts';

const SUBCOMMANDS = ['list', 'show', 'lint', 'test'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

interface PolicyCommandOptions {
  subcommand: Subcommand;
  ids: string[];
  json: boolean;
  open: OpenPolicy;
}

function parsePolicyArgs(args: string[]): PolicyCommandOptions {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { ...policyFlags, json: { type: 'boolean' } } });
  const [subcommand, ...ids] = positionals;
  if (!SUBCOMMANDS.includes(subcommand as Subcommand)) {
    throw new CavraError('ERR_USAGE', `unknown policy subcommand \`${subcommand ?? ''}\``, { hint: `use one of ${SUBCOMMANDS.join(', ')}` });
  }
  const open = openPolicy(policyOptionsOf(values));
  return { subcommand: subcommand as Subcommand, ids, json: values.json === true, open };
}

/** `cavra policy list|show|lint|test`. */
export const policyCommand: Command = async (args, io) => {
  const lint = await lintNamedFiles(args);
  if (lint) {
    await writeAll(io.stdout, lint);
    return EXIT.failed;
  }
  const options = parsePolicyArgs(args);
  const { catalog } = options.open;
  switch (options.subcommand) {
    case 'list': {
      const rows = catalog.list().map((id) => ({ id, source: catalog.lookup(id)?.file ?? '' }));
      await writeAll(io.stdout, options.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.map((row) => `${row.id}\t${row.source}\n`).join(''));
      return EXIT.ok;
    }
    case 'show': {
      const id = options.ids[0] ?? options.open.defaultPackId;
      const pack = catalog.compile(id);
      await writeAll(io.stdout, `${JSON.stringify({ ...pack.document, digest: pack.digest }, null, 2)}\n`);
      return EXIT.ok;
    }
    case 'lint':
    case 'test': {
      const ids = options.ids.length > 0 ? options.ids : targetIds(options.open);
      await loadCommandAnalyzer();
      const lines: string[] = [];
      let failed = false;
      for (const id of ids) {
        try {
          const report = runPackSelfTests(catalog.compile(id), options.open.registry ? { registry: options.open.registry } : {});
          for (const failure of report.failures) lines.push(`FAIL ${id}: ${failure.message}`);
          if (report.failures.length > 0) failed = true;
          else lines.push(`ok   ${id} (${report.passed} example${report.passed === 1 ? '' : 's'})`);
        } catch (error) {
          // lint reports every bad pack; test stops at the first, as bad input.
          if (options.subcommand === 'test' || !isCavraError(error)) throw error;
          lines.push(`FAIL ${id}: ${error.message}`);
          failed = true;
        }
      }
      await writeAll(io.stdout, `${lines.join('\n')}\n`);
      return failed ? EXIT.failed : EXIT.ok;
    }
  }
};

// `policy lint --pack FILE...`: every problem of every named file at once, before the catalog
// (which stops at the first) opens them. Returns the report when any file has a problem.
async function lintNamedFiles(args: string[]): Promise<string | undefined> {
  const { values, positionals } = parseArgs({ args, strict: false, allowPositionals: true, options: { ...policyFlags, json: { type: 'boolean' } } });
  const packs = Array.isArray(values.pack) ? values.pack.filter((p): p is string => typeof p === 'string' && /\.(ya?ml|json)$|\//i.test(p)) : [];
  if (positionals[0] !== 'lint' || packs.length === 0) return undefined;
  const results = await lintPackFiles(packs);
  if (results.every((r) => r.problems.length === 0)) return undefined;
  return results.map((r) => (r.problems.length === 0 ? `ok   ${r.file}\n` : r.problems.map((p) => `FAIL ${p}\n`).join(''))).join('');
}

// Without ids, lint and test cover the packs the user brought: named files, then policy dirs.
function targetIds(open: OpenPolicy): string[] {
  const own = open.catalog.list().filter((id) => !open.catalog.lookup(id)?.file.startsWith('builtin:'));
  return own.length > 0 ? own : open.catalog.list();
}
