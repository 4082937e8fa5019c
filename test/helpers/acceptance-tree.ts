/**
 * A small kernel-like tree for the acceptance tests, written for them: a
 * PF driver with its include/linux/<dir>/ headers, a helper driver that owns
 * a single header, a driver whose header directory only THE REST covers, a
 * netdev section with a P: document (decided by the netdev profile), a PF
 * driver section with a P: document of its own, the two vfio sections and a .mailmap
 * that moved one reviewer's address.
 */
import { makeRepo, type Scratch, type TestRepo } from './repo.js';

export const PAM = 'Pam Parent <pam@pf.example>';
export const ROB = 'Rob Reviewer <rob@pf.example>';
export const RAY = 'Ray Rdma <ray@rdma.example>';
export const BEA = 'Bea Helper <bea@helper.example>';
export const BAZ = 'Baz Keeper <baz@baz.example>';
export const VAL = 'Val Vfio <val@vfio.example>';
export const RIA_OLD = 'Ria Listed <ria@old.example>';
export const RIA_NEW = 'Ria Listed <ria@new.example>';
export const REX = 'Rex Listed <rex@listed.example>';
export const AUTHOR = 'Test Author <author@test.example>';
export const SOB = `Signed-off-by: ${AUTHOR}`;

export const MAINTAINERS = `Maintainers of the acceptance test tree

BAR HELPER DRIVER
M:	${BEA}
L:	helper@lists.example
S:	Maintained
F:	drivers/misc/bar/
F:	include/linux/bar_helper.h

BAZ ACCEL DRIVER
M:	${BAZ}
L:	baz@lists.example
S:	Supported
F:	drivers/misc/baz/

FOO PF DRIVER
M:	${PAM}
R:	${ROB}
L:	netdev@lists.example
S:	Supported
P:	Documentation/process/maintainer-foo.rst
F:	drivers/net/foo/
F:	include/linux/foo/

FOO RDMA DRIVER
M:	${RAY}
L:	rdma@lists.example
S:	Supported
F:	drivers/infiniband/foo/
F:	include/linux/foo/

NETWORKING DRIVERS
M:	Nia Net <nia@net.example>
L:	netdev@lists.example
S:	Maintained
P:	Documentation/process/maintainer-netdev.rst
F:	drivers/net/

VFIO DRIVER
M:	${VAL}
L:	kvm@lists.example
S:	Maintained
F:	drivers/vfio/
F:	include/linux/vfio.h

VFIO PCI DEVICE SPECIFIC DRIVERS
R:	${RIA_OLD}
R:	${REX}
L:	kvm@lists.example
S:	Maintained
P:	Documentation/driver-api/vfio-acceptance.rst
F:	drivers/vfio/pci/*/

THE REST
M:	Top Person <top@kernel.example>
L:	all@lists.example
S:	Buried alive in reporters
F:	*
F:	*/
`;

export const BASE: Record<string, string> = {
  MAINTAINERS,
  '.mailmap': `${RIA_NEW} <ria@old.example>\n`,
  'Documentation/process/maintainer-netdev.rst': 'Networking: name the tree in the subject.\n',
  'Documentation/process/maintainer-foo.rst': 'Foo: test on both boards.\n',
  'Documentation/driver-api/vfio-acceptance.rst': 'Variant drivers need approval of their parent drivers.\n',
  'drivers/net/foo/main.c': 'int foo_probe(void) { return 0; }\n',
  'include/linux/foo/pf.h': 'int foo_pf_save(int vf, char *buf, int len);\n',
  'include/linux/bar_helper.h': 'int bar_help(void);\n',
  'include/linux/baz/api.h': 'int baz_call(int op);\n',
  'drivers/misc/baz/core.c': '#include <linux/baz/api.h>\nint baz_call(int op) { return op; }\n',
  'drivers/vfio/pci/Kconfig': 'config VFIO_PCI_CORE\n\ttristate "core"\n',
  'drivers/vfio/pci/Makefile': 'obj-$(CONFIG_VFIO_PCI_CORE) += vfio_pci_core.o\n',
  'drivers/vfio/pci/vfio_pci_core.c': 'int vfio_pci_core_register_device(void *d) { return 0; }\n',
  'drivers/vfio/pci/old/main.c': '#include <linux/vfio.h>\nint old_main(void) { return 0; }\n',
  'drivers/vfio/pci/old/Kconfig': 'config OLD_VFIO_PCI\n\ttristate "old"\n',
  'drivers/vfio/pci/old/Makefile': 'obj-$(CONFIG_OLD_VFIO_PCI) += main.o\n',
};

/** A variant driver with migration and userspace entry points; `includes` go at the top. */
export function driverSource(includes: string[], migration = true): string {
  return `// SPDX-License-Identifier: GPL-2.0-only
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/vfio_pci_core.h>
${includes.map((i) => `#include ${i}`).join('\n')}

static ssize_t acc_resume_write(struct file *filp, const char __user *buf, size_t len, loff_t *pos)
{
	char state[64];

	if (len > sizeof(state))
		return -EINVAL;
	if (copy_from_user(state, buf, len))
		return -EFAULT;
	return len;
}

static const struct file_operations acc_resume_fops = {
	.owner = THIS_MODULE,
	.write = acc_resume_write,
};
${
  migration
    ? `
static struct file *acc_set_state(struct vfio_device *vdev, enum vfio_device_mig_state new)
{
	if (new == VFIO_DEVICE_STATE_RESUMING)
		return NULL;
	return NULL;
}

static const struct vfio_migration_ops acc_mig_ops = {
	.migration_set_state = acc_set_state,
};
`
    : ''
}`;
}

export const WIRING = {
  'drivers/vfio/pci/acc/Kconfig': 'config ACC_VFIO_PCI\n\ttristate "acc"\n',
  'drivers/vfio/pci/acc/Makefile': 'obj-$(CONFIG_ACC_VFIO_PCI) += acc.o\n',
  'drivers/vfio/pci/Kconfig': 'config VFIO_PCI_CORE\n\ttristate "core"\n\nsource "drivers/vfio/pci/acc/Kconfig"\n',
  'drivers/vfio/pci/Makefile': 'obj-$(CONFIG_VFIO_PCI_CORE) += vfio_pci_core.o\nobj-$(CONFIG_ACC_VFIO_PCI) += acc/\n',
};

export const ACC_SECTION = `VFIO ACC PCI DRIVER
M:	${AUTHOR}
L:	kvm@lists.example
S:	Maintained
F:	drivers/vfio/pci/acc/

`;

export function withSection(section: string): string {
  return MAINTAINERS.replace('VFIO DRIVER\n', `${section}VFIO DRIVER\n`);
}

/** Per scratchpad, so per test file: a template lives as long as the scratchpad that removes it. */
const templates = new WeakMap<Scratch, TestRepo>();

/**
 * A repository with the acceptance tree on master, checked out on `topic`. With a scratchpad it is a
 * copy of one built once per test file (cheaper, and removed with the scratchpad); without one the
 * caller removes it.
 */
export function acceptanceRepo(pad?: Scratch): TestRepo {
  if (!pad) return makeRepo({ base: BASE });
  let template = templates.get(pad);
  if (!template) {
    template = pad.repo({ base: BASE });
    templates.set(pad, template);
  }
  return pad.copy(template);
}
