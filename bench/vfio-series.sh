#!/usr/bin/env bash
# Build a realistic vfio-pci variant-driver series on a kernel repository:
# a base commit takes drivers/vfio/pci/pds out (with its Kconfig/Makefile
# wiring and MAINTAINERS entry), then three commits add it back the way it was
# submitted. Usage: bench/vfio-series.sh KERNEL_REPO [BRANCH]
set -euo pipefail
repo=$1; branch=${2:-pds-vfio}
cd "$repo"
export GIT_AUTHOR_NAME="Brett Creeley" GIT_AUTHOR_EMAIL="brett.creeley@amd.com"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE=2024-12-01T00:00:00Z GIT_COMMITTER_DATE=2024-12-01T00:00:00Z
git checkout -q -f master
git branch -q -D "$branch" "$branch-base" 2>/dev/null || true
git checkout -q -b "$branch-base"
keep=$(mktemp -d)
cp -a drivers/vfio/pci/pds "$keep/"
cp drivers/vfio/pci/Kconfig drivers/vfio/pci/Makefile MAINTAINERS "$keep/"
git rm -rq drivers/vfio/pci/pds
sed -i '/pds\/Kconfig/d' drivers/vfio/pci/Kconfig
sed -i '/pds\//d' drivers/vfio/pci/Makefile
python3 - <<'PY'
import re
s = open('MAINTAINERS').read()
s = re.sub(r'VFIO PDS PCI DRIVER\n(?:[A-Z]:\t.*\n)+\n', '', s)
open('MAINTAINERS', 'w').write(s)
PY
git commit -qam "base: without the pds vfio driver"
git checkout -q -b "$branch"
git branch -q --set-upstream-to="$branch-base"
mkdir -p drivers/vfio/pci/pds
cp "$keep"/pds/Kconfig "$keep"/pds/Makefile "$keep"/pds/pci_drv.c "$keep"/pds/pci_drv.h "$keep"/pds/vfio_dev.c "$keep"/pds/vfio_dev.h drivers/vfio/pci/pds/
cp "$keep"/Kconfig "$keep"/Makefile drivers/vfio/pci/
git add -A
git commit -qF - <<'MSG'
vfio/pds: Initial support for pds VFIO driver

This is the initial framework for the new pds-vfio-pci device driver.
This does the very basics of registering the PDS PCI device and
configuring it as a VFIO PCI device.

Signed-off-by: Brett Creeley <brett.creeley@amd.com>
Signed-off-by: Shannon Nelson <shannon.nelson@amd.com>
Reviewed-by: Simon Horman <horms@kernel.org>
MSG
cp "$keep"/pds/*.c "$keep"/pds/*.h drivers/vfio/pci/pds/
git add -A
git commit -qF - <<'MSG'
vfio/pds: Add VFIO live migration support

Add live migration support via the VFIO subsystem. The migration
implementation aligns with the definition from uapi/vfio.h and uses
the pds_core PF's adminq for device configuration.

Signed-off-by: Brett Creeley <brett.creeley@amd.com>
Signed-off-by: Shannon Nelson <shannon.nelson@amd.com>
Reviewed-by: Simon Horman <horms@kernel.org>
Reviewed-by: Kevin Tian <kevin.tian@intel.com>
Reviewed-by: Shameer Kolothum <shameerali.kolothum.thodi@huawei.com>
MSG
cp "$keep"/MAINTAINERS MAINTAINERS
git add -A
git commit -qF - <<'MSG'
vfio: Add Documentation and MAINTAINERS entry for pds

Add a MAINTAINERS entry for the new pds-vfio-pci driver.

Signed-off-by: Brett Creeley <brett.creeley@amd.com>
Signed-off-by: Shannon Nelson <shannon.nelson@amd.com>
Reviewed-by: Kevin Tian <kevin.tian@intel.com>
MSG
rm -rf "$keep"
echo "$branch"
