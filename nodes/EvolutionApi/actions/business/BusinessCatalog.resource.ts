import type { ResourceDefinition } from '../types';
import { getCatalog } from './getCatalog.operation';
import { getCollections } from './getCollections.operation';

export const businessCatalogResource: ResourceDefinition = {
	value: 'business',
	name: 'Business Catalog',
	description: 'WhatsApp Business catalog and collections (Baileys)',
	operations: [getCatalog, getCollections],
};
