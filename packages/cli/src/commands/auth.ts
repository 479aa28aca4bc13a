import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { assertRunnerClaimsPolicy, CavraError, ExplicitTokenSource, FileTokenSource, parseRunnerClaimsPolicy, RUNNER_PROVIDERS, tokenKeysOf, verifyRunnerToken, type RunnerProvider } from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { readJsonObject } from '../read-input.ts';
import { readStream } from '../process-io.ts';

/** `cavra auth verify` flags, parsed once. */
export interface AuthVerifyOptions {
  token: string | undefined;
  tokenFile: string | undefined;
  issuer: string;
  audience: string;
  jwks: string | undefined;
  jwksUrl: string | undefined;
  discover: boolean;
  claims: string | undefined;
  leewaySeconds: number | undefined;
  provider: RunnerProvider | undefined;
}

const USAGE_HINT = 'usage: cavra auth verify (--token JWT | --token-file F) --issuer URL --audience AUD (--jwks FILE | --jwks-url URL | --discover) [--claims FILE]';

function parseAuthVerifyArgs(args: string[]): AuthVerifyOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      token: { type: 'string' },
      'token-file': { type: 'string' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      jwks: { type: 'string' },
      'jwks-url': { type: 'string' },
      discover: { type: 'boolean', default: false },
      claims: { type: 'string' },
      leeway: { type: 'string' },
      provider: { type: 'string' },
    },
  });
  if ((values.token === undefined) === (values['token-file'] === undefined)) throw usage('give exactly one of `--token JWT` or `--token-file F`');
  if (!values.issuer) throw usage('`--issuer URL` is required');
  if (!values.audience) throw usage('`--audience AUD` is required');
  const keySources = [values.jwks !== undefined, values['jwks-url'] !== undefined, values.discover].filter(Boolean).length;
  if (keySources !== 1) throw usage('give exactly one of `--jwks FILE`, `--jwks-url URL` or `--discover`');
  const leeway = values.leeway === undefined ? undefined : Number(values.leeway);
  if (leeway !== undefined && !(Number.isInteger(leeway) && leeway >= 0 && leeway <= 300)) throw usage('`--leeway` must be whole seconds from 0 to 300');
  if (values.provider !== undefined && !(RUNNER_PROVIDERS as readonly string[]).includes(values.provider)) {
    throw usage(`\`--provider\` must be one of ${RUNNER_PROVIDERS.join(', ')}`);
  }
  return {
    token: values.token,
    tokenFile: values['token-file'],
    issuer: values.issuer,
    audience: values.audience,
    jwks: values.jwks,
    jwksUrl: values['jwks-url'],
    discover: values.discover,
    claims: values.claims,
    leewaySeconds: leeway,
    provider: values.provider as RunnerProvider | undefined,
  };
}

/** `cavra auth verify`: verifies a runner OIDC token and prints the normalised identity as JSON. */
export const authCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw usage(sub === undefined ? 'missing subcommand `verify`' : `unknown subcommand \`${sub}\``);
  const options = parseAuthVerifyArgs(rest);
  const keys = await tokenKeysOf({ issuer: options.issuer, ...(options.jwks !== undefined ? { jwksFile: options.jwks } : {}), ...(options.jwksUrl !== undefined ? { jwksUrl: options.jwksUrl } : {}) }, { fetch: globalThis.fetch });
  const policy = options.claims === undefined ? undefined : parseRunnerClaimsPolicy(readJsonObject(options.claims, 'claims'), options.claims);
  // `--token-file -` reads stdin, so a token need never sit in argv or on disk.
  const readText = (path: string) => (path === '-' ? readStream(io.stdin) : readFile(path, 'utf8'));
  const source = options.token !== undefined ? new ExplicitTokenSource(options.token) : new FileTokenSource(options.tokenFile!, readText);
  const token = await source.acquire();
  const identity = await verifyRunnerToken(token.reveal(), {
    issuer: options.issuer,
    audience: options.audience,
    keys,
    now: () => new Date(),
    ...(options.leewaySeconds !== undefined ? { clockToleranceSeconds: options.leewaySeconds } : {}),
    ...(options.provider !== undefined ? { provider: options.provider } : {}),
  });
  if (policy) assertRunnerClaimsPolicy(identity, policy);
  await writeAll(io.stdout, `${JSON.stringify(identity, null, 2)}\n`);
  return EXIT.ok;
};

function usage(message: string): CavraError {
  return new CavraError('ERR_USAGE', message, { hint: USAGE_HINT });
}
