import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkString, readCollection } from '../common';
import type { SharedProperties } from '../chatbot/factory';
import { readFieldValue, toChatJid } from '../chatbot/fields';
import type { OperationDefinition } from '../types';

const startOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Start Session',
			name: 'startSession',
			type: 'boolean',
			default: false,
			description: 'Whether to store a session so the flow goes on with the contact\'s next messages',
		},
		{
			displayName: 'Variables',
			name: 'variables',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Variable',
			default: {},
			description: 'Prefilled Typebot variables',
			options: [
				{
					displayName: 'Variable',
					name: 'variable',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. customerName',
							description: 'Name of the variable in the flow',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Value to prefill',
						},
					],
				},
			],
		},
	],
};

/** POST /typebot/start: runs a flow for one chat without waiting for a trigger. */
export function startOperation(shared: SharedProperties): OperationDefinition {
	const urlProperty = shared.topLevel('url');
	const publicIdProperty = shared.topLevel('typebot');
	return {
		value: 'start',
		name: 'Start',
		action: 'Start Typebot flow for chat',
		description:
			'Start a Typebot flow in a chat right away, without waiting for a trigger, optionally with prefilled variables. Needs TYPEBOT_ENABLED=true on the server.',
		route: { method: 'POST', path: '/typebot/start/{instance}' },
		properties: [shared.remoteJid, urlProperty, publicIdProperty, startOptions],
		async execute(context) {
			const { itemIndex } = context;
			const remoteJid = toChatJid.call(this, this.getNodeParameter('remoteJid', itemIndex, ''), itemIndex, 'Chat');
			const url = readFieldValue.call(
				this,
				{ key: 'url', label: 'Typebot URL', kind: 'url', description: '' },
				this.getNodeParameter('url', itemIndex, ''),
				itemIndex,
			) as string;
			const typebot = checkString.call(this, this.getNodeParameter('typebot', itemIndex, ''), itemIndex, {
				label: 'Public ID',
				required: true,
			});
			const options = readCollection.call(this, 'options', itemIndex);
			const body: IDataObject = { remoteJid, url, typebot };
			if (options.startSession !== undefined) body.startSession = options.startSession === true;
			const entries = ((options.variables as IDataObject | undefined)?.variable ?? []) as IDataObject[];
			if (!Array.isArray(entries)) {
				throw new NodeOperationError(this.getNode(), 'Variables must be a list of name and value pairs', { itemIndex });
			}
			const variables: IDataObject[] = [];
			const seen = new Set<string>();
			for (const entry of entries) {
				const name = checkString.call(this, entry.name, itemIndex, { label: 'Variables → Name', required: true });
				if (seen.has(name)) {
					throw new NodeOperationError(this.getNode(), `Variables → Name "${name}" is given twice`, {
						itemIndex,
						description: 'Give each variable once.',
					});
				}
				seen.add(name);
				const value = checkString.call(this, entry.value, itemIndex, { label: `Variables → ${name}`, trim: false });
				variables.push({ name, value });
			}
			if (variables.length) body.variables = variables;
			// remoteJid "status@broadcast" is ignored by the server with an empty answer.
			return (await context.request({ body, allowEmpty: true })) as IDataObject;
		},
	};
}
