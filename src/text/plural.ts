/** Words that follow a count: one form for 1, the other for every other number (0 included). */

/** `one` for 1, else `many` (by default `one` + "s"): plural(n, 'patch', 'patches'). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** The count and its word: count(1, 'file') is "1 file", count(3, 'patch', 'patches') is "3 patches". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${plural(n, one, many)}`;
}
