/** The CLI's version (`cavra --version`); a test keeps it equal to the root package.json. */
export const CAVRA_VERSION = '0.1.0';
