/**
 * The demo topic branch: a variant driver submitted the way real ones are,
 * with a patch to the parent PF driver first and the MAINTAINERS entry last.
 */
export interface DemoCommit {
  message: string;
  files: Record<string, string | null>;
}

export const SUBMITTER = { name: 'Sam Submitter', email: 'sam@submitter.example' };
export const CO_DEVELOPER = { name: 'Chen Colleague', email: 'chen@submitter.example' };

const sob = (p: { name: string; email: string }) => `Signed-off-by: ${p.name} <${p.email}>`;

const VARIANT_MAIN = `// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio-pci variant driver for Acme Zorb virtual functions: the generic
 * vfio-pci core plus live migration of the VF state, which the PF driver
 * saves and restores on our behalf.
 */
#include <linux/module.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>
#include <linux/vfio_pci_core.h>
#include <linux/zorb/driver.h>

#define ZORB_VF_STATE_MAX 4096

struct zorb_vfio_dev {
	struct vfio_pci_core_device core;
	struct zorb_pf *pf;
	int vf_id;
	enum vfio_device_mig_state mig_state;
	u8 state[ZORB_VF_STATE_MAX];
	size_t state_len;
};

static ssize_t zorb_vfio_resume_write(struct file *filp, const char __user *buf,
				      size_t len, loff_t *pos)
{
	struct zorb_vfio_dev *zdev = filp->private_data;

	if (*pos + len > ZORB_VF_STATE_MAX)
		return -EINVAL;
	if (copy_from_user(zdev->state + *pos, buf, len))
		return -EFAULT;
	*pos += len;
	zdev->state_len = *pos;
	return len;
}

static ssize_t zorb_vfio_save_read(struct file *filp, char __user *buf,
				   size_t len, loff_t *pos)
{
	struct zorb_vfio_dev *zdev = filp->private_data;

	if (*pos >= zdev->state_len)
		return 0;
	len = min(len, zdev->state_len - *pos);
	if (copy_to_user(buf, zdev->state + *pos, len))
		return -EFAULT;
	*pos += len;
	return len;
}

static const struct file_operations zorb_vfio_save_fops = {
	.owner = THIS_MODULE,
	.read = zorb_vfio_save_read,
};

static const struct file_operations zorb_vfio_resume_fops = {
	.owner = THIS_MODULE,
	.write = zorb_vfio_resume_write,
};

static struct file *zorb_vfio_set_state(struct vfio_device *vdev,
					enum vfio_device_mig_state new_state)
{
	struct zorb_vfio_dev *zdev = container_of(vdev, struct zorb_vfio_dev, core.vdev);

	if (new_state == VFIO_DEVICE_STATE_STOP_COPY) {
		zdev->state_len = zorb_pf_save_vf_state(zdev->pf, zdev->vf_id,
							zdev->state, sizeof(zdev->state));
		return anon_inode_getfile("zorb_save", &zorb_vfio_save_fops, zdev, O_RDONLY);
	}
	if (new_state == VFIO_DEVICE_STATE_RESUMING)
		return anon_inode_getfile("zorb_resume", &zorb_vfio_resume_fops, zdev, O_WRONLY);
	if (zdev->mig_state == VFIO_DEVICE_STATE_RESUMING)
		zorb_pf_load_vf_state(zdev->pf, zdev->vf_id, zdev->state, zdev->state_len);
	zdev->mig_state = new_state;
	return NULL;
}

static int zorb_vfio_get_state(struct vfio_device *vdev,
			       enum vfio_device_mig_state *curr_state)
{
	struct zorb_vfio_dev *zdev = container_of(vdev, struct zorb_vfio_dev, core.vdev);

	*curr_state = zdev->mig_state;
	return 0;
}

static const struct vfio_migration_ops zorb_vfio_mig_ops = {
	.migration_set_state = zorb_vfio_set_state,
	.migration_get_state = zorb_vfio_get_state,
};

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vfio-pci variant driver for Acme Zorb VFs (demo)");
`;

export const DEMO_COMMITS: DemoCommit[] = [
  {
    message: `net: zorb: export VF state save and load for live migration

The vfio variant driver for Zorb virtual functions needs the PF to save
and restore a VF's state while the VF is stopped. Add the two helpers
and declare them in the PF driver's header.

${sob(SUBMITTER)}
`,
    files: {
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

size_t zorb_pf_save_vf_state(struct zorb_pf *pf, int vf, u8 *buf, size_t len)
{
	if (vf >= pf->num_vfs)
		return 0;
	return zorb_mbox_read_state(pf, vf, buf, len);
}

int zorb_pf_load_vf_state(struct zorb_pf *pf, int vf, const u8 *buf, size_t len)
{
	if (vf >= pf->num_vfs || len > ZORB_VF_STATE_SIZE)
		return -22;
	return zorb_mbox_write_state(pf, vf, buf, len);
}
`,
      'include/linux/zorb/driver.h': `/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZORB_DRIVER_H
#define ZORB_DRIVER_H

#define ZORB_MAX_VFS 64
#define ZORB_VF_STATE_SIZE 4096

struct zorb_pf {
	int num_vfs;
};

int zorb_pf_probe(struct zorb_pf *pf);
int zorb_pf_enable_vfs(struct zorb_pf *pf, int count);
size_t zorb_pf_save_vf_state(struct zorb_pf *pf, int vf, u8 *buf, size_t len);
int zorb_pf_load_vf_state(struct zorb_pf *pf, int vf, const u8 *buf, size_t len);

#endif
`,
    },
  },
  {
    message: `vfio/pci: add Acme Zorb variant driver with live migration

Zorb virtual functions can be migrated: the PF driver saves a VF's
state into a 4 KiB blob and loads it back. Add a vfio-pci variant driver
that exposes this through the vfio migration uAPI (STOP_COPY and
RESUMING) and otherwise behaves like vfio-pci.

Co-developed-by: ${CO_DEVELOPER.name} <${CO_DEVELOPER.email}>
${sob(CO_DEVELOPER)}
${sob(SUBMITTER)}
`,
    files: {
      'drivers/vfio/pci/zorb/Kconfig': `# SPDX-License-Identifier: GPL-2.0-only
config ZORB_VFIO_PCI
	tristate "VFIO support for Acme Zorb virtual functions"
	depends on ZORB && VFIO_PCI_CORE
	help
	  Live migration of Acme Zorb VFs assigned to guests.
`,
      'drivers/vfio/pci/zorb/Makefile': `# SPDX-License-Identifier: GPL-2.0-only
obj-$(CONFIG_ZORB_VFIO_PCI) += zorb-vfio-pci.o
zorb-vfio-pci-y := main.o
`,
      'drivers/vfio/pci/zorb/main.c': VARIANT_MAIN,
      'drivers/vfio/pci/Kconfig': `# SPDX-License-Identifier: GPL-2.0-only
config VFIO_PCI_CORE
	tristate "Demo VFIO PCI core"

config VFIO_PCI
	tristate "Demo generic VFIO PCI driver"
	select VFIO_PCI_CORE

source "drivers/vfio/pci/zorb/Kconfig"
`,
      'drivers/vfio/pci/Makefile': `# SPDX-License-Identifier: GPL-2.0-only
obj-$(CONFIG_VFIO_PCI_CORE) += vfio_pci_core.o
obj-$(CONFIG_VFIO_PCI) += vfio_pci.o

obj-$(CONFIG_ZORB_VFIO_PCI) += zorb/
`,
    },
  },
  {
    message: `MAINTAINERS: add entry for the Acme Zorb vfio-pci driver

${sob(SUBMITTER)}
`,
    files: {},
  },
];

/** The MAINTAINERS section the third commit adds, before VFIO DRIVER (alphabetical order). */
export const DEMO_SECTION = `VFIO ACME ZORB PCI DRIVER
M:	Sam Submitter <sam@submitter.example>
L:	kvm@vger.example.org
S:	Supported
F:	drivers/vfio/pci/zorb/

`;
