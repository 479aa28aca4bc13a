/** This tool's version, the root package.json's (a test keeps the two equal). */
export const CAVRA_VERSION = '0.1.0';

/** The name this tool goes by in bills of materials. */
export const CAVRA_TOOL_NAME = 'cavra';
