// The CycloneDX library, loaded on first use: its modules take ~0.3 s to load, which every CLI
// verb (and every hook call) would otherwise pay, though only a gate run or `cavra aibom` needs them.
type Enums = typeof import('@cyclonedx/cyclonedx-library/Enums');
type Models = typeof import('@cyclonedx/cyclonedx-library/Models');
type Serialize = typeof import('@cyclonedx/cyclonedx-library/Serialize');
type Spec = typeof import('@cyclonedx/cyclonedx-library/Spec');

/** The parts of the library the AI-BOM uses. */
export interface CycloneDx {
  Enums: Enums;
  Models: Models;
  Serialize: Serialize;
  Spec: Spec;
}

let loading: Promise<CycloneDx> | undefined;

/** Loads the library once. */
export function loadCycloneDx(): Promise<CycloneDx> {
  loading ??= Promise.all([
    import('@cyclonedx/cyclonedx-library/Enums'),
    import('@cyclonedx/cyclonedx-library/Models'),
    import('@cyclonedx/cyclonedx-library/Serialize'),
    import('@cyclonedx/cyclonedx-library/Spec'),
  ]).then(([Enums, Models, Serialize, Spec]) => ({ Enums: exportsOf(Enums), Models: exportsOf(Models), Serialize: exportsOf(Serialize), Spec: exportsOf(Spec) }));
  return loading;
}

// The library is CommonJS: Node's import() names its exports, a bundle's import() may give only
// `default` (the whole `module.exports`), so take that when it is there.
function exportsOf<T>(module: T): T {
  const whole = (module as { default?: T }).default;
  return whole !== undefined && typeof whole === 'object' ? whole : module;
}
