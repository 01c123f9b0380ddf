import type { ResourceDefinition } from '../types';
import { getAll } from './getAll.operation';
import { getMediaUrl } from './getMediaUrl.operation';

export const s3Resource: ResourceDefinition = {
	value: 's3',
	name: 'S3',
	description: 'Media stored in S3/MinIO by the server',
	operations: [getAll, getMediaUrl],
};
