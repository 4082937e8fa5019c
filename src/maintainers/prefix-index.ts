/**
 * The index of MAINTAINERS sections by the literal prefix of their F:
 * patterns, in the two forms it takes: a Map while a scan builds it, and,
 * read back from the scan cache, sorted keys over two integer arrays that
 * are binary-searched in place. Rebuilding a Map of 7,800 arrays from the
 * cache took about 8 ms of a 140 ms `check` on a kernel tree, and any loop
 * over all the keys costs milliseconds in a process this short (the code
 * runs in V8's interpreter); a query looks up a few hundred prefixes.
 */

export interface PrefixIndex {
  /** The sections (ordinals, ascending) with an F: pattern whose literal prefix is exactly `prefix`. */
  get(prefix: string): ArrayLike<number> | undefined;
  /** Every entry, sorted by prefix (code unit order): the cache's form. */
  entries(): [string, number[]][];
}

const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function mapIndex(map: Map<string, number[]>): PrefixIndex {
  return {
    get: (prefix) => map.get(prefix),
    entries: () => [...map].sort(byKey),
  };
}

/**
 * An index over `keys` (sorted in code unit order, unique) where key i owns `indices[starts[i]]` up to
 * `indices[starts[i + 1]]`.
 */
export function sortedIndex(keys: string[], starts: Int32Array, indices: Int32Array): PrefixIndex {
  return {
    get(prefix) {
      let lo = 0;
      let hi = keys.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const k = keys[mid]!;
        if (k === prefix) return indices.subarray(starts[mid]!, starts[mid + 1]!);
        if (k < prefix) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
    entries: () => keys.map((k, i) => [k, Array.from(indices.subarray(starts[i]!, starts[i + 1]!))]),
  };
}
