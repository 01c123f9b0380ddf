import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fileInputProperties, fileNameOption, mimeTypeOption, readFileInput, type MediaKind } from '../../../shared/binaryInput';
import { checkInteger, checkString, readCollection, readString } from '../common';
import type { OperationDefinition } from '../types';
import { buildFileBody, captionOption, MAX_TEXT_LENGTH, readCaption, toContactJid } from './shared';

const MEDIA_TYPES: MediaKind[] = ['image', 'video', 'audio'];

const properties: INodeProperties[] = [
	{
		displayName: 'Status Type',
		name: 'statusType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text', description: 'Text on a coloured background' },
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
			{ name: 'Audio', value: 'audio', description: 'Converted to a voice note by the server' },
		],
		default: 'text',
		description: 'What the status (story) shows',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Text of the status',
		displayOptions: { show: { statusType: ['text'] } },
	},
	{
		displayName: 'Background Color',
		name: 'backgroundColor',
		type: 'color',
		required: true,
		default: '#008069',
		description: 'Background colour of a text status (hex, e.g. #008069)',
		displayOptions: { show: { statusType: ['text'] } },
	},
	{
		displayName: 'Font',
		name: 'font',
		type: 'options',
		options: [
			{ name: 'Bebas Neue', value: 4 },
			{ name: 'Bryndan Write', value: 3 },
			{ name: 'Norican', value: 2 },
			{ name: 'Oswald Heavy', value: 5 },
			{ name: 'Serif', value: 1 },
		],
		default: 1,
		description: 'Font of a text status',
		displayOptions: { show: { statusType: ['text'] } },
	},
	...fileInputProperties({
		noun: 'Media',
		show: { statusType: MEDIA_TYPES },
		notice:
			'A status is always sent as JSON (base64 for binary files): its viewer list cannot travel as multipart form text.',
	}),
	{
		displayName: 'All Contacts',
		name: 'allContacts',
		type: 'boolean',
		default: true,
		description: 'Whether every saved contact with a name can see the status; otherwise only the numbers in Viewers',
	},
	{
		displayName: 'Viewers',
		name: 'statusJidList',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5511999999999, 5511888888888',
		description: 'Phone numbers or contact IDs that can see the status, separated by commas',
		displayOptions: { show: { allContacts: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { statusType: MEDIA_TYPES } },
		options: [captionOption, fileNameOption, mimeTypeOption],
	},
];

export const sendStatus: OperationDefinition = {
	value: 'sendStatus',
	name: 'Send Status',
	action: 'Send status',
	description:
		'Post a WhatsApp status (story): text on a coloured background, an image, a video or an audio, visible to all contacts or to a list of numbers. Baileys only.',
	route: { method: 'POST', path: '/message/sendStatus/{instance}' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const type = this.getNodeParameter('statusType', itemIndex, 'text') as string;
		if (type !== 'text' && !MEDIA_TYPES.includes(type as MediaKind)) {
			throw new NodeOperationError(this.getNode(), `Status Type must be text, image, video or audio, not "${String(type)}"`, {
				itemIndex,
			});
		}

		const audience: IDataObject = {};
		const allContacts = this.getNodeParameter('allContacts', itemIndex, true) as unknown;
		if (allContacts === true || allContacts === 'true') {
			audience.allContacts = true;
		} else {
			const raw = this.getNodeParameter('statusJidList', itemIndex, '') as unknown;
			const entries = Array.isArray(raw)
				? raw
				: checkString.call(this, raw, itemIndex, { label: 'Viewers' }).split(/[,;\n]/).map((entry) => entry.trim()).filter(Boolean);
			if (entries.length === 0) {
				throw new NodeOperationError(this.getNode(), 'Viewers is empty', {
					itemIndex,
					description: 'Enter at least one phone number, or turn on All Contacts.',
				});
			}
			// The server passes the list to WhatsApp as is: full contact JIDs, like its All Contacts branch.
			audience.statusJidList = [...new Set(entries.map((entry) => toContactJid.call(this, entry, itemIndex, 'Viewers')))];
		}

		if (type === 'text') {
			const text = readString.call(this, 'text', itemIndex, { label: 'Text', required: true, trim: false, maxLength: MAX_TEXT_LENGTH });
			if (!text.trim()) readString.call(this, 'text', itemIndex, { label: 'Text', required: true });
			const color = readString.call(this, 'backgroundColor', itemIndex, { label: 'Background Color', required: true });
			if (!/^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(color)) {
				throw new NodeOperationError(this.getNode(), `Background Color "${color}" is not a hex colour`, {
					itemIndex,
					description: 'Use the form #RRGGBB, e.g. #008069.',
				});
			}
			const font = checkInteger.call(this, this.getNodeParameter('font', itemIndex, 1), itemIndex, { label: 'Font', min: 1, max: 5 });
			const body = { type, content: text, backgroundColor: color, font, ...audience };
			return (await context.request({ body })) as IDataObject;
		}

		const options = readCollection.call(this, 'options', itemIndex);
		const file = await readFileInput.call(this, itemIndex, {
			noun: 'Media',
			fileName: options.fileName,
			mimeType: options.mimeType,
			accept: [type as MediaKind],
		});
		const fields: IDataObject = { type, ...audience };
		const caption = readCaption.call(this, options.caption, itemIndex);
		if (caption !== undefined) fields.caption = caption;
		const body = await buildFileBody.call(this, file, fields, 'content');
		return (await context.request({ body })) as IDataObject;
	},
};
