/** Optional plug-ins of the CycloneDX library, loaded in a try at run time: never bundled, by any bundle. */
export const OPTIONAL_EXTERNALS = ['xmlbuilder2', 'libxmljs2', 'ajv-formats', 'ajv-formats-draft2019'];
