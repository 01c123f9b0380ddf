import type { ResourceDefinition } from '../types';
import { getAll } from './getAll.operation';
import { handle } from './handle.operation';
import { searchLabels } from './shared';

export const labelResource: ResourceDefinition = {
	value: 'label',
	name: 'Label',
	description: 'Chat labels (WhatsApp Business app accounts)',
	operations: [getAll, handle],
	methods: { listSearch: { searchLabels } },
};
