import type { ResourceDefinition } from '../types';
import { getInformation } from './getInformation.operation';
import { getMetrics } from './getMetrics.operation';
import { verifyCredentials } from './verifyCredentials.operation';

export const serverResource: ResourceDefinition = {
	value: 'server',
	name: 'Server',
	description: 'The Evolution API server itself',
	operations: [getInformation, getMetrics, verifyCredentials],
};
