import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationDefinition } from '../types';
import { ADVANCED, callBaileys, readJsonObject, toOutput } from './shared';

const EXAMPLE = '{"tag": "iq", "attrs": {"to": "s.whatsapp.net", "type": "get", "xmlns": "w:p", "id": "<tag>"}, "content": [{"tag": "ping", "attrs": {}}]}';

/** A binary node as Baileys encodes it: {tag, attrs: {string: string}, content?: node[] | string}. */
function nodeProblem(value: unknown, path: string): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object`;
	const node = value as IDataObject;
	if (typeof node.tag !== 'string' || node.tag.trim() === '') return `${path}.tag must be a non-empty string`;
	if (typeof node.attrs !== 'object' || node.attrs === null || Array.isArray(node.attrs)) {
		return `${path}.attrs must be an object (use {} for none)`;
	}
	for (const [key, attr] of Object.entries(node.attrs as IDataObject)) {
		if (typeof attr !== 'string') return `${path}.attrs.${key} must be a string`;
	}
	if (node.content === undefined || node.content === null || typeof node.content === 'string') return undefined;
	if (!Array.isArray(node.content)) return `${path}.content must be a list of nodes or a string`;
	for (let index = 0; index < node.content.length; index++) {
		const problem = nodeProblem(node.content[index], `${path}.content[${index}]`);
		if (problem) return problem;
	}
	return undefined;
}

export const sendNode: OperationDefinition = {
	value: 'sendNode',
	name: 'Send Node',
	action: 'Send raw binary node',
	description: `${ADVANCED} Runs Baileys sendNode(): writes an arbitrary XMPP-like stanza {tag, attrs, content} to the WhatsApp socket. A wrong stanza can get the session disconnected or the account flagged; use only if you know the WhatsApp protocol.`,
	route: { method: 'POST', path: '/baileys/sendNode/{instance}' },
	properties: [
		{
			displayName: 'Stanza (JSON)',
			name: 'stanza',
			type: 'json',
			required: true,
			default: '{\n  "tag": "",\n  "attrs": {},\n  "content": []\n}',
			description: 'The binary node as a JSON object {tag, attrs, content}: attrs values are strings, content is a list of nodes or a string',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const stanza = readJsonObject.call(this, 'stanza', itemIndex, { label: 'Stanza (JSON)', required: true, example: EXAMPLE });
		const problem = nodeProblem(stanza, 'stanza');
		if (problem) {
			throw new NodeOperationError(this.getNode(), `Stanza (JSON) is not a valid binary node: ${problem}`, {
				itemIndex,
				description: `A stanza looks like ${EXAMPLE}`,
			});
		}
		return toOutput(await callBaileys(context, { stanza: stanza as IDataObject }), 'result');
	},
};
