import type { ResourceDefinition } from '../types';
import { get } from './get.operation';
import { set } from './set.operation';

export const chatwootResource: ResourceDefinition = {
	value: 'chatwoot',
	name: 'Chatwoot',
	description: 'The Chatwoot inbox connected to an instance',
	operations: [set, get],
};
