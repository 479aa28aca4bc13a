import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, REDACTED, buildEvidenceLine, redactRequest, redactString } from '../../src/index.ts';
import { decision } from './support.ts';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vcjpyZWYiLCJhdWQiOiJzaWdzdG9yZSJ9.c2lnbmF0dXJlLWJ5dGVz';

describe('secrets never reach the log', () => {
  it.for([
    ['OIDC JWT in a command', `curl -H "x: ${JWT}" https://x`],
    ['bearer token', 'curl -H "Authorization: Bearer s3cr3t-token-value" https://x'],
    ['GitHub token', 'git push https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r'],
    ['GitLab token', 'export T=glpat-abcdefghijklmnopqrstu'],
    ['AWS key id', 'aws configure set aws_access_key_id AKIAABCDEFGHIJKLMNOP'],
    ['password parameter', 'mysql --url "db?password=hunter2secret"'],
    ['URL credentials', 'git clone https://user:pa55word@example.com/r.git'],
    ['private key', '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----'],
  ])('%s', ([, text]) => {
    const secret = /hunter2secret|pa55word|s3cr3t-token-value|ghp_a|glpat-a|AKIAABC|MIIEvQ|eyJhbGci/;
    expect(text).toMatch(secret);
    const redacted = redactString(text!);
    expect(redacted).toContain(REDACTED);
    expect(redacted).not.toMatch(secret);
  });

  it('redacts secret-named members whole, including nested runner_auth signatures', () => {
    const request = { target: 'x', runner_auth: { algorithm: 'OIDC-JWT', signature: JWT, identity: { repository: 'o/r' } }, api_key: 'k', headers: { Authorization: 'Basic abc' } };
    const out = redactRequest(request) as typeof request;
    expect(out.runner_auth.signature).toBe(REDACTED);
    expect(out.runner_auth.identity.repository).toBe('o/r');
    expect(out.api_key).toBe(REDACTED);
    expect(out.headers.Authorization).toBe(REDACTED);
    const { line } = buildEvidenceLine({ decision: decision(1), request }, GENESIS_HASH, 1);
    expect(line).not.toContain(JWT.slice(0, 30));
    expect(line).not.toContain('Basic abc');
  });
});
