import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkString, readCollection, readString } from '../common';
import type { OperationDefinition } from '../types';

const CATEGORIES = ['AUTHENTICATION', 'MARKETING', 'UTILITY'];

/** Parses the Components field: a JSON array of component objects, each with a `type`. */
function readComponents(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const raw = this.getNodeParameter('components', itemIndex, '') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) {
			throw new NodeOperationError(this.getNode(), 'Components is empty', {
				itemIndex,
				description: 'Enter a JSON list of template components, e.g. [{"type":"BODY","text":"Hello {{1}}"}].',
			});
		}
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Components is not valid JSON: ${(error as Error).message}`, {
				itemIndex,
				description: 'Enter a JSON list of template components, e.g. [{"type":"BODY","text":"Hello {{1}}"}].',
			});
		}
	}
	if (!Array.isArray(value)) {
		throw new NodeOperationError(this.getNode(), 'Components must be a JSON list (array) of components', {
			itemIndex,
			description: 'Wrap the components in [ ], e.g. [{"type":"BODY","text":"Hello {{1}}"}].',
		});
	}
	if (value.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Components is an empty list', {
			itemIndex,
			description: 'A template needs at least a BODY component, e.g. [{"type":"BODY","text":"Hello {{1}}"}].',
		});
	}
	value.forEach((component, index) => {
		const ok =
			typeof component === 'object' &&
			component !== null &&
			!Array.isArray(component) &&
			typeof (component as IDataObject).type === 'string' &&
			((component as IDataObject).type as string).trim() !== '';
		if (!ok) {
			throw new NodeOperationError(this.getNode(), `Components: entry ${index + 1} is not a component object with a "type"`, {
				itemIndex,
				description: 'Every component is an object with a type (HEADER, BODY, FOOTER or BUTTONS), e.g. {"type":"BODY","text":"Hello"}.',
			});
		}
	});
	return value as IDataObject[];
}

export const create: OperationDefinition = {
	value: 'create',
	name: 'Create',
	action: 'Create template',
	description:
		'Submit a message template to Meta for approval (WhatsApp Cloud API only). Returns the stored template with Meta\'s ID and status (usually PENDING).',
	route: { method: 'POST', path: '/template/create/{instance}' },
	properties: [
		{
			displayName: 'Name',
			name: 'templateName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. order_confirmation',
			description: 'Template name: lowercase letters, digits and underscores',
		},
		{
			displayName: 'Category',
			name: 'category',
			type: 'options',
			options: [
				{ name: 'Authentication', value: 'AUTHENTICATION', description: 'One-time passwords and login codes' },
				{ name: 'Marketing', value: 'MARKETING', description: 'Promotions, offers, announcements' },
				{ name: 'Utility', value: 'UTILITY', description: 'Updates about an order, account or transaction' },
			],
			default: 'UTILITY',
			description: 'Meta template category',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			required: true,
			default: 'en_US',
			placeholder: 'e.g. en_US',
			description: 'Language code of the template, e.g. en_US, pt_BR, es',
		},
		{
			displayName: 'Components',
			name: 'components',
			type: 'json',
			required: true,
			default: '[\n  {\n    "type": "BODY",\n    "text": "Hello {{1}}, your order {{2}} has shipped."\n  }\n]',
			description:
				'JSON list of the template components (HEADER, BODY, FOOTER, BUTTONS) in Meta\'s format; variables are written {{1}}, {{2}}, …',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Allow Category Change',
					name: 'allowCategoryChange',
					type: 'boolean',
					default: false,
					description: 'Whether Meta may assign another category instead of rejecting the template',
				},
				{
					displayName: 'Status Webhook URL',
					name: 'webhookUrl',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/template-status',
					description: 'URL the server forwards Meta\'s status updates for this template to (approved, rejected, …)',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const name = readString.call(this, 'templateName', itemIndex, { label: 'Name', required: true, maxLength: 512 });
		if (!/^[a-z0-9_]+$/.test(name)) {
			throw new NodeOperationError(this.getNode(), `Name "${name}" is not a valid template name`, {
				itemIndex,
				description: 'Meta accepts only lowercase letters, digits and underscores, e.g. order_confirmation.',
			});
		}
		const category = readString.call(this, 'category', itemIndex, { label: 'Category', required: true });
		if (!CATEGORIES.includes(category)) {
			throw new NodeOperationError(this.getNode(), `Category "${category}" is not supported`, {
				itemIndex,
				description: `Use one of: ${CATEGORIES.join(', ')}.`,
			});
		}
		const language = readString.call(this, 'language', itemIndex, { label: 'Language', required: true });
		const components = readComponents.call(this, itemIndex);
		const fields = readCollection.call(this, 'additionalFields', itemIndex);
		const body: IDataObject = { name, category, language, components };
		if (fields.allowCategoryChange !== undefined) body.allowCategoryChange = fields.allowCategoryChange === true;
		if (fields.webhookUrl !== undefined) {
			const webhookUrl = checkString.call(this, fields.webhookUrl, itemIndex, { label: 'Status Webhook URL' });
			if (webhookUrl) {
				if (!/^https?:\/\/\S+$/i.test(webhookUrl)) {
					throw new NodeOperationError(this.getNode(), `Status Webhook URL "${webhookUrl}" is not a valid http(s) URL`, {
						itemIndex,
					});
				}
				body.webhookUrl = webhookUrl;
			}
		}
		return (await context.request({ body })) as IDataObject;
	},
};
