/**
 * The base tree of the demo repository: a small kernel-like project written
 * for patchpilot (none of it is copied from Linux). It exercises every
 * MAINTAINERS field the product reads and the vfio-pci acceptance profile.
 */
export const MAINTAINERS = `List of maintainers for the demo tree
=====================================

Descriptions of section entries and preferred order
---------------------------------------------------

	M: *Mail* patches to: FullName <address@domain>
	R: Designated *Reviewer*: FullName <address@domain>
	L: *Mailing list* that is relevant to this area
	S: *Status*, one of: Supported, Maintained, Odd Fixes, Orphan, Obsolete
	W: *Web-page* with status/info
	P: Subsystem Profile document for more details submitting patches
	T: *SCM* tree type and location.
	F: *Files* and directories wildcard patterns.
	X: *Excluded* files and directories that are NOT maintained.
	N: Files and directories *Regex* patterns.
	K: *Content regex* (perl extended) pattern match in a patch or file.

Maintainers List
----------------

.. note:: When reading this list, please look for the most precise areas
          first. When adding to this list, please keep the entries in
          alphabetical order.

ACME ZORB ETHERNET DRIVER
M:	Pat Parent <pat.parent@acme.example>
R:	Quinn Quality <quinn@acme.example>
L:	netdev@vger.example.org
S:	Supported
W:	https://acme.example/zorb
P:	Documentation/process/maintainer-netdev.rst
F:	drivers/net/ethernet/acme/zorb/
F:	include/linux/zorb/
K:	\\bzorb_pf_[a-z_]+\\b

DEMO AUDIO CODECS
M:	Mo Music <mo@audio.example>
L:	audio-devel@lists.audio.example (moderated for non-subscribers)
S:	Odd Fixes
F:	sound/
X:	sound/legacy/
N:	codec

NETWORKING DRIVERS
M:	Nia Network <nia@net.example>
L:	netdev@vger.example.org
S:	Odd Fixes
P:	Documentation/process/maintainer-netdev.rst
T:	git git://git.example.org/net.git
F:	drivers/net/

VFIO DRIVER
M:	Vera Vfio <vera@vfio.example>
R:	Vic Helper <vic@vfio.example>
L:	kvm@vger.example.org
S:	Maintained
T:	git https://git.example.org/vfio.git
F:	drivers/vfio/
F:	include/linux/vfio.h
F:	include/linux/vfio_pci_core.h

VFIO PCI DEVICE SPECIFIC DRIVERS
R:	Rita Reviewer <rita@old-employer.example>
R:	Ravi Reviewer <ravi@review.example>
L:	kvm@vger.example.org
S:	Maintained
P:	Documentation/driver-api/vfio-pci-device-specific-driver-acceptance.rst
F:	drivers/vfio/pci/*/

THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
L:	linux-kernel@vger.example.org
S:	Buried alive in reporters
T:	git git://git.example.org/linux.git
F:	*
F:	*/
`;

export const MAILMAP = `# Addresses that moved: the old one on the right maps to the name and address on the left.
Rita Reviewer <rita@review.example> <rita@old-employer.example>
Pat Parent <pat.parent@acme.example> <pat@acme-corp.example>
`;

export const ACCEPTANCE_DOC = `.. SPDX-License-Identifier: GPL-2.0

Acceptance criteria for demo vfio-pci variant drivers
=====================================================

This demo tree keeps a generic vfio-pci core and lets device specific
variant drivers build on it.  A variant driver usually talks to the
driver of its parent device, for example the physical function that owns
a virtual function, and may offer userspace things the core does not.

Submissions of new variant drivers therefore need:

- approval (sign-off, ack or review) from the maintainers of every parent
  driver the variant driver interacts with;
- documentation that lets reviewers understand the device specific
  extensions; for migration data: how the device state is composed and
  consumed, which parts are not otherwise available to the user through
  vfio-pci, and what safeguards validate the data;
- care that no userspace data can have an effect beyond the assigned
  device;
- a review from at least one of the listed reviewers besides the vfio
  maintainer.
`;

export const NETDEV_DOC = `.. SPDX-License-Identifier: GPL-2.0

Demo networking subsystem profile
=================================

Patches for the networking drivers of this demo tree name their target
tree in the subject: [PATCH net] for fixes, [PATCH net-next] for new work.
Wait a day between versions of a series and keep a changelog below the
cover letter.
`;

export const BASE_FILES: Record<string, string> = {
  MAINTAINERS,
  '.mailmap': MAILMAP,
  README: 'A small kernel-like tree made by "patchpilot demo" for trying patchpilot.\n',
  'Documentation/driver-api/vfio-pci-device-specific-driver-acceptance.rst': ACCEPTANCE_DOC,
  'Documentation/process/maintainer-netdev.rst': NETDEV_DOC,
  'include/linux/vfio.h': `/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DEMO_VFIO_H
#define DEMO_VFIO_H

#include <linux/types.h>

enum vfio_device_mig_state {
	VFIO_DEVICE_STATE_ERROR = 0,
	VFIO_DEVICE_STATE_STOP = 1,
	VFIO_DEVICE_STATE_RUNNING = 2,
	VFIO_DEVICE_STATE_STOP_COPY = 3,
	VFIO_DEVICE_STATE_RESUMING = 4,
};

struct vfio_device;

struct vfio_migration_ops {
	struct file *(*migration_set_state)(struct vfio_device *vdev,
					    enum vfio_device_mig_state new_state);
	int (*migration_get_state)(struct vfio_device *vdev,
				   enum vfio_device_mig_state *curr_state);
};

#endif
`,
  'include/linux/vfio_pci_core.h': `/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DEMO_VFIO_PCI_CORE_H
#define DEMO_VFIO_PCI_CORE_H

#include <linux/vfio.h>

struct vfio_pci_core_device {
	struct vfio_device *vdev;
	void *pdev;
};

int vfio_pci_core_register_device(struct vfio_pci_core_device *vdev);
void vfio_pci_core_unregister_device(struct vfio_pci_core_device *vdev);

#endif
`,
  'drivers/vfio/pci/Kconfig': `# SPDX-License-Identifier: GPL-2.0-only
config VFIO_PCI_CORE
	tristate "Demo VFIO PCI core"

config VFIO_PCI
	tristate "Demo generic VFIO PCI driver"
	select VFIO_PCI_CORE
`,
  'drivers/vfio/pci/Makefile': `# SPDX-License-Identifier: GPL-2.0-only
obj-$(CONFIG_VFIO_PCI_CORE) += vfio_pci_core.o
obj-$(CONFIG_VFIO_PCI) += vfio_pci.o
`,
  'drivers/vfio/pci/vfio_pci_core.c': `// SPDX-License-Identifier: GPL-2.0-only
/* The demo vfio-pci core: the library variant drivers build on. */
#include <linux/module.h>
#include <linux/vfio_pci_core.h>

int vfio_pci_core_register_device(struct vfio_pci_core_device *vdev)
{
	return vdev->vdev ? 0 : -22;
}

void vfio_pci_core_unregister_device(struct vfio_pci_core_device *vdev)
{
	vdev->vdev = NULL;
}
`,
  'drivers/vfio/pci/vfio_pci.c': `// SPDX-License-Identifier: GPL-2.0-only
/* The demo generic vfio-pci driver. */
#include <linux/module.h>
#include <linux/vfio_pci_core.h>

static struct vfio_pci_core_device generic;

static int vfio_pci_probe(void)
{
	return vfio_pci_core_register_device(&generic);
}
`,
  'drivers/net/ethernet/acme/zorb/Kconfig': `# SPDX-License-Identifier: GPL-2.0
config ZORB
	tristate "Acme Zorb Ethernet (demo)"
`,
  'drivers/net/ethernet/acme/zorb/Makefile': `# SPDX-License-Identifier: GPL-2.0
obj-$(CONFIG_ZORB) += zorb.o
zorb-y := zorb_main.o zorb_sriov.o
`,
  'drivers/net/ethernet/acme/zorb/zorb_main.c': `// SPDX-License-Identifier: GPL-2.0
/* Acme Zorb demo Ethernet driver: the physical function. */
#include <linux/module.h>
#include <linux/zorb/driver.h>

int zorb_pf_probe(struct zorb_pf *pf)
{
	pf->num_vfs = 0;
	return 0;
}
`,
  'drivers/net/ethernet/acme/zorb/zorb_sriov.c': `// SPDX-License-Identifier: GPL-2.0
/* SR-IOV support of the Zorb PF: virtual functions and their mailbox. */
#include <linux/zorb/driver.h>

int zorb_pf_enable_vfs(struct zorb_pf *pf, int count)
{
	if (count > ZORB_MAX_VFS)
		return -22;
	pf->num_vfs = count;
	return 0;
}
`,
  'include/linux/zorb/driver.h': `/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZORB_DRIVER_H
#define ZORB_DRIVER_H

#define ZORB_MAX_VFS 64

struct zorb_pf {
	int num_vfs;
};

int zorb_pf_probe(struct zorb_pf *pf);
int zorb_pf_enable_vfs(struct zorb_pf *pf, int count);

#endif
`,
  'sound/codecs/demo_codec.c': `// SPDX-License-Identifier: GPL-2.0
/* A demo audio codec, here so that N: and X: patterns have files to match. */
int demo_codec_init(void)
{
	return 0;
}
`,
  'sound/legacy/old_card.c': `// SPDX-License-Identifier: GPL-2.0
/* Excluded from DEMO AUDIO CODECS by an X: line. */
int old_card_init(void)
{
	return 0;
}
`,
  'kernel/sched.c': `// SPDX-License-Identifier: GPL-2.0
/* Only THE REST covers this file. */
int demo_schedule(void)
{
	return 0;
}
`,
};
