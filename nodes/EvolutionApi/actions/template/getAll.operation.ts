import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { limitField, readLimit, returnAllField } from '../common';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many templates',
	description:
		'List the message templates of the WhatsApp Business account linked to the instance, one item per template with name, language, category, status and components. WhatsApp Cloud API only.',
	route: { method: 'GET', path: '/template/find/{instance}' },
	idempotent: true,
	properties: [
		returnAllField,
		limitField,
	],
	async execute(context) {
		const { itemIndex } = context;
		// Read before the request: a bad Limit must not cost a call.
		const limit = readLimit.call(this, itemIndex);
		const body = await context.request({ allowEmpty: true });
		if (body === undefined || body === null) {
			// The server swallows Meta errors here and answers 200 with nothing.
			const message = 'The server returned no templates: the request to Meta failed';
			const description =
				"Check that the instance uses the WhatsApp Cloud API channel and that its Business ID and token are valid; the server's log has Meta's error.";
			throw new NodeApiError(this.getNode(), { message, description } as JsonObject, { message, description, itemIndex });
		}
		// 2.3.6 answers Meta's list ({data, paging}) or the bare array depending on the path taken.
		const list = Array.isArray(body) ? body : (body as IDataObject).data;
		const rows = (Array.isArray(list) ? list : [body]) as IDataObject[];
		return rows.slice(0, limit);
	},
};
