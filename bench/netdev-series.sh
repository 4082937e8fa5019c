#!/usr/bin/env bash
# Real netdev series on a kernel repository, and the netdev profile's decision
# on each. A base branch takes four files of the fbnic driver out
# (drivers/net/ethernet/meta/fbnic/), then branches add them back:
#   nd-good     3 patches, [PATCH net-next], cover letter: every rule followed
#   nd-noprefix the same without the tree in the subject prefix
#   nd-net      the same sent to net, where every patch needs a Fixes: tag
#   nd-16       16 patches
#   nd-xmas     adds fbnic_rpc.c, whose fbnic_rss_reinit() declares
#               "unsigned int idx" above the longer "struct fbnic_act_tcam *act_tcam"
#   nd-good v2  exported and marked sent, then a v2 checked at once and 25 h later
# and, on the same base, the other decided profiles and a prerequisite series:
#   kvm-good / kvm-bad   arch/x86/kvm/vmx/sgx.c back as "KVM: VMX: ..." / "kvm: vmx: ...."
#   tip-good / tip-bad   arch/x86/kernel/cpu/sgx/virt.c back as "x86/sgx: ..." / "arch/x86/...: ..."
#   nd-dep      fbnic_rpc.c on top of nd-good, recorded as its prerequisite: the cover
#               letter's prerequisite lines against git format-patch --base=nd-base
# Usage: bench/netdev-series.sh KERNEL_REPO   (a scratch clone: it makes branches)
#        PATCHPILOT="node dist/patchpilot.js" to pick the build (default: the sources via tsx)
set -euo pipefail
repo=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
pp() { (cd "$here" && ${PATCHPILOT:-node --import tsx bin/patchpilot.ts} --repo "$repo" "$@"); }
cd "$repo"
export GIT_AUTHOR_NAME="Alexander Duyck" GIT_AUTHOR_EMAIL="alexanderduyck@fb.com"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE=2024-07-01T00:00:00Z GIT_COMMITTER_DATE=2024-07-01T00:00:00Z
git config user.name "$GIT_AUTHOR_NAME"; git config user.email "$GIT_AUTHOR_EMAIL"
d=drivers/net/ethernet/meta/fbnic
git checkout -q -f master
keep=$(mktemp -d); trap 'rm -rf "$keep"' EXIT
cp -a "$d" "$keep/"
for b in nd-base nd-good nd-noprefix nd-net nd-16 nd-xmas kvm-good kvm-bad tip-good tip-bad nd-dep; do git branch -q -D "$b" 2>/dev/null || true; done
rm -rf "$(git rev-parse --git-common-dir)/patchpilot"
git tag -l 'nd-*' | xargs -r git tag -d >/dev/null
git checkout -q -b nd-base
kvm=arch/x86/kvm/vmx/sgx.c tip=arch/x86/kernel/cpu/sgx/virt.c
cp "$kvm" "$keep/kvm-sgx.c"; cp "$tip" "$keep/tip-virt.c"
git rm -q "$d/fbnic_irq.c" "$d/fbnic_mac.c" "$d/fbnic_netdev.c" "$d/fbnic_rpc.c" "$kvm" "$tip"
git commit -qm "base: fbnic without four of its files, KVM and SGX without one each"
sob="Signed-off-by: $GIT_AUTHOR_NAME <$GIT_AUTHOR_EMAIL>"
add() { # add FILE SUBJECT
  cp "$keep/fbnic/$(basename "$1")" "$1"; git add "$1"
  git commit -qm "$2" -m "Bring back $(basename "$1") as the driver has it in v6.12." -m "$sob"
}
three() {
  add "$d/fbnic_irq.c" "eth: fbnic: Add interrupt handling for the mailbox"
  add "$d/fbnic_mac.c" "eth: fbnic: Add MAC and PCS configuration"
  add "$d/fbnic_netdev.c" "eth: fbnic: Allocate a netdevice and napi vectors"
}
cover() { pp cover --title "eth: fbnic: Bring back the core files" --body "Adds back the interrupt, MAC and netdev code of fbnic." "$@" >/dev/null; }
branch() { git checkout -q -b "$1" nd-base; git branch -q --set-upstream-to=nd-base; }

branch nd-good; three; cover --prefix net-next
branch nd-noprefix; three; cover
branch nd-net; three; cover --prefix net
branch nd-xmas; add "$d/fbnic_rpc.c" "eth: fbnic: Add RSS and receive classification"; cover --prefix net-next
readd() { cp "$keep/$1" "$2"; git add "$2"; git commit -qm "$3" -m "$sob"; }
branch kvm-good; readd kvm-sgx.c "$kvm" "KVM: VMX: Add SGX ENCLS[ECREATE] and ENCLS[EINIT] handlers"
branch kvm-bad; readd kvm-sgx.c "$kvm" "kvm: vmx: add sgx encls handlers."
branch tip-good; readd tip-virt.c "$tip" "x86/sgx: Add SGX_INFO and virtual EPC"
branch tip-bad; readd tip-virt.c "$tip" "arch/x86/kernel/cpu/sgx/virt.c: add virtual EPC"
git checkout -q -b nd-dep nd-good; git branch -q --set-upstream-to=nd-base
add "$d/fbnic_rpc.c" "eth: fbnic: Add RSS and receive classification"
pp deps add nd-good --message-id 20240701-fbnic-core-v1-0@fb.com >/dev/null
branch nd-16
for i in $(seq 1 16); do echo "/* $i */" >>"$d/fbnic_pci.c"; git commit -qam "eth: fbnic: Note $i in fbnic_pci.c" -m "$sob"; done
cover --prefix net-next

status() { # status BRANCH ITEM -> "status<TAB>summary"
  git checkout -q "$1"
  { pp check --json --no-checkpatch || true; } | node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const i = r.items.find((x) => x.id === process.argv[1]);
    const ev = (i?.evidence ?? []).filter((e) => e.path && e.line).map((e) => `${e.path}:${e.line}`);
    console.log([i ? i.status : "absent", i ? i.summary : "", ev.join(" "), (i?.missing ?? []).join(" | ")].join("\t"));' "$2"
}
fails=0
expect() { # expect BRANCH ITEM STATUS [TEXT]
  local got; got=$(status "$1" "$2")
  if [[ ${got%%$'\t'*} == "$3" && ( -z ${4:-} || $got == *"$4"* ) ]]; then printf 'ok    %-12s %-22s %s\n' "$1" "$2" "$got"
  else printf 'WRONG %-12s %-22s want %s%s, got %s\n' "$1" "$2" "$3" "${4:+ ($4)}" "$got"; fails=$((fails + 1)); fi
}
t0=$(date +%s%N)
for it in netdev.tree netdev.fixes netdev.series-length netdev.repost-wait netdev.new-thread netdev.cover-letter netdev.reverse-xmas; do
  want=pass; [[ $it == netdev.repost-wait || $it == netdev.new-thread ]] && want=n/a
  expect nd-good "$it" "$want"
done
expect nd-noprefix netdev.tree open "--prefix net-next"
expect nd-net netdev.fixes fail "3 patches for net without a Fixes: tag"
expect nd-16 netdev.series-length fail "16 patches"
expect nd-xmas netdev.reverse-xmas fail "$d/fbnic_rpc.c:270"
expect nd-good kernel.profile-docs n/a
expect kvm-good kvm.shortlog-scope pass
expect kvm-good kvm.shortlog-style pass
expect kvm-bad kvm.shortlog-scope fail '"KVM: VMX:"'
expect kvm-bad kvm.shortlog-style fail "capitalize"
expect tip-good tip.subject pass
expect tip-bad tip.subject fail "file name or path"
expect kvm-good tip.subject absent
expect nd-dep deps.built-on pass
expect nd-dep netdev.series-length pass "1 patch"
git checkout -q nd-dep
out=$(mktemp -d); pp cc --add-to "Jakub Kicinski <kuba@kernel.org>" >/dev/null; pp export -o "$out/dep" --force >/dev/null 2>&1
ours=$(grep -E '^(base-commit|prerequisite-patch-id):' "$out"/dep/*.patch)
theirs=$(git format-patch --stdout --base=nd-base nd-good..nd-dep | grep -E '^(base-commit|prerequisite-patch-id):')
if [[ $ours == "$theirs" ]] && grep -q '^prerequisite-message-id: <20240701-fbnic-core-v1-0@fb.com>$' "$out"/dep/*.patch; then
  echo "ok    nd-dep       prerequisite lines  = git format-patch --base=nd-base, and b4's message-id line"
else echo "WRONG nd-dep prerequisite lines: ours [$ours] git [$theirs]"; fails=$((fails + 1)); fi
rm -rf "$out"
# v2 of nd-good: v1 exported and recorded as sent now; 24 hours must pass.
git checkout -q nd-good
out=$(mktemp -d); pp export -o "$out/v1" --force >/dev/null; pp sent >/dev/null
echo "/* v2 */" >>"$d/fbnic_irq.c"; git commit -qa --amend --no-edit
expect nd-good netdev.repost-wait open "wait 2"
later=$(node -e 'console.log(new Date(Date.now() + 25 * 3600e3).toISOString())')
PATCHPILOT_NOW=$later expect nd-good netdev.repost-wait pass
pp export -o "$out/v2" --force --thread-to-previous >/dev/null 2>&1
expect nd-good netdev.new-thread fail "replies to <"
pp export -o "$out/v2" --force --new-thread >/dev/null 2>&1
expect nd-good netdev.new-thread pass "starts a new thread"
rm -rf "$out"
echo "checked in $(( ($(date +%s%N) - t0) / 1000000 )) ms; $fails wrong"
git checkout -q master
exit $((fails > 0))
