import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { withAdvice } from '../chatbot/factory';
import { checkString } from '../common';
import type { OperationDefinition } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'credentialName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. sales-openai',
		description: 'Name of the stored key; it must be unique on the whole server, not only on this instance',
	},
	{
		displayName: 'OpenAI API Key',
		name: 'apiKey',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The OpenAI API key the bots of this instance use',
	},
];

export const createCredential: OperationDefinition = {
	value: 'createCredential',
	name: 'Create Credential',
	action: 'Create OpenAI credential',
	description:
		'Store an OpenAI API key on the server under a name, for OpenAI bots and default settings to use. The answer contains the key. Needs OPENAI_ENABLED=true on the server.',
	route: { method: 'POST', path: '/openai/creds/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const name = checkString.call(this, this.getNodeParameter('credentialName', itemIndex, ''), itemIndex, {
			label: 'Name',
			required: true,
		});
		const apiKey = checkString.call(this, this.getNodeParameter('apiKey', itemIndex, ''), itemIndex, {
			label: 'OpenAI API Key',
			required: true,
		});
		return (await withAdvice.call(this, itemIndex, [[/Error creating openai creds/i, `The server could not store the key; a credential named "${name}" may already exist (names are unique on the whole server). Choose another Name.`]], async () =>
			await context.request({ body: { name, apiKey } }),
		)) as IDataObject;
	},
};
