import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RESPONSE_PARAM, SEND_AND_WAIT, type LinkResponse } from '../../../shared/sendAndWait';
import { formFieldProperties, toFormFields } from '../../sendAndWait/form';
import { readCollection, readString, sortByDisplayName } from '../common';
import type { OperationDefinition } from '../types';
import { MAX_TEXT_LENGTH, readSendBase, recipientField, sendOption } from './shared';

const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description: 'Whether to limit the time this node should wait for a user response before execution resumes',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					description: 'Sets the condition for the execution to resume. Can be a specified date or after some time.',
					options: [
						{ name: 'After Time Interval', description: 'Waits for a certain amount of time', value: 'afterTimeInterval' },
						{ name: 'At Specified Time', description: 'Waits until the set date and time to continue', value: 'atSpecifiedTime' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'The time to wait',
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					default: 'hours',
					description: 'Unit of the interval value',
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
					default: '',
					description: 'Continue execution after the specified date and time',
				},
			],
		},
	],
};

const attributionOption: INodeProperties = {
	displayName: 'Append Attribution',
	name: 'appendAttribution',
	type: 'boolean',
	default: true,
	description: 'Whether to end the message with the line "Sent automatically with n8n"',
};

const chatReplyHintOption: INodeProperties = {
	displayName: 'Mention Chat Replies',
	name: 'chatReplyHint',
	type: 'boolean',
	default: true,
	description:
		'Whether the message tells the person they can also answer by replying in the chat (yes/no, or their text). Chat replies resume the workflow when an Evolution API Trigger of this instance is active with Messages Upsert.',
};

const delayOption = sendOption('delay');

const properties: INodeProperties[] = [
	{ ...recipientField, description: `${recipientField.description} In a group, the first answer counts.` },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'The question. WhatsApp formatting works: *bold*, _italic_. The answer links are added below it.',
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'The person approves (or declines) with a link, or by replying yes / no in the chat',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'The person answers with a form, or by replying in the chat',
			},
			{
				name: 'Custom Form',
				value: 'customForm',
				description: 'The person fills in a form you define (link only, not by chat reply)',
			},
		],
	},
	...formFieldProperties,
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Disapprove', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: 'Approve',
						description: 'Shown above the approve link; a reply with this text also approves',
					},
					{
						displayName: 'Disapprove Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: 'Decline',
						description: 'Shown above the decline link; a reply with this text also declines',
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: sortByDisplayName([limitWaitTimeOption, attributionOption, chatReplyHintOption, delayOption]),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['freeText', 'customForm'] } },
		options: sortByDisplayName([
			{
				displayName: 'Message Button Label',
				name: 'messageButtonLabel',
				type: 'string',
				default: 'Respond',
				description: 'Shown above the form link',
			},
			{
				displayName: 'Response Form Title',
				name: 'responseFormTitle',
				description: 'Title of the form that the user can access to provide their response',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Response Form Description',
				name: 'responseFormDescription',
				description: 'Description of the form that the user can access to provide their response (default: the message)',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Response Form Button Label',
				name: 'responseFormButtonLabel',
				type: 'string',
				default: 'Submit',
				description: 'Label of the form\'s submit button',
			},
			limitWaitTimeOption,
			attributionOption,
			chatReplyHintOption,
			delayOption,
		]),
	},
];

interface Link {
	label: string;
	url: string;
}

/** The request as it reads on a phone: the question, then each label in words with its link on its own line. */
export function requestText(options: {
	message: string;
	links: Link[];
	hint?: string;
	attribution: boolean;
}): string {
	const parts = [options.message.trim()];
	if (options.hint) parts.push(options.hint);
	for (const link of options.links) parts.push(`*${link.label}*\n${link.url}`);
	if (options.attribution) parts.push('_Sent automatically with n8n_');
	return parts.join('\n\n');
}

function signedLink(context: IExecuteFunctions, response: LinkResponse, approved: boolean): string {
	return context.getSignedResumeUrl({ approved: String(approved), [RESPONSE_PARAM]: response });
}

function cleanLabel(value: unknown, fallback: string): string {
	const label = typeof value === 'string' ? value.replace(/[*\n]/g, ' ').trim() : '';
	return label || fallback;
}

/** Builds the request text (with links signed for this execution and node) for item 0. */
export function buildRequest(this: IExecuteFunctions, itemIndex: number): string {
	const raw = readString.call(this, 'message', itemIndex, { label: 'Message', required: true, trim: false, maxLength: MAX_TEXT_LENGTH });
	if (!raw.trim()) readString.call(this, 'message', itemIndex, { label: 'Message', required: true });
	const message = raw.replace(/\\n/g, '\n');
	const responseType = this.getNodeParameter('responseType', itemIndex, 'approval') as string;
	const options = readCollection.call(this, 'options', itemIndex);
	const attribution = options.appendAttribution !== false;
	const mentionChat = options.chatReplyHint !== false;

	if (responseType === 'approval') {
		const approval = this.getNodeParameter('approvalOptions.values', itemIndex, {}) as IDataObject;
		const approveLabel = cleanLabel(approval.approveLabel, 'Approve');
		const links: Link[] = [{ label: approveLabel, url: signedLink(this, 'approval', true) }];
		let hint = `Reply *yes* to ${approveLabel.toLowerCase()}, or open the link:`;
		if (approval.approvalType === 'double') {
			const declineLabel = cleanLabel(approval.disapproveLabel, 'Decline');
			links.push({ label: declineLabel, url: signedLink(this, 'approval', false) });
			hint = `Reply *1* or *yes* to ${approveLabel.toLowerCase()}, *2* or *no* to ${declineLabel.toLowerCase()}, or open a link:`;
		}
		return requestText({ message, links, hint: mentionChat ? hint : undefined, attribution });
	}
	const label = cleanLabel(options.messageButtonLabel, 'Respond');
	if (responseType === 'freeText') {
		const links = [{ label, url: signedLink(this, 'text', true) }];
		const hint = mentionChat ? 'Reply to this message with your answer, or open the link:' : undefined;
		return requestText({ message, links, hint, attribution });
	}
	// The form is built when its link is opened: refuse one that cannot be built before sending.
	const defineForm = this.getNodeParameter('defineForm', itemIndex, 'fields') as string;
	toFormFields(
		this.getNode(),
		defineForm === 'json'
			? this.getNodeParameter('jsonOutput', itemIndex, '[]')
			: this.getNodeParameter('formFields.values', itemIndex, []),
	);
	return requestText({ message, links: [{ label, url: signedLink(this, 'form', true) }], attribution });
}

export const sendAndWait: OperationDefinition = {
	value: SEND_AND_WAIT,
	name: 'Send and Wait for Response',
	action: 'Send message and wait for response',
	description:
		'Send a message with answer links and wait until the person answers by link or chat reply (runs once, for the first item)',
	route: { method: 'POST', path: '/message/sendText/{instance}' },
	sharesRouteWith: 'sendText',
	properties,
	async execute(context) {
		const { itemIndex } = context;
		const { number, extra } = readSendBase.call(this, itemIndex);
		const text = buildRequest.call(this, itemIndex);
		// No link preview: a preview fetch must never open an approval link.
		const body: IDataObject = { number, text, linkPreview: false, ...extra };
		return (await context.request({ body })) as IDataObject;
	},
};
