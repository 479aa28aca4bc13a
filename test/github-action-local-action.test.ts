// The same bundle under @github/local-action, which imports the file and calls its exported
// run() (no self-start), from a folder whose package.json lists @actions/core.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ActionHarness, fixture } from './support/github-action-scenarios.ts';

vi.setConfig({ testTimeout: 180_000 });

const harness = new ActionHarness('local-action');
afterEach(() => harness.close());

describe('the bundled Action under @github/local-action', () => {
  test('a clean pull request: run() succeeds, check success', async () => {
    const run = await harness.gate(fixture());
    expect(run.stdout).toContain('Running Action');
    harness.expectAgreement(run, 'success');
  });

  test('a blocked path: run() fails the step, check failure with the annotation', async () => {
    const run = await harness.gate(fixture({ files: [{ filename: '.github/workflows/release.yml' }] }));
    harness.expectAgreement(run, 'failure');
    expect(harness.api.checkRuns[0]!.annotations.map((annotation) => annotation.path)).toEqual(['.github/workflows/release.yml']);
  });
});
