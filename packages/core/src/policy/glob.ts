// Pattern semantics (cavra-reference §3.1): every regex metacharacter is literal, `*` and `**`
// match any run of characters including `/` and spaces, and the match is anchored at both ends.
// We keep that for compatibility and widen it where upstream is weak (§10.7): `**/` also
// matches zero directories, so `**/secrets.*` catches a root-level `secrets.yaml`.

const REGEX_META = /[.*+?^${}()|[\]\\/-]/g;

export interface GlobOptions {
  /** Let `**\/` match zero leading directories (file paths only). */
  globstarMatchesRoot?: boolean;
  caseInsensitive?: boolean;
}

/** Compiles one CAVRA glob to an anchored RegExp. */
export function globToRegExp(pattern: string, options: GlobOptions = {}): RegExp {
  let source = '';
  let index = 0;
  while (index < pattern.length) {
    if (pattern.startsWith('**/', index) && options.globstarMatchesRoot && (index === 0 || pattern[index - 1] === '/')) {
      source += '(?:.*/)?';
      index += 3;
    } else if (pattern[index] === '*') {
      while (pattern[index] === '*') index += 1;
      source += '.*';
    } else {
      source += pattern[index]!.replace(REGEX_META, '\\$&');
      index += 1;
    }
  }
  return new RegExp(`^${source}$`, options.caseInsensitive ? 'i' : '');
}
