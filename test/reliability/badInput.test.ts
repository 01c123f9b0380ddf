/**
 * Bad input, across resources: every case is either normalised where the meaning is
 * unambiguous (the normalised value is what reached the server), or refused with a
 * NodeOperationError that names the field (its display name) and the item, before anything
 * is sent for that item. Never a TypeError.
 *
 * Cases with several input items put the bad value in item 1 or 2 (through an expression on
 * $json), so the item number is really checked: the earlier, valid items are sent (the router
 * works item by item), nothing is sent for the failing item or after it.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { operationIndex } from '../../nodes/EvolutionApi/actions';
import type { FakeEvolution, RecordedRequest } from '../fake';
import { toBinaryData } from '../harness';
import { INSTANCE, instanceParam, runAction, startFake } from '../helpers/evolution';
import { allProblems } from './helpers';

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64',
);
const GROUP = '120363025246125486@g.us';
const PHONE = '5511988887777';

/** Input items whose `json.v` differ; the bad one is at `bad`. */
function itemsWith(values: unknown[]): INodeExecutionData[] {
	return values.map((v) => ({ json: { v } as IDataObject }));
}

function withBinary(property: string, content: Buffer | string, mimeType: string, fileName?: string): INodeExecutionData {
	return { json: {}, binary: { [property]: toBinaryData(content, { mimeType, fileName }) } };
}

type Refused = {
	/** The field's display name as the message must show it (checked against the definition when `param` is set). */
	field: string;
	/** Internal name of a top-level parameter: its display name must be `field`. */
	param?: string;
	/** More of the message, when it matters. */
	message?: RegExp;
	/** Index of the failing item (default 0). */
	item?: number;
};

type Normalised = {
	/** Checks what reached the server. */
	sent: (requests: RecordedRequest[]) => void;
};

interface Case {
	label: string;
	resource: string;
	operation: string;
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	expect: Refused | Normalised;
}

const cases: Case[] = [
	// ── Phone numbers and WhatsApp IDs ───────────────────────────────────────────────────────
	{
		label: 'letters as the recipient of a poll (item 1)',
		resource: 'message',
		operation: 'sendPoll',
		parameters: { remoteJid: '={{ $json.v }}', pollName: 'Q', pollValues: { value: [{ text: 'a' }, { text: 'b' }] }, selectableCount: 1 },
		items: itemsWith([PHONE, 'call me maybe']),
		expect: { field: 'Recipient', param: 'remoteJid', message: /not a valid phone number/, item: 1 },
	},
	{
		label: 'a too-short number for a location',
		resource: 'message',
		operation: 'sendLocation',
		parameters: { remoteJid: '12 34', latitude: 1, longitude: 1 },
		expect: { field: 'Recipient', param: 'remoteJid', message: /has 4 digits/ },
	},
	{
		label: 'a 16-digit number for a reaction',
		resource: 'message',
		operation: 'sendReaction',
		parameters: { remoteJid: '1234567890123456', messageId: 'ABC', reaction: '👍' },
		expect: { field: 'Chat', param: 'remoteJid', message: /16 digits/ },
	},
	{
		label: '"+55 (11) 9 8888-7777" for a poll is sent as digits',
		resource: 'message',
		operation: 'sendPoll',
		parameters: { remoteJid: '+55 (11) 9 8888-7777', pollName: 'Q', pollValues: { value: [{ text: 'a' }, { text: 'b' }] }, selectableCount: 1 },
		expect: { sent: ([request]) => expect(request.body).toMatchObject({ number: PHONE }) },
	},
	{
		label: 'a number given as a number by an expression, for a contact card',
		resource: 'message',
		operation: 'sendContact',
		parameters: { remoteJid: `={{ ${PHONE} }}`, contacts: { contact: [{ fullName: 'Ana', phoneNumber: '+55 11 98888-7777' }] } },
		expect: { sent: ([request]) => expect(request.body).toMatchObject({ number: PHONE }) },
	},
	{
		label: 'a group ID where a call needs a contact',
		resource: 'call',
		operation: 'offer',
		parameters: { remoteJid: GROUP, callDuration: 5 },
		expect: { field: 'Recipient', param: 'remoteJid', message: /is a group ID .* but a contact is needed/ },
	},
	{
		label: 'a group ID for Block Status (item 2)',
		resource: 'chat',
		operation: 'updateBlockStatus',
		parameters: { chatJid: { __rl: true, mode: 'id', value: '={{ $json.v }}' }, blockStatus: 'block' },
		items: itemsWith([PHONE, '5511977776666@s.whatsapp.net', GROUP]),
		expect: { field: 'Contact', param: 'chatJid', message: /group ID/, item: 2 },
	},
	{
		label: 'a contact ID where a group is expected',
		resource: 'group',
		operation: 'updateSubject',
		parameters: { groupJid: { __rl: true, mode: 'id', value: `={{ "${PHONE}@s.whatsapp.net" }}` }, subject: 'New' },
		expect: { field: 'Group', param: 'groupJid', message: /is not a group ID/ },
	},
	{
		label: 'a malformed WhatsApp ID for Mark Unread',
		resource: 'chat',
		operation: 'markUnread',
		parameters: { chatJid: { __rl: true, mode: 'id', value: 'someone@example.com' } },
		expect: { field: 'Chat', param: 'chatJid', message: /is not a valid WhatsApp ID/ },
	},
	{
		label: 'a group among the participants of a new group',
		resource: 'group',
		operation: 'create',
		parameters: { subject: 'Team', participants: `${PHONE}, ${GROUP}` },
		expect: { field: 'Participants', param: 'participants', message: /group ID/ },
	},
	{
		label: 'participants in every notation are normalised',
		resource: 'group',
		operation: 'updateParticipants',
		parameters: { groupJid: { __rl: true, mode: 'id', value: GROUP }, participantAction: 'add', participants: '+55 (11) 9 8888-7777;\n5511977776666@s.whatsapp.net' },
		expect: {
			sent: ([request]) =>
				expect((request.body as IDataObject).participants).toEqual(expect.arrayContaining([expect.stringMatching(/^5511988887777/), expect.stringMatching(/^5511977776666/)])),
		},
	},
	{
		label: 'letters among the numbers to check',
		resource: 'chat',
		operation: 'checkNumbers',
		parameters: { numbers: `${PHONE}, not-a-number` },
		expect: { field: 'Phone Numbers', param: 'numbers', message: /not-a-number/ },
	},
	{
		label: 'a group ID as the phone number of a new instance',
		resource: 'instance',
		operation: 'create',
		parameters: { newInstanceName: 'fresh', additionalFields: { number: GROUP } },
		expect: { field: 'Phone Number', message: /group ID/ },
	},
	{
		label: 'letters as the chat of a label',
		resource: 'label',
		operation: 'handle',
		parameters: { labelId: { __rl: true, mode: 'id', value: '1' }, remoteJid: 'abc', labelAction: 'add' },
		expect: { field: 'Chat', message: /not a valid phone number/ },
	},
	{
		label: 'an invalid contact for a bot session (item 1)',
		resource: 'evolutionBot',
		operation: 'changeSessionStatus',
		parameters: { remoteJid: '={{ $json.v }}', sessionStatus: 'closed' },
		items: itemsWith([PHONE, '55 11 ABCD-EFGH']),
		expect: { field: 'Chat', param: 'remoteJid', message: /not a valid phone number/, item: 1 },
	},
	{
		label: 'a contact card whose phone number has letters',
		resource: 'message',
		operation: 'sendContact',
		parameters: { remoteJid: PHONE, contacts: { contact: [{ fullName: 'Ana', phoneNumber: 'ask reception' }] } },
		expect: { field: 'Contacts → Contact 1 → Phone Number' },
	},

	// ── Instance names ───────────────────────────────────────────────────────────────────────
	{
		label: 'an instance name with "/"',
		resource: 'message',
		operation: 'sendText',
		parameters: { instanceName: instanceParam('inst/../other'), remoteJid: PHONE, text: 'x' },
		expect: { field: 'instance name', message: /cannot contain "\/"/ },
	},
	{
		label: 'the instance name ".." (item 1)',
		resource: 'chat',
		operation: 'getAll',
		parameters: { instanceName: instanceParam('={{ $json.v }}') },
		items: itemsWith([INSTANCE, '..']),
		expect: { field: 'instance name', message: /cannot be "\." or "\.\."/, item: 1 },
	},
	{
		label: 'an instance name with "?"',
		resource: 'group',
		operation: 'getAll',
		parameters: { instanceName: instanceParam('inst?instanceName=other') },
		expect: { field: 'instance name', message: /"\?"/ },
	},
	{
		label: 'an instance name with "#"',
		resource: 'instance',
		operation: 'logout',
		parameters: { instanceName: instanceParam('inst#x') },
		expect: { field: 'instance name', message: /"#"/ },
	},
	{
		label: 'an instance name with a control character',
		resource: 'profile',
		operation: 'getPrivacySettings',
		parameters: { instanceName: instanceParam('={{ "in\\nst" }}') },
		expect: { field: 'instance name', message: /control characters/ },
	},
	{
		label: 'an empty instance without a Default Instance',
		resource: 'instance',
		operation: 'getConnectionState',
		parameters: { instanceName: instanceParam('={{ "" }}') },
		expect: { field: 'instance', message: /No instance selected/ },
	},
	{
		label: 'an object as the instance',
		resource: 'proxy',
		operation: 'get',
		parameters: { instanceName: instanceParam('={{ { name: "inst" } }}') },
		expect: { field: 'Instance', message: /must be a name, not an object/ },
	},
	{
		label: 'a new instance named ".."',
		resource: 'instance',
		operation: 'create',
		parameters: { newInstanceName: '..' },
		expect: { field: 'Instance Name', param: 'newInstanceName' },
	},
	{
		label: 'a new instance named "a/b" (item 1)',
		resource: 'instance',
		operation: 'create',
		parameters: { newInstanceName: '={{ $json.v }}' },
		items: itemsWith(['fresh-one', 'a/b']),
		expect: { field: 'Instance Name', param: 'newInstanceName', item: 1 },
	},

	// ── Texts ────────────────────────────────────────────────────────────────────────────────
	{
		label: 'a 70,000-character message edit',
		resource: 'chat',
		operation: 'editMessage',
		parameters: { chatJid: { __rl: true, mode: 'id', value: PHONE }, messageId: 'ABC', text: 'x'.repeat(70000) },
		expect: { field: 'Text', param: 'text', message: /too long \(70000 characters/ },
	},
	{
		label: 'a 70,000-character caption (item 1)',
		resource: 'message',
		operation: 'sendMedia',
		parameters: { remoteJid: PHONE, fileSource: 'url', fileUrl: 'https://example.com/a.png', options: { caption: '={{ $json.v }}' } },
		items: itemsWith(['short', 'y'.repeat(70000)]),
		expect: { field: 'Caption', message: /too long/, item: 1 },
	},
	{
		label: 'a whitespace-only group description',
		resource: 'group',
		operation: 'updateDescription',
		parameters: { groupJid: { __rl: true, mode: 'id', value: GROUP }, groupDescription: '   ' },
		expect: { field: 'Description', message: /is empty/ },
	},

	// ── Files: base64, binary properties, MIME types ────────────────────────────────────────
	{
		label: 'invalid base64 for a media message',
		resource: 'message',
		operation: 'sendMedia',
		parameters: { remoteJid: PHONE, fileSource: 'base64', fileBase64: 'this is not base64!' },
		expect: { field: 'Base64 Content', message: /not valid base64/ },
	},
	{
		label: 'a data: URL with a corrupt payload for a profile picture (item 1)',
		resource: 'profile',
		operation: 'updatePicture',
		parameters: { fileSource: 'base64', fileBase64: '={{ $json.v }}' },
		items: itemsWith([`data:image/png;base64,${PNG.toString('base64')}`, 'data:image/png;base64,@@@@']),
		expect: { field: 'Base64 Content', message: /not valid base64/, item: 1 },
	},
	{
		label: 'a missing binary property (item 1)',
		resource: 'message',
		operation: 'sendMedia',
		parameters: { remoteJid: PHONE, fileSource: 'binary', binaryPropertyName: 'data' },
		items: [withBinary('data', PNG, 'image/png', 'a.png'), { json: {} }],
		expect: { field: 'Input Data Field Name', message: /item 1 has no binary field "data"/, item: 1 },
	},
	{
		label: 'an empty binary property',
		resource: 'message',
		operation: 'sendWhatsAppAudio',
		parameters: { remoteJid: PHONE, fileSource: 'binary', binaryPropertyName: 'data' },
		items: [withBinary('data', Buffer.alloc(0), 'audio/ogg', 'voice.ogg')],
		expect: { field: 'field "data"', message: /is empty \(0 bytes\)/ },
	},
	{
		label: 'an empty Input Data Field Name through an expression',
		resource: 'group',
		operation: 'updatePicture',
		parameters: { groupJid: { __rl: true, mode: 'id', value: GROUP }, fileSource: 'binary', binaryPropertyName: '={{ "" }}' },
		items: [withBinary('data', PNG, 'image/png', 'a.png')],
		expect: { field: 'Input Data Field Name' },
	},
	{
		label: 'a PDF as a sticker',
		resource: 'message',
		operation: 'sendSticker',
		parameters: { remoteJid: PHONE, fileSource: 'binary', binaryPropertyName: 'data' },
		items: [withBinary('data', '%PDF-1.4 fake', 'application/pdf', 'doc.pdf')],
		expect: { field: 'field "data"', message: /application\/pdf, but this operation needs/ },
	},
	{
		label: 'a text MIME type for a voice note',
		resource: 'message',
		operation: 'sendWhatsAppAudio',
		parameters: { remoteJid: PHONE, fileSource: 'url', fileUrl: 'https://example.com/voice', options: { mimeType: 'text/plain' } },
		expect: { field: 'https://example.com/voice', message: /text\/plain, but this operation needs/ },
	},
	{
		label: 'a malformed MIME type override',
		resource: 'message',
		operation: 'sendMedia',
		parameters: { remoteJid: PHONE, fileSource: 'url', fileUrl: 'https://example.com/a.png', options: { mimeType: 'picture' } },
		expect: { field: 'MIME Type', message: /not a valid MIME type/ },
	},
	{
		label: 'a document link as a video note',
		resource: 'message',
		operation: 'sendPtv',
		parameters: { remoteJid: PHONE, fileSource: 'url', fileUrl: 'https://example.com/files/report.pdf' },
		expect: { field: 'https://example.com/files/report.pdf', message: /needs a video/ },
	},
	{
		label: 'a file URL that is not http(s)',
		resource: 'message',
		operation: 'sendMedia',
		parameters: { remoteJid: PHONE, fileSource: 'url', fileUrl: 'file:///etc/passwd' },
		expect: { field: 'File URL', message: /not a valid http\(s\) URL/ },
	},

	// ── Numbers given as strings, numbers out of range ──────────────────────────────────────
	{
		label: 'coordinates given as strings by expressions are sent as numbers',
		resource: 'message',
		operation: 'sendLocation',
		parameters: { remoteJid: PHONE, latitude: '={{ "-23.5613" }}', longitude: '={{ "-46,6565" }}' },
		expect: { sent: ([request]) => expect(request.body).toMatchObject({ latitude: -23.5613, longitude: -46.6565 }) },
	},
	{
		label: 'a selectable count given as a string is sent as a number',
		resource: 'message',
		operation: 'sendPoll',
		parameters: { remoteJid: PHONE, pollName: 'Q', pollValues: { value: [{ text: 'a' }, { text: 'b' }] }, selectableCount: '={{ "2" }}' },
		expect: { sent: ([request]) => expect(request.body).toMatchObject({ selectableCount: 2 }) },
	},
	{
		label: 'a latitude of 91 (item 1)',
		resource: 'message',
		operation: 'sendLocation',
		parameters: { remoteJid: PHONE, latitude: '={{ $json.v }}', longitude: 10 },
		items: itemsWith([45, 91]),
		expect: { field: 'Latitude', param: 'latitude', message: /between -90 and 90, but got 91/, item: 1 },
	},
	{
		label: 'a longitude of -180.5',
		resource: 'message',
		operation: 'sendLocation',
		parameters: { remoteJid: PHONE, latitude: 0, longitude: -180.5 },
		expect: { field: 'Longitude', param: 'longitude', message: /between -180 and 180/ },
	},
	{
		label: 'a latitude in words',
		resource: 'message',
		operation: 'sendLocation',
		parameters: { remoteJid: PHONE, latitude: '={{ "north" }}', longitude: 0 },
		expect: { field: 'Latitude', param: 'latitude', message: /must be a number/ },
	},
	{
		label: 'a call duration in words',
		resource: 'call',
		operation: 'offer',
		parameters: { remoteJid: PHONE, callDuration: '={{ "long" }}' },
		expect: { field: 'Call Duration (Seconds)', param: 'callDuration', message: /whole number/ },
	},
	{
		label: 'a negative presence duration',
		resource: 'chat',
		operation: 'sendPresence',
		parameters: { chatJid: { __rl: true, mode: 'id', value: PHONE }, presence: 'composing', delay: -1 },
		expect: { field: 'Duration (Ms)', param: 'delay' },
	},
	{
		label: 'a proxy port of 70000',
		resource: 'proxy',
		operation: 'set',
		parameters: { updateMode: 'replace', enabled: true, proxyHost: 'proxy.example.com', proxyPort: 70000, proxyProtocol: 'http' },
		expect: { field: 'Port', message: /between 1 and 65535/ },
	},

	// ── Objects where text is expected ──────────────────────────────────────────────────────
	{
		label: 'an object as the title of a list',
		resource: 'message',
		operation: 'sendList',
		parameters: {
			remoteJid: PHONE,
			title: '={{ { text: "Menu" } }}',
			buttonText: 'Open',
			sections: { section: [{ title: 'S', rows: { row: [{ title: 'R', rowId: 'r1' }] } }] },
		},
		expect: { field: 'Title', param: 'title', message: /must be text, but the expression gave an object/ },
	},
	{
		label: 'a list as a group subject (item 1)',
		resource: 'group',
		operation: 'updateSubject',
		parameters: { groupJid: { __rl: true, mode: 'id', value: GROUP }, subject: '={{ $json.v }}' },
		items: itemsWith(['Team', ['Team', 'B']]),
		expect: { field: 'Subject', param: 'subject', message: /a list/, item: 1 },
	},
	{
		label: 'an object as a reaction',
		resource: 'message',
		operation: 'sendReaction',
		parameters: { remoteJid: PHONE, messageId: 'ABC', reaction: '={{ { emoji: "👍" } }}' },
		expect: { field: 'Reaction', param: 'reaction', message: /must be text/ },
	},
	{
		label: 'an object as the recipient',
		resource: 'message',
		operation: 'sendText',
		parameters: { remoteJid: '={{ { number: 5511988887777 } }}', text: 'x' },
		expect: { field: 'Recipient', param: 'remoteJid', message: /must be text, not object/ },
	},

	// ── Polls, lists, buttons ────────────────────────────────────────────────────────────────
	{
		label: 'a poll without answers',
		resource: 'message',
		operation: 'sendPoll',
		parameters: { remoteJid: PHONE, pollName: 'Q', pollValues: '={{ {} }}', selectableCount: 1 },
		expect: { field: 'Answers', message: /2 to 10 answers, but has 0/ },
	},
	{
		label: 'a poll with one answer',
		resource: 'message',
		operation: 'sendPoll',
		parameters: { remoteJid: PHONE, pollName: 'Q', pollValues: { value: [{ text: 'only' }] }, selectableCount: 1 },
		expect: { field: 'Answers', message: /has 1/ },
	},
	{
		label: 'a poll with a duplicate answer (item 1)',
		resource: 'message',
		operation: 'sendPoll',
		parameters: { remoteJid: PHONE, pollName: 'Q', pollValues: { value: [{ text: 'yes' }, { text: '={{ $json.v }}' }] }, selectableCount: 1 },
		items: itemsWith(['no', 'yes']),
		expect: { field: 'Answers', message: /"yes" twice/, item: 1 },
	},
	{
		label: 'a poll whose selectable count exceeds its answers',
		resource: 'message',
		operation: 'sendPoll',
		parameters: { remoteJid: PHONE, pollName: 'Q', pollValues: { value: [{ text: 'a' }, { text: 'b' }] }, selectableCount: 5 },
		expect: { field: 'Selectable Answers', param: 'selectableCount', message: /between 0 and 2/ },
	},
	{
		label: 'a list without sections',
		resource: 'message',
		operation: 'sendList',
		parameters: { remoteJid: PHONE, title: 'Menu', buttonText: 'Open', sections: '={{ {} }}' },
		expect: { field: 'Sections', param: 'sections', message: /empty/ },
	},
	{
		label: 'a list section without rows',
		resource: 'message',
		operation: 'sendList',
		parameters: { remoteJid: PHONE, title: 'Menu', buttonText: 'Open', sections: { section: [{ title: 'S', rows: {} }] } },
		expect: { field: 'Section', message: /has no rows/ },
	},
	{
		label: 'a list with a duplicate row ID',
		resource: 'message',
		operation: 'sendList',
		parameters: {
			remoteJid: PHONE,
			title: 'Menu',
			buttonText: 'Open',
			sections: { section: [{ title: 'S', rows: { row: [{ title: 'A', rowId: 'r1' }, { title: 'B', rowId: 'r1' }] } }] },
		},
		expect: { field: 'Row ID', message: /used twice/ },
	},
	{
		label: 'buttons without a button',
		resource: 'message',
		operation: 'sendButtons',
		parameters: { remoteJid: PHONE, title: 'Pick', buttons: '={{ {} }}' },
		expect: { field: 'Buttons', param: 'buttons' },
	},
	{
		label: 'a contact card list that is empty',
		resource: 'message',
		operation: 'sendContact',
		parameters: { remoteJid: PHONE, contacts: '={{ {} }}' },
		expect: { field: 'Contacts', param: 'contacts', message: /empty/ },
	},

	// ── JSON fields and choices given by expressions ─────────────────────────────────────────
	{
		label: 'template components that are not JSON',
		resource: 'template',
		operation: 'create',
		parameters: { templateName: 'order_update', category: 'UTILITY', language: 'en_US', components: '[{"type": "BODY", ' },
		expect: { field: 'Components', param: 'components', message: /not valid JSON/ },
	},
	{
		label: 'a Baileys stanza that is not JSON (item 1)',
		resource: 'baileys',
		operation: 'sendNode',
		parameters: { stanza: '={{ $json.v }}' },
		items: itemsWith(['{"tag":"iq","attrs":{}}', '{tag: iq}']),
		expect: { field: 'Stanza (JSON)', param: 'stanza', item: 1 },
	},
	{
		label: 'an unknown group action from an expression',
		resource: 'group',
		operation: 'updateParticipants',
		parameters: { groupJid: { __rl: true, mode: 'id', value: GROUP }, participantAction: '={{ "kick" }}', participants: PHONE },
		expect: { field: 'Action', message: /"kick" is not supported/ },
	},
	{
		label: 'an unsupported disappearing-message time from an expression',
		resource: 'group',
		operation: 'setDisappearingMessages',
		parameters: { groupJid: { __rl: true, mode: 'id', value: GROUP }, expiration: '={{ 12345 }}' },
		expect: { field: 'Expiration', param: 'expiration' },
	},
	{
		label: 'an unknown instance presence from an expression',
		resource: 'instance',
		operation: 'setPresence',
		parameters: { presence: '={{ "sleeping" }}' },
		expect: { field: 'Presence', param: 'presence' },
	},
	{
		label: 'an unknown channel for a new instance from an expression (item 1)',
		resource: 'instance',
		operation: 'create',
		parameters: { newInstanceName: '={{ "line-" + $itemIndex }}', integration: '={{ $json.v }}' },
		items: itemsWith(['WHATSAPP-BAILEYS', 'TELEGRAM']),
		expect: { field: 'Channel', param: 'integration', message: /"TELEGRAM" is not supported/, item: 1 },
	},
	{
		label: 'a proxy host with a path',
		resource: 'proxy',
		operation: 'set',
		parameters: { updateMode: 'replace', enabled: true, proxyHost: 'proxy.example.com/x', proxyPort: 8080, proxyProtocol: 'http' },
		expect: { field: 'Host', message: /not a plain host name/ },
	},
	{
		label: 'an invalid group invite code',
		resource: 'group',
		operation: 'getInviteInfo',
		parameters: { inviteCode: 'https://example.com/not-whatsapp' },
		expect: { field: 'Invite Code', param: 'inviteCode' },
	},
];

/** Cases known to fail because of a bug in the node; each names the bug (see the report). */
const KNOWN_BUGS: Record<string, string> = {};

function displayNameOf(resource: string, operation: string, param: string): string | undefined {
	return operationIndex.get(`${resource}:${operation}`)?.properties.find((property) => property.name === param)?.displayName;
}

describe('bad input is refused before sending, or normalised', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake();
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.resetState());

	it('has at least 40 cases over many resources and operations', () => {
		expect(cases.length).toBeGreaterThanOrEqual(40);
		expect(new Set(cases.map((entry) => entry.resource)).size).toBeGreaterThanOrEqual(10);
		expect(new Set(cases.map((entry) => `${entry.resource}:${entry.operation}`)).size).toBeGreaterThanOrEqual(30);
		expect(cases.filter((entry) => 'field' in entry.expect && (entry.expect.item ?? 0) >= 1).length).toBeGreaterThanOrEqual(8);
		for (const entry of cases) expect(operationIndex.has(`${entry.resource}:${entry.operation}`)).toBe(true);
	});

	for (const entry of cases) {
		const test = KNOWN_BUGS[entry.label] ? it.failing : it;
		test(`${entry.resource} → ${entry.operation}: ${entry.label}`, async () => {
			const result = await runAction(fake, {
				parameters: { resource: entry.resource, operation: entry.operation, ...entry.parameters },
				items: entry.items,
			});
			if ('sent' in entry.expect) {
				expect(result.error).toBeUndefined();
				expect(fake.requests.length).toBeGreaterThan(0);
				expect(allProblems(fake)).toEqual([]);
				entry.expect.sent(fake.requests);
				return;
			}
			const { field, param, message, item = 0 } = entry.expect;
			if (param) expect(displayNameOf(entry.resource, entry.operation, param)).toBe(field);
			expect(result.error).toBeDefined();
			expect(result.error!.name).toBe('NodeOperationError');
			expect(result.error!.message).not.toMatch(/Cannot read|undefined|TypeError|is not a function/);
			if (field === 'instance') expect(result.error!.message.toLowerCase()).toContain(field);
			else expect(result.error!.message).toContain(field);
			if (message) expect(result.error!.message).toMatch(message);
			expect(result.error!.context?.itemIndex).toBe(item);
			// Nothing was sent for the failing item: only the earlier (valid) items reached the server.
			expect(fake.requests).toHaveLength(item);
			expect(allProblems(fake)).toEqual([]);
		});
	}
});
