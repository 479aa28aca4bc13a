/** Module boundaries from docs/architecture.md (and STYLE.md). `npm run lint` enforces them. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-has-no-provider-sdk',
      comment: 'the core never talks to a CI provider; wrappers do',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: { path: 'node_modules/(@actions/|@gitbeaker/|azure-pipelines-task-lib|azure-devops-node-api)' },
    },
    {
      name: 'pure-policy-and-decision',
      comment: 'policy and decision modules use no Node built-ins, so they can run in a browser',
      severity: 'error',
      from: { path: '^packages/core/src/(policy|decision)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'policy-does-not-know-decisions-logic',
      severity: 'error',
      from: { path: '^packages/core/src/policy/' },
      to: { path: '^packages/core/src/decision/(?!types\\.ts)' },
    },
    {
      name: 'edges-use-the-public-api',
      comment: 'the CLI and wrappers import @cavra/core through its index only',
      severity: 'error',
      from: { path: '^packages/(cli|github|gitlab|azure)/' },
      to: { path: '^packages/core/src/(?!index\\.ts$)' },
    },
    {
      name: 'wrappers-are-independent',
      severity: 'error',
      from: { path: '^packages/(github|gitlab|azure)/' },
      to: { path: '^packages/(github|gitlab|azure|cli)/', pathNot: '^packages/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '(^|/)test/' },
  },
};
