// The CycloneDX library's own JSON Schema validator (1.6, strict, offline: the schemas ship in
// the package). Every AI-BOM and SBOM a test produces goes through it.
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import * as Validation from '@cyclonedx/cyclonedx-library/Validation';

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

/** Resolves to null when `text` is valid CycloneDX 1.6 JSON, else to the schema errors. */
export async function cycloneDxErrors(text: string): Promise<unknown> {
  return validator.validate(text);
}
