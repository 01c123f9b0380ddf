import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { checkString, limitField, readCollection, readLimit, returnAllField } from '../common';
import { rethrow } from '../updateMode';
import type { OperationDefinition } from '../types';
import { ALL_INSTANCES_NOTE } from './shared';

/** Whether a media row belongs to the message with this ID (database ID or WhatsApp key ID). */
function belongsTo(row: IDataObject, messageId: string): boolean {
	const message = row.Message as IDataObject | undefined;
	const key = message?.key as IDataObject | undefined;
	return row.messageId === messageId || message?.id === messageId || key?.id === messageId;
}

export const getAll: OperationDefinition = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many media files',
	description: `Get many media files the server stored in S3/MinIO, with file name, type, MIME type, date and the message they belong to. Needs S3 storage enabled on the server (S3_ENABLED). ${ALL_INSTANCES_NOTE}`,
	route: { method: 'POST', path: '/s3/getMedia/{instance}' },
	idempotent: true,
	properties: [
		returnAllField,
		limitField,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Media ID',
					name: 'mediaId',
					type: 'string',
					default: '',
					description: 'Only the media row with this ID',
				},
				{
					displayName: 'Message ID',
					name: 'messageId',
					type: 'string',
					default: '',
					placeholder: 'e.g. 3EB0C767D26A1D2E5A8B',
					description: 'Only the media of this message (its WhatsApp ID or database ID); applied by the node, since the server cannot filter by it',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'string',
					default: '',
					placeholder: 'e.g. imageMessage',
					description: 'Only media of this WhatsApp message type: imageMessage, videoMessage, audioMessage, documentMessage, stickerMessage…',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const filters = readCollection.call(this, 'filters', itemIndex);
		const body: IDataObject = {};
		const id = checkString.call(this, filters.mediaId, itemIndex, { label: 'Filters → Media ID' });
		if (id) body.id = id;
		const type = checkString.call(this, filters.type, itemIndex, { label: 'Filters → Type' });
		if (type) body.type = type;
		// The schema types messageId as an integer while the database stores text IDs, so the
		// server cannot match it: the node filters the answer instead.
		const messageId = checkString.call(this, filters.messageId, itemIndex, { label: 'Filters → Message ID' });
		const limit = readLimit.call(this, itemIndex) ?? Infinity;

		let answer: unknown;
		try {
			answer = await context.request({ body });
		} catch (error) {
			// The server answers 400 "Media not found" when nothing matches.
			if (error instanceof NodeApiError && /media not found/i.test(error.message)) return [];
			return rethrow.call(this, error, itemIndex);
		}
		let rows = (Array.isArray(answer) ? answer : [answer]).filter(
			(row): row is IDataObject => typeof row === 'object' && row !== null,
		);
		if (messageId) rows = rows.filter((row) => belongsTo(row, messageId));
		return rows.slice(0, limit);
	},
};
