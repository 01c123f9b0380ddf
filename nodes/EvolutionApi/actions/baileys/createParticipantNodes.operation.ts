import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { ADVANCED, callBaileys, jidsField, readJids, readJsonObject, toOutput } from './shared';

export const createParticipantNodes: OperationDefinition = {
	value: 'createParticipantNodes',
	name: 'Create Participant Nodes',
	action: 'Create encrypted participant nodes',
	description: `${ADVANCED} Runs Baileys createParticipantNodes(): encrypts a message for each device ID and returns the binary nodes (binary content as base64). Nothing is sent.`,
	route: { method: 'POST', path: '/baileys/createParticipantNodes/{instance}' },
	properties: [
		jidsField,
		{
			displayName: 'Message (JSON)',
			name: 'message',
			type: 'json',
			required: true,
			default: '{\n  "conversation": "Hello"\n}',
			description: 'The WhatsApp message as a Baileys proto.IMessage JSON object, e.g. {"conversation": "Hello"}',
		},
		{
			displayName: 'Extra Attributes (JSON)',
			name: 'extraAttrs',
			type: 'json',
			default: '',
			description: 'Optional JSON object of extra string attributes for each participant node',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const jids = readJids.call(this, itemIndex);
		const message = readJsonObject.call(this, 'message', itemIndex, {
			label: 'Message (JSON)',
			required: true,
			example: '{"conversation": "Hello"}',
		});
		const extraAttrs = readJsonObject.call(this, 'extraAttrs', itemIndex, {
			label: 'Extra Attributes (JSON)',
			example: '{"mediatype": "image"}',
		});
		const body: IDataObject = { jids, message };
		if (extraAttrs) {
			for (const [key, value] of Object.entries(extraAttrs)) {
				if (typeof value !== 'string') {
					throw new NodeOperationError(this.getNode(), `Extra Attributes (JSON): "${key}" must be a string`, {
						itemIndex,
						description: 'Binary node attributes are strings; quote the value, e.g. {"count": "1"}.',
					});
				}
			}
			body.extraAttrs = extraAttrs;
		}
		return toOutput(await callBaileys(context, body), 'result');
	},
};
