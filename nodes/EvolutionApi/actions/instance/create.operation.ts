import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkOption, readCollection, readString } from '../common';
import { instanceNameProblem } from '../../../shared/instance';
import { normalizeRecipient } from '../../../shared/jid';
import type { OperationDefinition } from '../types';
import { NodeOperationError } from 'n8n-workflow';

const properties: INodeProperties[] = [
	{
		displayName: 'Instance Name',
		name: 'newInstanceName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. sales-line',
		description: 'Name of the new instance; it becomes part of every URL, so avoid "/", "?" and "#"',
	},
	{
		displayName: 'Channel',
		name: 'integration',
		type: 'options',
		options: [
			{
				name: 'WhatsApp (Baileys)',
				value: 'WHATSAPP-BAILEYS',
				description: 'A regular WhatsApp or WhatsApp Business app account, linked by QR code',
			},
			{
				name: 'WhatsApp Cloud API (Meta)',
				value: 'WHATSAPP-BUSINESS',
				description: "Meta's official API; needs a business ID and a permanent token",
			},
			{
				name: 'Evolution Channel',
				value: 'EVOLUTION',
				description: 'Generic channel fed by your own system through /webhook/evolution',
			},
		],
		default: 'WHATSAPP-BAILEYS',
		description: 'How the instance connects to WhatsApp',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Always Online',
				name: 'alwaysOnline',
				type: 'boolean',
				default: false,
				description: 'Whether the account always shows as online',
			},
			{
				displayName: 'Business ID',
				name: 'businessId',
				type: 'string',
				default: '',
				description: 'WhatsApp Business Account ID (Cloud API channel only)',
			},
			{
				displayName: 'Call Rejection Message',
				name: 'msgCall',
				type: 'string',
				default: '',
				description: 'Message sent to callers when calls are rejected',
			},
			{
				displayName: 'Generate QR Code',
				name: 'qrcode',
				type: 'boolean',
				default: false,
				description: 'Whether to start connecting right away and return a QR code to scan',
			},
			{
				displayName: 'Ignore Groups',
				name: 'groupsIgnore',
				type: 'boolean',
				default: false,
				description: 'Whether to ignore messages from groups',
			},
			{
				displayName: 'Instance Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'API key for this instance only; a random one is generated when empty. For the Cloud API channel, the Meta access token.',
			},
			{
				displayName: 'Phone Number',
				name: 'number',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5511999999999',
				description: 'Number of the WhatsApp account (Cloud API: the phone number ID; Baileys: enables a pairing code)',
			},
			{
				displayName: 'Read Messages',
				name: 'readMessages',
				type: 'boolean',
				default: false,
				description: 'Whether to mark incoming messages as read automatically',
			},
			{
				displayName: 'Read Status',
				name: 'readStatus',
				type: 'boolean',
				default: false,
				description: 'Whether to mark status updates as seen automatically',
			},
			{
				displayName: 'Reject Calls',
				name: 'rejectCall',
				type: 'boolean',
				default: false,
				description: 'Whether to reject incoming calls automatically',
			},
			{
				displayName: 'Sync Full History',
				name: 'syncFullHistory',
				type: 'boolean',
				default: false,
				description: 'Whether to import the full chat history when connecting',
			},
		],
	},
];

const BOOLEAN_SETTINGS = ['alwaysOnline', 'groupsIgnore', 'qrcode', 'readMessages', 'readStatus', 'rejectCall', 'syncFullHistory'];

export const create: OperationDefinition = {
	value: 'create',
	name: 'Create',
	action: 'Create instance',
	description:
		'Create a new instance (WhatsApp line). The output contains its token (hash): keep it secret. Needs the global API key.',
	route: { method: 'POST', path: '/instance/create' },
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const instanceName = readString.call(this, 'newInstanceName', itemIndex, { label: 'Instance Name', required: true });
		const problem = instanceNameProblem(instanceName);
		if (problem) {
			throw new NodeOperationError(this.getNode(), `Instance Name "${instanceName}" is not valid: ${problem}`, {
				itemIndex,
				description: 'Choose a name with letters, digits, "-" or "_".',
			});
		}
		const integration = checkOption.call(this, this.getNodeParameter('integration', itemIndex, 'WHATSAPP-BAILEYS'), ['WHATSAPP-BAILEYS', 'WHATSAPP-BUSINESS', 'EVOLUTION'], itemIndex, 'Channel');
		const fields = readCollection.call(this, 'additionalFields', itemIndex);
		const body: IDataObject = { instanceName, integration };
		for (const key of BOOLEAN_SETTINGS) if (fields[key] !== undefined) body[key] = fields[key] === true;
		for (const key of ['businessId', 'msgCall', 'token']) {
			if (typeof fields[key] === 'string' && (fields[key] as string).trim()) body[key] = (fields[key] as string).trim();
		}
		// The Cloud API channel needs Meta's token and phone number ID; the server refuses it without them.
		if (integration === 'WHATSAPP-BUSINESS' && (!body.token || typeof fields.number !== 'string' || !fields.number.trim())) {
			throw new NodeOperationError(this.getNode(), `The WhatsApp Cloud API channel needs ${body.token ? 'Phone Number' : 'Instance Token'}`, {
				itemIndex,
				description: 'Add Instance Token (the Meta access token) and Phone Number (the phone number ID) in Additional Fields.',
			});
		}
		if (typeof fields.number === 'string' && fields.number.trim()) {
			body.number = normalizeRecipient(this.getNode(), fields.number, { field: 'Phone Number', itemIndex, kind: 'contact' });
		}
		return (await context.request({ body })) as IDataObject;
	},
};
