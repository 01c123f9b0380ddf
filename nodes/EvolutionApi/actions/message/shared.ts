import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fileInputToBlob, fileInputToMedia, type FileInput } from '../../../shared/binaryInput';
import { normalizeRecipient } from '../../../shared/jid';
import { checkInteger, checkString, readCollection, readRecipient } from '../common';

/** WhatsApp refuses longer texts; checked here so the user learns it before sending. */
export const MAX_TEXT_LENGTH = 65536;

export const recipientField: INodeProperties = {
	displayName: 'Recipient',
	name: 'remoteJid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5511999999999',
	description:
		'Phone number with country code, or a WhatsApp ID (…@s.whatsapp.net, a group …@g.us). To reply to a trigger event, map the chatJid field of the trigger output.',
};

/** Options every send operation understands: delay, reply, mentions. */
export const sendOptionFields: INodeProperties[] = [
	{
		displayName: 'Delay (Ms)',
		name: 'delay',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Milliseconds to show "typing…" before the message is sent',
	},
	{
		displayName: 'Mention Everyone',
		name: 'mentionsEveryOne',
		type: 'boolean',
		default: false,
		description: 'Whether to mention every participant (groups only)',
	},
	{
		displayName: 'Mentioned Numbers',
		name: 'mentioned',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5511999999999, 5511888888888',
		description: 'Phone numbers to mention, separated by commas (groups only)',
	},
	{
		displayName: 'Reply To',
		name: 'quoted',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Quoted Message',
		description: 'The message this one replies to',
		options: [
			{
				displayName: 'Quoted Message',
				name: 'message',
				values: [
					{
						displayName: 'Message ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. 3EB0C767D26A1D2E5A8B',
						description: 'ID of the message to reply to (the messageId field of a trigger event)',
					},
					{
						displayName: 'Chat',
						name: 'remoteJid',
						type: 'string',
						default: '',
						placeholder: 'e.g. 5511999999999@s.whatsapp.net',
						description: 'Chat of the quoted message; defaults to the recipient',
					},
					{
						displayName: 'Sent by Me',
						name: 'fromMe',
						type: 'boolean',
						default: false,
						description: 'Whether the quoted message was sent by this instance',
					},
					{
						displayName: 'Quoted Text',
						name: 'text',
						type: 'string',
						default: '',
						description: 'Text of the quoted message, shown in the reply preview',
					},
				],
			},
		],
	},
];

/** Reads the shared send options and returns the body fields the server expects for them. */
export function readSendOptions(this: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (options.delay !== undefined && options.delay !== '' && options.delay !== 0) {
		body.delay = checkInteger.call(this, options.delay, itemIndex, { label: 'Delay (Ms)', min: 0, max: 600000 });
	}
	if (options.mentionsEveryOne === true) {
		// The schema names it everyOne, but the send code reads mentionsEveryOne.
		body.mentionsEveryOne = true;
	}
	if (typeof options.mentioned === 'string' && options.mentioned.trim()) {
		const numbers = options.mentioned
			.split(/[,;\n]/)
			.map((entry) => entry.trim())
			.filter(Boolean)
			.map((entry) =>
				normalizeRecipient(this.getNode(), entry, { field: 'Mentioned Numbers', itemIndex, kind: 'contact' }).split('@')[0],
			);
		body.mentioned = [...new Set(numbers)];
	} else if (options.mentioned !== undefined && options.mentioned !== '' && typeof options.mentioned !== 'string') {
		throw new NodeOperationError(this.getNode(), 'Mentioned Numbers must be text with numbers separated by commas', {
			itemIndex,
		});
	}
	const quoted = (options.quoted as IDataObject | undefined)?.message as IDataObject | undefined;
	if (quoted && String(quoted.id ?? '').trim()) {
		const key: IDataObject = { id: String(quoted.id).trim() };
		if (String(quoted.remoteJid ?? '').trim()) {
			key.remoteJid = normalizeRecipient(this.getNode(), quoted.remoteJid, { field: 'Reply To → Chat', itemIndex });
			if (!String(key.remoteJid).includes('@')) key.remoteJid = `${key.remoteJid}@s.whatsapp.net`;
		}
		key.fromMe = quoted.fromMe === true;
		body.quoted = { key, message: { conversation: String(quoted.text ?? '') } };
	}
	return body;
}

/** Recipient plus the shared options, for the send operations. */
export function readSendBase(this: IExecuteFunctions, itemIndex: number): { number: string; options: IDataObject; extra: IDataObject } {
	const number = readRecipient.call(this, 'remoteJid', itemIndex, { label: 'Recipient' });
	const options = readCollection.call(this, 'options', itemIndex);
	return { number, options, extra: readSendOptions.call(this, itemIndex, options) };
}

/** How the file-sending operations choose between multipart and JSON (shown in their File Source). */
export const MULTIPART_NOTICE =
	'A binary or base64 file is uploaded as multipart/form-data when every other field is text; when Delay, Reply To, mentions or another non-text option is set it is sent base64-encoded in JSON instead, because the server reads form fields only as text.';

/** The shared option with `name`, e.g. only Delay and Reply To for routes without mentions. */
export function sendOption(name: 'delay' | 'mentionsEveryOne' | 'mentioned' | 'quoted'): INodeProperties {
	const option = sendOptionFields.find((field) => field.name === name);
	if (!option) throw new Error(`Unknown send option ${name}`);
	return option;
}

export const captionOption: INodeProperties = {
	displayName: 'Caption',
	name: 'caption',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: 'Text shown under the media. WhatsApp formatting works: *bold*, _italic_, ~strikethrough~.',
};

/** Reads an optional caption/text from a collection, refusing what WhatsApp would refuse. */
export function readCaption(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	label = 'Caption',
): string | undefined {
	const text = checkString.call(this, value, itemIndex, { label, trim: false, maxLength: MAX_TEXT_LENGTH });
	return text.trim() ? text : undefined;
}

/**
 * The body of a file-sending route: for a URL the JSON body carries it in `mediaField` (the
 * server downloads it); for bytes, a multipart form with a `file` part when every other field
 * is a string (the server validates form fields as strings), otherwise JSON with the raw base64.
 */
export async function buildFileBody(
	this: IExecuteFunctions,
	file: FileInput,
	fields: IDataObject,
	mediaField: string,
): Promise<IDataObject | FormData> {
	if (file.kind === 'url') return { ...fields, [mediaField]: file.url };
	const textOnly = Object.values(fields).every((value) => typeof value === 'string');
	if (!textOnly) return { ...fields, [mediaField]: await fileInputToMedia.call(this, file) };
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value as string);
	form.append('file', await fileInputToBlob.call(this, file));
	return form;
}

/** Phone number or contact JID → full contact JID (status viewers, reaction keys). */
export function toContactJid(this: IExecuteFunctions, value: unknown, itemIndex: number, label: string): string {
	const normalized = normalizeRecipient(this.getNode(), value, { field: label, itemIndex });
	return normalized.includes('@') ? normalized : `${normalized}@s.whatsapp.net`;
}

/** Shown where users pick buttons or lists: WhatsApp renders them only in some clients. */
export const interactiveNotice: INodeProperties = {
	displayName:
		'Many WhatsApp clients no longer show buttons and lists sent from regular (Baileys) accounts; the WhatsApp Cloud API channel renders them reliably. Test with your recipients before relying on them.',
	name: 'interactiveNotice',
	type: 'notice',
	default: '',
};
