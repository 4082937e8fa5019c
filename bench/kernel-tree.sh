#!/usr/bin/env bash
# Prepare a git repository of the Linux tree from Debian's linux-source-6.12
# (apt-get install linux-source-6.12) for the hand-run benchmarks.
# Usage: bench/kernel-tree.sh [DIR]   (default: $PP_LINUX or /tmp/patchpilot-linux)
# Prints the directory. Nothing from the kernel tree is ever committed here.
set -euo pipefail
dir=${1:-${PP_LINUX:-/tmp/patchpilot-linux}}
tarball=/usr/src/linux-source-6.12.tar.xz
if [ -d "$dir/.git" ] && git -C "$dir" rev-parse -q --verify refs/heads/master >/dev/null; then
  echo "$dir"; exit 0
fi
[ -f "$tarball" ] || { echo "missing $tarball: apt-get install linux-source-6.12" >&2; exit 2; }
mkdir -p "$dir"
tar -xJf "$tarball" -C "$dir" --strip-components=1
cd "$dir"
# Debian's packaging appends "/*" to .gitignore, which would hide every new file.
python3 - <<'PY'
s = open('.gitignore').read()
i = s.find('#\n# Debian packaging')
if i >= 0: open('.gitignore', 'w').write(s[:i])
PY
git init -q -b master
git add -A
GIT_AUTHOR_DATE=2024-11-17T00:00:00Z GIT_COMMITTER_DATE=2024-11-17T00:00:00Z \
  git -c user.name=Base -c user.email=base@example.org commit -qm "Linux 6.12 (Debian linux-source)"
echo "$dir"
