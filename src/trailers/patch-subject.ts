/**
 * A mail subject read as a patch subject: reply prefixes (Re:, AW:, SV:, Fwd:) and
 * the bracket's PATCH/RFC, vN and i/M, as git format-patch and b4 write them.
 */
export interface PatchSubject {
  reply: boolean;
  /** Inside the brackets contains PATCH (or RFC). */
  patch: boolean;
  number?: number;
  total?: number;
  version?: number;
  title: string;
}

export function parsePatchSubject(subject: string): PatchSubject {
  let s = subject.trim();
  let reply = false;
  for (;;) {
    const m = /^(re|aw|sv|fwd?)\s*:\s*/i.exec(s);
    if (!m) break;
    reply = true;
    s = s.slice(m[0].length);
  }
  const b = /^\[([^\]]*)\]\s*(.*)$/.exec(s);
  if (!b) return { reply, patch: false, title: s };
  const prefix = b[1]!;
  const nm = /(\d+)\s*\/\s*(\d+)/.exec(prefix);
  const v = /\bv(\d+)\b/i.exec(prefix);
  return {
    reply,
    patch: /\b(patch|rfc)\b/i.test(prefix),
    ...(nm ? { number: Number(nm[1]), total: Number(nm[2]) } : {}),
    ...(v ? { version: Number(v[1]) } : {}),
    title: b[2]!.trim(),
  };
}
