import type { INodeProperties } from 'n8n-workflow';

/** Said by both S3 operations: the server's S3 routes do not filter by instance (summary §5.17). */
export const ALL_INSTANCES_NOTE =
	'Evolution API 2.3.6 does not filter these rows by instance, so the result may include media of other instances on the server.';

export const mediaIdField: INodeProperties = {
	displayName: 'Media ID',
	name: 'mediaId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. cm1x2y3z4000008l4a1b2c3d4',
	description: 'ID of the stored media row, as S3 → Get Many returns it',
};

/** The file name part of a storage path such as `<instance>/<chat>/imageMessage/<id>.jpeg`. */
export function baseName(path: unknown): string | undefined {
	if (typeof path !== 'string') return undefined;
	const name = path.split(/[\\/]/).pop()?.trim();
	return name || undefined;
}
