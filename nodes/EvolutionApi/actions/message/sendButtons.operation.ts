import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkString, readString, sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { interactiveNotice, readSendBase, recipientField, sendOptionFields } from './shared';

type ButtonType = 'reply' | 'copy' | 'url' | 'call' | 'pix';

const properties: INodeProperties[] = [
	interactiveNotice,
	recipientField,
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Your order is ready',
		description: 'Title of the message, above the buttons',
	},
	{
		displayName: 'Footer',
		name: 'footer',
		type: 'string',
		default: '',
		placeholder: 'e.g. Reply within 24 hours',
		description: 'Small text under the message',
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		required: true,
		default: {},
		placeholder: 'Add Button',
		description:
			'Up to 3 Reply buttons, or other button types mixed (Copy Code, URL, Call), or one PIX button alone',
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Button ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. confirm',
						description: 'ID sent back when the button is tapped; unique in the message',
						displayOptions: { show: { type: ['reply'] } },
					},
					{
						displayName: 'Code to Copy',
						name: 'copyCode',
						type: 'string',
						default: '',
						placeholder: 'e.g. WELCOME10',
						displayOptions: { show: { type: ['copy'] } },
					},
					{
						displayName: 'Currency',
						name: 'currency',
						type: 'string',
						default: 'BRL',
						description: 'ISO 4217 currency code',
						displayOptions: { show: { type: ['pix'] } },
					},
					{
						displayName: 'Display Text',
						name: 'displayText',
						type: 'string',
						default: '',
						placeholder: 'e.g. Confirm',
						description: 'Label of the button',
						displayOptions: { show: { type: ['reply', 'copy', 'url', 'call'] } },
					},
					{
						displayName: 'Merchant Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. ACME Ltda',
						displayOptions: { show: { type: ['pix'] } },
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: 'e.g. +5511999999999',
						description: 'Number to call, with country code',
						displayOptions: { show: { type: ['call'] } },
					},
					{
						displayName: 'PIX Key',
						name: 'key',
						type: 'string',
						default: '',
						description: 'The PIX key of the merchant, of the type chosen in PIX Key Type',
						displayOptions: { show: { type: ['pix'] } },
					},
					{
						displayName: 'PIX Key Type',
						name: 'keyType',
						type: 'options',
						options: [
							{ name: 'CNPJ', value: 'cnpj' },
							{ name: 'CPF', value: 'cpf' },
							{ name: 'Email', value: 'email' },
							{ name: 'Phone', value: 'phone' },
							{ name: 'Random Key', value: 'random' },
						],
						default: 'random',
						displayOptions: { show: { type: ['pix'] } },
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Call', value: 'call', description: 'Calls a phone number' },
							{ name: 'Copy Code', value: 'copy', description: 'Copies a code to the clipboard' },
							{ name: 'PIX', value: 'pix', description: 'Brazilian PIX payment request (must be the only button)' },
							{ name: 'Reply', value: 'reply', description: 'Sends its ID back as a reply (up to 3, not mixed with other types)' },
							{ name: 'URL', value: 'url', description: 'Opens a link' },
						],
						default: 'reply',
						description: 'What the button does',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/order/123',
						description: 'Link the button opens',
						displayOptions: { show: { type: ['url'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortByDisplayName([
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Text of the message, under the title',
			},
			{
				displayName: 'Thumbnail URL',
				name: 'thumbnailUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/banner.jpg',
				description: 'Image shown at the top of the message',
			},
			...sendOptionFields,
		]),
	},
];

const TYPES: ButtonType[] = ['reply', 'copy', 'url', 'call', 'pix'];

function readButton(this: IExecuteFunctions, entry: IDataObject, index: number, itemIndex: number): IDataObject {
	const where = `Buttons → Button ${index + 1}`;
	const type = entry.type as ButtonType;
	if (!TYPES.includes(type)) {
		throw new NodeOperationError(this.getNode(), `${where} → Type must be one of ${TYPES.join(', ')}, not "${String(entry.type)}"`, {
			itemIndex,
		});
	}
	const text = (field: string, label: string, required = true) =>
		checkString.call(this, entry[field], itemIndex, { label: `${where} → ${label}`, required });
	const button: IDataObject = { type };
	if (type === 'pix') {
		const currency = text('currency', 'Currency').toUpperCase();
		if (!/^[A-Z]{3}$/.test(currency)) {
			throw new NodeOperationError(this.getNode(), `${where} → Currency "${currency}" is not a 3-letter currency code`, {
				itemIndex,
				description: 'Use an ISO 4217 code such as BRL.',
			});
		}
		button.currency = currency;
		button.name = text('name', 'Merchant Name');
		const keyType = String(entry.keyType ?? 'random');
		if (!['phone', 'email', 'cpf', 'cnpj', 'random'].includes(keyType)) {
			throw new NodeOperationError(this.getNode(), `${where} → PIX Key Type "${keyType}" is not valid`, {
				itemIndex,
				description: 'Use phone, email, cpf, cnpj or random.',
			});
		}
		button.keyType = keyType;
		button.key = text('key', 'PIX Key');
		return button;
	}
	button.displayText = text('displayText', 'Display Text');
	if (type === 'reply') button.id = text('id', 'Button ID');
	// copyCode is read by the server although its schema does not list it.
	if (type === 'copy') button.copyCode = text('copyCode', 'Code to Copy');
	if (type === 'url') {
		const url = text('url', 'URL');
		if (!/^https?:\/\/[^\s/]+\S*$/i.test(url)) {
			throw new NodeOperationError(this.getNode(), `${where} → URL "${url}" is not an http(s) link`, { itemIndex });
		}
		button.url = url;
	}
	if (type === 'call') {
		const phoneNumber = text('phoneNumber', 'Phone Number');
		const digits = phoneNumber.replace(/[\s().+-]/g, '');
		if (!/^\d{8,15}$/.test(digits)) {
			throw new NodeOperationError(this.getNode(), `${where} → Phone Number "${phoneNumber}" is not a phone number`, {
				itemIndex,
				description: 'Enter the number with country code, e.g. +5511999999999.',
			});
		}
		button.phoneNumber = phoneNumber;
	}
	return button;
}

export const sendButtons: OperationDefinition = {
	value: 'sendButtons',
	name: 'Send Buttons',
	action: 'Send buttons message',
	description:
		'Send a message with buttons: reply, copy code, URL, call or PIX payment. Many WhatsApp clients no longer render buttons sent from Baileys (regular WhatsApp) accounts; they work best on the Cloud API.',
	route: { method: 'POST', path: '/message/sendButtons/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, options, extra } = readSendBase.call(this, itemIndex);
		const title = readString.call(this, 'title', itemIndex, { label: 'Title', required: true });
		const raw = this.getNodeParameter('buttons.button', itemIndex, []) as unknown;
		const entries = (Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : []) as IDataObject[];
		const buttons = entries.map((entry, index) => readButton.call(this, entry ?? {}, index, itemIndex));

		const fail = (message: string, description: string): never => {
			throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
		};
		if (buttons.length === 0) fail('Buttons is empty', 'Add at least one button.');
		const types = buttons.map((button) => button.type);
		if (types.includes('reply')) {
			if (types.some((type) => type !== 'reply')) {
				fail('Reply buttons cannot be mixed with other button types', 'Use only Reply buttons, or only Copy Code, URL and Call buttons.');
			}
			if (buttons.length > 3) fail(`A message can have at most 3 Reply buttons, not ${buttons.length}`, 'Remove buttons, or send a list instead.');
		}
		if (types.includes('pix') && buttons.length > 1) fail('A PIX button must be the only button', 'Send the PIX button in its own message.');
		for (const field of ['displayText', 'id'] as const) {
			const values = buttons.map((button) => button[field]).filter((value) => value !== undefined);
			const duplicate = values.find((value, index) => values.indexOf(value) !== index);
			if (duplicate !== undefined) {
				fail(
					`Two buttons have the same ${field === 'id' ? 'Button ID' : 'Display Text'} "${String(duplicate)}"`,
					'Every button needs its own label and ID.',
				);
			}
		}

		const body: IDataObject = { number, title, buttons, ...extra };
		const footer = readString.call(this, 'footer', itemIndex, { label: 'Footer' });
		if (footer) body.footer = footer;
		const description = checkString.call(this, options.description, itemIndex, { label: 'Description', trim: false });
		if (description.trim()) body.description = description;
		const thumbnailUrl = checkString.call(this, options.thumbnailUrl, itemIndex, { label: 'Thumbnail URL' });
		if (thumbnailUrl) {
			if (!/^https?:\/\/\S+$/i.test(thumbnailUrl)) {
				fail(`Thumbnail URL "${thumbnailUrl}" is not an http(s) link`, 'Enter a public image URL or leave it empty.');
			}
			body.thumbnailUrl = thumbnailUrl;
		}
		return (await context.request({ body })) as IDataObject;
	},
};
