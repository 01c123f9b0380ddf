import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import { checkString, readString, sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { readSendBase, recipientField, sendOption } from './shared';

const properties: INodeProperties[] = [
	recipientField,
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order_confirmation',
		description: 'Name of an approved WhatsApp message template (Template → Get Many lists them)',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		required: true,
		default: 'en_US',
		placeholder: 'e.g. pt_BR',
		description: 'Language code the template was approved in, e.g. en_US or pt_BR',
	},
	{
		displayName: 'Components',
		name: 'components',
		type: 'json',
		default: '[]',
		description:
			'Template parameters as the Cloud API expects them: a JSON array such as [{"type":"body","parameters":[{"type":"text","text":"Maria"}]}]. Leave [] for a template without variables.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortByDisplayName([
			{
				displayName: 'Status Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/whatsapp/status',
				description: 'URL that additionally receives the delivery status updates of this message',
			},
			sendOption('delay'),
			sendOption('quoted'),
		]),
	},
];

export const sendTemplate: OperationDefinition = {
	value: 'sendTemplate',
	name: 'Send Template',
	action: 'Send template message',
	description:
		'Send an approved WhatsApp message template, e.g. to start a conversation outside the 24-hour window. WhatsApp Cloud API only.',
	route: { method: 'POST', path: '/message/sendTemplate/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, options, extra } = readSendBase.call(this, itemIndex);
		const name = readString.call(this, 'templateName', itemIndex, { label: 'Template Name', required: true });
		const language = readString.call(this, 'language', itemIndex, { label: 'Language', required: true });
		if (!/^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?$/.test(language)) {
			throw new NodeOperationError(this.getNode(), `Language "${language}" is not a language code`, {
				itemIndex,
				description: 'Use the code the template was approved in, e.g. en_US, pt_BR or es.',
			});
		}

		let components = this.getNodeParameter('components', itemIndex, '[]') as unknown;
		if (typeof components === 'string') {
			const text = components.trim() || '[]';
			try {
				components = jsonParse(text);
			} catch {
				throw new NodeOperationError(this.getNode(), 'Components is not valid JSON', {
					itemIndex,
					description: 'Enter a JSON array, e.g. [{"type":"body","parameters":[{"type":"text","text":"Maria"}]}].',
				});
			}
		}
		if (components && typeof components === 'object' && !Array.isArray(components)) components = [components];
		if (!Array.isArray(components)) {
			throw new NodeOperationError(this.getNode(), 'Components must be a JSON array of template components', {
				itemIndex,
				description: 'Enter a JSON array, e.g. [{"type":"body","parameters":[{"type":"text","text":"Maria"}]}], or [] for none.',
			});
		}

		const body: IDataObject = { number, name, language, ...extra };
		if (components.length > 0) body.components = components as IDataObject[];
		const webhookUrl = checkString.call(this, options.webhookUrl, itemIndex, { label: 'Status Webhook URL' });
		if (webhookUrl) {
			if (!/^https?:\/\/\S+$/i.test(webhookUrl)) {
				throw new NodeOperationError(this.getNode(), `Status Webhook URL "${webhookUrl}" is not an http(s) URL`, { itemIndex });
			}
			body.webhookUrl = webhookUrl;
		}
		return (await context.request({ body })) as IDataObject;
	},
};
