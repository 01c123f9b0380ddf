import type { ResourceDefinition } from '../types';
import { get } from './get.operation';
import { set } from './set.operation';

export const proxyResource: ResourceDefinition = {
	value: 'proxy',
	name: 'Proxy',
	description: 'The proxy an instance connects through',
	operations: [set, get],
};
