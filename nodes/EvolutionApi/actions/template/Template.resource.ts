import type { ResourceDefinition } from '../types';
import { create } from './create.operation';
import { getAll } from './getAll.operation';

export const templateResource: ResourceDefinition = {
	value: 'template',
	name: 'Template',
	description: 'WhatsApp Cloud API message templates',
	operations: [create, getAll],
};
