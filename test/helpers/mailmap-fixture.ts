/** One .mailmap with every line form git and get_maintainer.pl read, and people to look up in it. */
export const MAP = `# a comment line
Proper Name <proper@x.org>
<new@x.org> <old@x.org>
Both Changed <both@x.org> <both-old@x.org>
Only For Bob <bob-new@x.org> Bob Smith <shared@x.org>
Everyone Else <shared-new@x.org> <shared@x.org>
Late <late@x.org> <dup@x.org>
<late2@x.org> <dup@x.org>
Hash #1 <hash@x.org>
`;

export const PEOPLE = [
  ['Someone', 'proper@x.org'],
  ['Someone', 'PROPER@X.ORG'],
  ['Old Name', 'old@x.org'],
  ['Old Name', 'both-old@x.org'],
  ['Bob Smith', 'shared@x.org'],
  ['bob smith', 'shared@x.org'],
  ['Alice', 'shared@x.org'],
  ['D', 'dup@x.org'],
  ['H', 'hash@x.org'],
  ['Nobody', 'nobody@x.org'],
] as const;
