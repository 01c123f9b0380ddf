import type { ResourceDefinition } from '../types';
import { offer } from './offer.operation';

export const callResource: ResourceDefinition = {
	value: 'call',
	name: 'Call',
	description: 'Call offers (Baileys; a stub in Evolution API 2.3.6)',
	operations: [offer],
};
