// The Action uploads the sealed evidence directory as a workflow artifact through
// @actions/artifact, against a double of the runner's artifact service (requests read by the
// service's published message types) and a real Blob service (Azurite) behind its SAS URL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { artifactServiceUnavailable, evidenceArtifactName } from '../packages/github/src/evidence-artifact.ts';
import { startArtifactServiceDouble, type ArtifactServiceDouble } from './support/artifact-service-double.ts';
import { startAzurite, type Azurite } from './support/azurite.ts';
import { ActionHarness, fixture } from './support/github-action-scenarios.ts';

vi.setConfig({ testTimeout: 120_000 });

const RUN_BACKEND = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a';
const JOB_BACKEND = 'ca395085-040a-526b-2ce8-bdc85f692774';

describe('the evidence as a workflow artifact', () => {
  let azurite: Azurite;
  let service: ArtifactServiceDouble;
  let runtimeToken: string;
  const harness = new ActionHarness('runner');

  beforeAll(async () => {
    azurite = await startAzurite();
    // The runner's token names the run and job backends in its `scp` claim, which the client reads.
    runtimeToken = await new SignJWT({ scp: `Actions.GenericRead:${RUN_BACKEND} Actions.Results:${RUN_BACKEND}:${JOB_BACKEND}` })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(Buffer.from('runner-secret-for-tests-only-000'));
    service = await startArtifactServiceDouble(azurite, runtimeToken);
  });
  afterAll(async () => {
    await harness.close();
    await service?.close();
    await azurite?.stop();
  });

  test('uploaded when the runner offers the service: every file of the sealed directory, byte for byte', async () => {
    const run = await harness.gate(fixture(), { env: { ACTIONS_RUNTIME_TOKEN: runtimeToken, ACTIONS_RESULTS_URL: service.url, GITHUB_JOB: 'gate' } });
    harness.expectAgreement(run, 'success');
    expect(service.violations).toEqual([]);
    const evidence = run.outputs['evidence-dir']!;
    const name = run.outputs['evidence-artifact']!;
    expect(name, run.summary + run.stdout).toBe(evidenceArtifactName({ GITHUB_JOB: 'gate' }, evidence));
    expect(service.calls.map((call) => call.method)).toEqual(['CreateArtifact', 'FinalizeArtifact']);
    expect(service.calls[0]!.body).toMatchObject({ workflowRunBackendId: RUN_BACKEND, workflowJobRunBackendId: JOB_BACKEND, name, version: 4 });
    const zip = await JSZip.loadAsync(await service.uploaded(name));
    const files = Object.keys(zip.files).filter((file) => !zip.files[file]!.dir);
    expect(files).toEqual(expect.arrayContaining(['evidence.jsonl', 'bundle.sigstore.json', 'gate-report.json', 'aibom.cdx.json']));
    expect(files.some((file) => file.includes('.lock'))).toBe(false);
    for (const file of ['evidence.jsonl', 'bundle.sigstore.json']) expect(await zip.file(file)!.async('nodebuffer')).toEqual(readFileSync(join(evidence, file)));
    expect(run.summary).toContain(`uploaded as the workflow artifact \`${name}\``);
  });

  test('`upload-evidence: false` leaves the evidence in its directory', async () => {
    const before = service.calls.length;
    const run = await harness.gate(fixture(), { env: { ACTIONS_RUNTIME_TOKEN: runtimeToken, ACTIONS_RESULTS_URL: service.url }, inputs: { 'signing-key': harness.key.privatePem, 'upload-evidence': 'false' } });
    harness.expectAgreement(run, 'success');
    expect(run.outputs['evidence-artifact']).toBe('');
    expect(service.calls.length).toBe(before);
  });

  test('without the service, the summary says why and the gate still decides', async () => {
    const run = await harness.gate(fixture());
    harness.expectAgreement(run, 'success');
    expect(run.outputs['evidence-artifact']).toBe('');
    expect(run.summary).toContain('the runner offers no artifact service');
  });

  test('GitHub Enterprise Server has no v4 artifact service: named, not attempted', () => {
    const env = { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' };
    expect(artifactServiceUnavailable({ ...env, GITHUB_SERVER_URL: 'https://github.example.com' })).toMatch(/Enterprise Server/);
    expect(artifactServiceUnavailable({ ...env, GITHUB_SERVER_URL: 'https://octo.ghe.com' })).toBeUndefined();
    expect(artifactServiceUnavailable(env)).toBeUndefined();
  });
});
