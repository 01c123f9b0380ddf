import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { checkInteger } from '../common';
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
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll
			? undefined
			: checkInteger.call(this, this.getNodeParameter('limit', itemIndex, 50), itemIndex, { label: 'Limit', min: 1 });
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
		return limit === undefined ? rows : rows.slice(0, limit);
	},
};
