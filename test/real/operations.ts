/**
 * Every operation of the action node, as a user would run it against a real Evolution API
 * 2.3.6 server: the parameters (the baseline of test/helpers/parameters.ts plus what a user
 * would enter differently), the instance it runs on, what it leaves for later operations (IDs),
 * and, where the server cannot carry it out here, the reviewed reason (a state refusal).
 *
 * Order matters: the table runs top to bottom on one server, so creates come before the reads,
 * updates and deletes that need their IDs, and deletes of instances come last.
 *
 * A state refusal says why the request's shape is not the cause: the server validated the body
 * and then failed on something this machine has no way to provide (a WhatsApp session, the
 * internet). A message of the server's validators is never a state refusal (support.ts
 * VALIDATOR_MESSAGE), nor is a 404 for an unknown route.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Route } from '../../nodes/EvolutionApi/actions/types';
import { GROUP, PHONE } from '../helpers/parameters';

/** The instances a user creates first, one per channel (names are fresh on the suite's own server). */
export const INSTANCES = {
	baileys: 'rt-baileys',
	cloud: 'rt-cloud',
	evolution: 'rt-evolution',
	/** Never connected: Log Out (and the defect check of Restart) on a closed instance, then deleted. */
	closed: 'rt-closed',
} as const;
export type InstanceRole = keyof typeof INSTANCES;

/** What earlier operations left behind: bot IDs, the OpenAI credential, a message ID, … */
export type Context = Record<string, string>;

/** Why the server refuses an operation here although the request is right. */
export interface StateRefusal {
	/** The node's error message (what the user sees). */
	message: RegExp;
	why: string;
}

export interface RealOperation {
	/** `resource:operation`. */
	key: string;
	/** Default: the Baileys instance. */
	instance?: InstanceRole;
	/** Merged over the baseline parameters. */
	parameters?: (context: Context) => INodeParameters;
	/** A file in the item's `data` binary property. */
	binary?: 'png' | 'ogg' | 'mp4';
	/** Stores IDs from the first output item for later operations. */
	keep?: (json: IDataObject, context: Context) => void;
}

// ── Reviewed reasons, shared by the operations they apply to ─────────────────────────────

const NO_SESSION: StateRefusal = {
	message: /^The instance "rt-baileys" is not connected to WhatsApp$/,
	why: 'the body passed validation; Baileys then needs an open WhatsApp session ("Connection Closed"), and this server has no WhatsApp account',
};

/**
 * The route's operation is defined only for a live session and fails inside Baileys before
 * talking to WhatsApp (an undefined field of the closed socket, or its app-state keys).
 */
const NO_SESSION_INTERNAL = (what: RegExp): StateRefusal => ({
	message: what,
	why: 'the body passed validation; the server then reads data that only a logged-in WhatsApp session has (the socket user, app-state keys, the group metadata)',
});

const NO_META: StateRefusal = {
	message: /^The Evolution API server could not reach Meta's WhatsApp Cloud API: /,
	why: "a Cloud API instance's call is forwarded to graph.facebook.com, which this machine cannot reach (the body passed validation)",
};

const DISABLED = (name: string): StateRefusal => ({
	message: new RegExp(`^The ${name} integration is disabled on the Evolution API server$`),
	why: `the server runs with the default ${name.toUpperCase()}_ENABLED=false (evolution.env), so it answers an empty body; the request itself is accepted`,
});

const jid = (value: string) => ({ __rl: true, mode: 'id', value });

// ── The table ────────────────────────────────────────────────────────────────────────────

interface BotSetup {
	create: (context: Context) => INodeParameters;
	settings?: (context: Context) => INodeParameters;
	/** Operations of this integration only, run before Ignore Chat (which silences the test chat). */
	extra?: RealOperation[];
}

const bot = (resource: string, setup: BotSetup): RealOperation[] => {
	const id = (context: Context) => ({ botId: jid(context[`${resource}Id`] ?? '') });
	return [
		{
			key: `${resource}:create`,
			parameters: (context) => ({ triggerType: 'keyword', triggerOperator: 'equals', triggerValue: `hi-${resource}`, ...setup.create(context) }),
			keep: (json, context) => void (context[`${resource}Id`] = String(json.id)),
		},
		{ key: `${resource}:getAll` },
		{ key: `${resource}:get`, parameters: id },
		{ key: `${resource}:update`, parameters: (context) => ({ ...id(context), updateFields: { description: 'Updated by the real suite' } }) },
		{ key: `${resource}:setSettings`, parameters: setup.settings },
		{ key: `${resource}:getSettings` },
		{ key: `${resource}:changeSessionStatus`, parameters: () => ({ remoteJid: PHONE, sessionStatus: 'paused' }) },
		{ key: `${resource}:getSessions`, parameters: id },
		...(setup.extra ?? []),
		{ key: `${resource}:ignoreChat`, parameters: () => ({ remoteJid: PHONE }) },
		{ key: `${resource}:delete`, parameters: id },
	];
};

const openAiCredential = (context: Context) => jid(context.openaiCredsId ?? '');

export const OPERATIONS: RealOperation[] = [
	// Server and instances
	{ key: 'server:getInformation' },
	{ key: 'server:getMetrics' },
	{ key: 'server:verifyCredentials' },
	{ key: 'instance:create', parameters: () => ({ newInstanceName: INSTANCES.baileys, integration: 'WHATSAPP-BAILEYS' }) },
	{ key: 'instance:connect' },
	{ key: 'instance:getConnectionState' },
	{ key: 'instance:getAll' },
	{ key: 'instance:setPresence' },

	// Messages (Baileys: no WhatsApp session here)
	{ key: 'message:sendText', parameters: () => ({ remoteJid: PHONE, text: 'Hello from the real suite' }) },
	{ key: 'message:sendAndWait', parameters: () => ({ remoteJid: PHONE, message: 'Ship order 42?' }) },
	{ key: 'message:sendMedia', binary: 'png', parameters: () => ({ remoteJid: PHONE, fileSource: 'binary', binaryPropertyName: 'data' }) },
	{ key: 'message:sendWhatsAppAudio', binary: 'ogg', parameters: () => ({ remoteJid: PHONE, fileSource: 'binary', binaryPropertyName: 'data' }) },
	{ key: 'message:sendPtv', binary: 'mp4', parameters: () => ({ remoteJid: PHONE, fileSource: 'binary', binaryPropertyName: 'data' }) },
	{ key: 'message:sendSticker', binary: 'png', parameters: () => ({ remoteJid: PHONE, fileSource: 'binary', binaryPropertyName: 'data' }) },
	{ key: 'message:sendStatus', parameters: () => ({ statusType: 'text', text: 'Open today', backgroundColor: '#008069', allContacts: true }) },
	{ key: 'message:sendLocation', parameters: () => ({ remoteJid: PHONE, latitude: -23.55, longitude: -46.63 }) },
	{ key: 'message:sendContact', parameters: () => ({ remoteJid: PHONE, contacts: { contact: [{ fullName: 'Ana', phoneNumber: '5511977776666' }] } }) },
	{ key: 'message:sendReaction', parameters: () => ({ remoteJid: PHONE, messageId: '3EB0ABCDEF', reaction: '👍' }) },
	{ key: 'message:sendPoll', parameters: () => ({ remoteJid: PHONE, pollName: 'Which day?', pollValues: { value: [{ text: 'Monday' }, { text: 'Friday' }] }, selectableCount: 1 }) },
	{ key: 'message:sendList' },
	{ key: 'message:sendButtons' },
	{ key: 'message:sendTemplate', instance: 'cloud', parameters: () => ({ remoteJid: PHONE, templateName: 'order_update', language: 'en_US' }) },

	// Chats
	{ key: 'chat:checkNumbers', parameters: () => ({ numbers: PHONE }) },
	{ key: 'chat:getAll' },
	{ key: 'chat:getContacts' },
	{ key: 'chat:getMessages' },
	{ key: 'chat:getMessageStatuses' },
	{ key: 'chat:get', parameters: () => ({ chatJid: jid(PHONE) }) },
	{ key: 'chat:archive', parameters: () => ({ chatJid: jid(PHONE), options: { messageId: '3EB0ABCDEF' } }) },
	{ key: 'chat:markUnread', parameters: () => ({ chatJid: jid(PHONE), options: { messageId: '3EB0ABCDEF' } }) },
	{ key: 'chat:markAsRead', parameters: () => ({ chatJid: jid(PHONE), messageIds: '3EB0ABCDEF' }) },
	{ key: 'chat:deleteMessage', parameters: () => ({ chatJid: jid(PHONE), messageId: '3EB0ABCDEF' }) },
	{ key: 'chat:editMessage', parameters: () => ({ chatJid: jid(PHONE), messageId: '3EB0ABCDEF', text: 'Edited' }) },
	{ key: 'chat:downloadMedia', parameters: () => ({ messageSource: 'id', messageId: '3EB0ABCDEF' }) },
	{ key: 'chat:getProfilePicture', parameters: () => ({ chatJid: jid(PHONE) }) },
	{ key: 'chat:sendPresence', parameters: () => ({ chatJid: jid(PHONE), presence: 'composing', delay: 1000 }) },
	{ key: 'chat:updateBlockStatus', parameters: () => ({ chatJid: jid(PHONE), blockStatus: 'block' }) },

	// Groups
	{ key: 'group:create', parameters: () => ({ subject: 'Real suite', participants: PHONE }) },
	{ key: 'group:getAll' },
	{ key: 'group:get', parameters: () => ({ groupJid: jid(GROUP) }) },
	{ key: 'group:getParticipants', parameters: () => ({ groupJid: jid(GROUP) }) },
	{ key: 'group:updateSubject', parameters: () => ({ groupJid: jid(GROUP), subject: 'Renamed' }) },
	{ key: 'group:updateDescription', parameters: () => ({ groupJid: jid(GROUP), groupDescription: 'About us' }) },
	{ key: 'group:updatePicture', binary: 'png', parameters: () => ({ groupJid: jid(GROUP), fileSource: 'binary', binaryPropertyName: 'data' }) },
	{ key: 'group:updateParticipants', parameters: () => ({ groupJid: jid(GROUP), participants: PHONE, participantAction: 'add' }) },
	{ key: 'group:updateSetting', parameters: () => ({ groupJid: jid(GROUP), groupSetting: 'announcement' }) },
	{ key: 'group:setDisappearingMessages', parameters: () => ({ groupJid: jid(GROUP), expiration: 86400 }) },
	{ key: 'group:getInviteCode', parameters: () => ({ groupJid: jid(GROUP) }) },
	{ key: 'group:revokeInviteCode', parameters: () => ({ groupJid: jid(GROUP) }) },
	{ key: 'group:sendInvite', parameters: () => ({ groupJid: jid(GROUP), numbers: PHONE, inviteMessage: 'Join us' }) },
	{ key: 'group:getInviteInfo', parameters: () => ({ inviteCode: 'F1EX5QZxO181L3TMVP31gY' }) },
	{ key: 'group:join', parameters: () => ({ inviteCode: 'F1EX5QZxO181L3TMVP31gY' }) },
	{ key: 'group:leave', parameters: () => ({ groupJid: jid(GROUP) }) },

	// Profile, labels, calls
	{ key: 'profile:get', parameters: () => ({ account: 'contact', remoteJid: PHONE }) },
	{ key: 'profile:getBusinessProfile', parameters: () => ({ account: 'contact', remoteJid: PHONE }) },
	{ key: 'profile:getPrivacySettings' },
	{ key: 'profile:updateName', parameters: () => ({ name: 'Real Suite' }) },
	{ key: 'profile:updateAbout', parameters: () => ({ about: 'Testing' }) },
	{ key: 'profile:updatePicture', binary: 'png', parameters: () => ({ fileSource: 'binary', binaryPropertyName: 'data' }) },
	{ key: 'profile:removePicture' },
	{ key: 'profile:updatePrivacySettings', parameters: () => ({ updateMode: 'replace', updateFields: { readreceipts: 'all', profile: 'all', status: 'contacts', online: 'all', last: 'contacts', groupadd: 'all' } }) },
	{ key: 'label:getAll' },
	{ key: 'label:handle', parameters: () => ({ labelId: jid('1'), remoteJid: PHONE, labelAction: 'add' }) },
	{ key: 'call:offer', parameters: () => ({ remoteJid: PHONE, callDuration: 5 }) },

	// Business catalog of a WhatsApp Business app account (Baileys); templates of the Cloud API (dummy token, number and business ID: Meta is out of reach)
	{ key: 'business:getCatalog', parameters: () => ({ account: 'contact', remoteJid: PHONE }) },
	{ key: 'business:getCollections', parameters: () => ({ account: 'contact', remoteJid: PHONE }) },
	{ key: 'template:create', instance: 'cloud', parameters: () => ({ templateName: 'order_update', language: 'en_US', category: 'UTILITY', components: '[{"type":"BODY","text":"Your order {{1}} is on its way"}]' }) },
	{ key: 'template:getAll', instance: 'cloud' },

	// Instance configuration
	{ key: 'instanceSetting:set', parameters: () => ({ updateMode: 'replace', rejectCall: true, msgCall: 'No calls, please', groupsIgnore: false, alwaysOnline: false, readMessages: false, readStatus: false, syncFullHistory: false }) },
	{ key: 'instanceSetting:get' },
	{ key: 'proxy:set', parameters: () => ({ updateMode: 'replace', enabled: false, proxyHost: 'proxy.example.com', proxyPort: 8080, proxyProtocol: 'http' }) },
	{ key: 'proxy:get' },
	{ key: 'event:setWebhook', parameters: () => ({ updateMode: 'replace', enabled: true, webhookUrl: 'http://127.0.0.1:9/evolution', events: ['MESSAGES_UPSERT'] }) },
	{ key: 'event:getWebhook' },
	{ key: 'event:setWebSocket', parameters: () => ({ enabled: true, events: ['MESSAGES_UPSERT'] }) },
	{ key: 'event:getWebSocket' },
	{ key: 'event:setRabbitMq', parameters: () => ({ enabled: true, events: ['MESSAGES_UPSERT'] }) },
	{ key: 'event:getRabbitMq' },
	{ key: 'event:setSqs', parameters: () => ({ enabled: true, events: ['MESSAGES_UPSERT'] }) },
	{ key: 'event:getSqs' },
	{ key: 'event:setNats', parameters: () => ({ enabled: true, events: ['MESSAGES_UPSERT'] }) },
	{ key: 'event:getNats' },
	{ key: 'event:setPusher', parameters: () => ({ updateMode: 'replace', enabled: true, pusherAppId: '12345', pusherKey: 'pk', pusherSecret: 'ps', pusherCluster: 'eu', events: ['MESSAGES_UPSERT'] }) },
	{ key: 'event:getPusher' },
	{ key: 'event:setKafka', parameters: () => ({ enabled: true, events: ['MESSAGES_UPSERT'] }) },
	{ key: 'event:getKafka' },
	{ key: 'chatwoot:set', parameters: () => ({ updateMode: 'replace', enabled: true, chatwootUrl: 'http://127.0.0.1:9', chatwootAccountId: '1', chatwootToken: 'cw-token' }) },
	{ key: 'chatwoot:get' },
	{ key: 's3:getAll' },
	{ key: 's3:getMediaUrl', parameters: () => ({ mediaId: '1' }) },

	// Chatbots of each integration
	...bot('evolutionBot', { create: () => ({ apiUrl: 'http://127.0.0.1:9/bot' }) }),
	...bot('typebot', {
		create: () => ({ url: 'http://127.0.0.1:9', typebot: 'real-suite' }),
		extra: [{ key: 'typebot:start', parameters: () => ({ remoteJid: PHONE, url: 'http://127.0.0.1:9', typebot: 'real-suite' }) }],
	}),
	{ key: 'openAi:createCredential', parameters: () => ({ credentialName: 'real-suite', apiKey: 'sk-test' }), keep: (json, context) => void (context.openaiCredsId = String(json.id)) },
	{ key: 'openAi:getAllCredentials', keep: (json, context) => void (context.openaiCredsId ??= String(json.id)) },
	{ key: 'openAi:getAllModels', parameters: (context) => ({ modelOptions: { openaiCredsId: openAiCredential(context) } }) },
	...bot('openAi', {
		create: (context) => ({ openaiCredsId: openAiCredential(context), botType: 'chatCompletion', model: 'gpt-4o-mini', maxTokens: 300 }),
		settings: (context) => ({ defaultSettings: { openaiCredsId: openAiCredential(context) } }),
	}),
	{ key: 'openAi:deleteCredential', parameters: (context) => ({ openaiCredsId: openAiCredential(context) }) },
	...bot('dify', { create: () => ({ botType: 'chatBot', apiUrl: 'http://127.0.0.1:9/v1', apiKey: 'dify-key' }) }),
	...bot('flowise', { create: () => ({ apiUrl: 'http://127.0.0.1:9/api/v1/prediction/x' }) }),
	...bot('n8nBot', { create: () => ({ webhookUrl: 'http://127.0.0.1:9/webhook/x' }) }),
	...bot('evoAi', { create: () => ({ agentUrl: 'http://127.0.0.1:9/agent' }) }),

	// Baileys internals
	{ key: 'baileys:onWhatsapp', parameters: () => ({ remoteJid: PHONE }) },
	{ key: 'baileys:profilePictureUrl', parameters: () => ({ remoteJid: PHONE }) },
	{ key: 'baileys:assertSessions', parameters: () => ({ jids: PHONE }) },
	{ key: 'baileys:createParticipantNodes', parameters: () => ({ jids: PHONE, message: '{"conversation":"hi"}' }) },
	{ key: 'baileys:getUSyncDevices', parameters: () => ({ jids: PHONE }) },
	{ key: 'baileys:generateMessageTag' },
	{ key: 'baileys:sendNode' },
	{ key: 'baileys:signalRepositoryDecryptMessage', parameters: () => ({ remoteJid: PHONE, ciphertext: 'AAAA', ciphertextType: 'msg' }) },
	{ key: 'baileys:getAuthState' },

	// Last: the instance operations that end a session or an instance
	{ key: 'instance:restart', instance: 'closed' },
	{ key: 'instance:logout', instance: 'closed' },
	{ key: 'instance:delete', instance: 'closed' },
];

/**
 * Routes that change nothing: every GET except the two that act (Connect starts a session,
 * Join accepts an invite), and POST routes that only look things up. The one definition of
 * "read-only" for `npm run test:real -- --read-only` against a user's server.
 */
export function isReadOnly(route: Route): boolean {
	const action = route.path.split('/')[2] ?? '';
	if (route.method === 'GET') return !['connect', 'acceptInviteCode'].includes(action);
	if (route.method !== 'POST') return false;
	return /^(find|fetch)/.test(action) || ['whatsappNumbers', 'getBase64FromMediaMessage', 'getMedia', 'getMediaUrl', 'getCatalog', 'getCollections', 'onWhatsapp', 'profilePictureUrl', 'verify-creds'].includes(action || route.path.slice(1));
}

/** Parameters a user sets up first: the Cloud API and Evolution channel instances, the closed one. */
export const SETUP: Array<{ step: string; parameters: INodeParameters }> = [
	{
		step: 'setup:create Cloud API instance',
		parameters: {
			resource: 'instance',
			operation: 'create',
			newInstanceName: INSTANCES.cloud,
			integration: 'WHATSAPP-BUSINESS',
			additionalFields: { token: 'meta-token', number: '123456789012345', businessId: '987654321098765' },
		},
	},
	{ step: 'setup:create Evolution channel instance', parameters: { resource: 'instance', operation: 'create', newInstanceName: INSTANCES.evolution, integration: 'EVOLUTION' } },
	{ step: 'setup:create closed instance', parameters: { resource: 'instance', operation: 'create', newInstanceName: INSTANCES.closed, integration: 'WHATSAPP-BAILEYS' } },
];

/**
 * The reviewed list: operation → the error the node raises on this server and why the request's
 * shape is not the cause. Anything not listed here that fails is a failure of the suite.
 */
export const REFUSALS: Record<string, StateRefusal> = {
	// No WhatsApp session: the server answers "Connection Closed" once the body has passed validation.
	...Object.fromEntries(
		[
			'message:sendText',
			'message:sendAndWait',
			'message:sendMedia',
			'message:sendWhatsAppAudio',
			'message:sendPtv',
			'message:sendSticker',
			'message:sendLocation',
			'message:sendContact',
			'message:sendReaction',
			'message:sendPoll',
			'message:sendList',
			'message:sendButtons',
			'chat:checkNumbers',
			'chat:markAsRead',
			'chat:sendPresence',
			'chat:updateBlockStatus',
			'group:create',
			'group:getAll',
			'group:get',
			'group:getParticipants',
			'group:updateSubject',
			'group:updateDescription',
			'group:updateParticipants',
			'group:updateSetting',
			'group:setDisappearingMessages',
			'group:getInviteCode',
			'group:revokeInviteCode',
			'group:join',
			'group:leave',
			'profile:get',
			'profile:getBusinessProfile',
			'profile:getPrivacySettings',
			'profile:updateAbout',
			'profile:updatePrivacySettings',
			'label:handle',
			'baileys:onWhatsapp',
			'baileys:profilePictureUrl',
			'baileys:assertSessions',
			'baileys:getUSyncDevices',
			'baileys:sendNode',
			'business:getCatalog',
			'business:getCollections',
		].map((key) => [key, NO_SESSION]),
	),
	// No logged-in account: Baileys reads the account's own ID, name or app-state keys, which only a login provides.
	'instance:setPresence': NO_SESSION_INTERNAL(/Cannot read properties of undefined \(reading 'name'\)/),
	'chat:archive': NO_SESSION_INTERNAL(/App state key not present/),
	'chat:markUnread': NO_SESSION_INTERNAL(/App state key not present/),
	'chat:deleteMessage': NO_SESSION_INTERNAL(/Error while deleting message for everyone; TypeError: Cannot read properties of undefined \(reading 'id'\)/),
	'group:updatePicture': NO_SESSION_INTERNAL(/Error update group picture; TypeError: Cannot read properties of undefined \(reading 'id'\)/),
	'profile:updateName': NO_SESSION_INTERNAL(/App state key not present/),
	'profile:updatePicture': NO_SESSION_INTERNAL(/Illegal no-jid profile update/),
	'profile:removePicture': NO_SESSION_INTERNAL(/Illegal no-jid profile update/),
	'baileys:createParticipantNodes': NO_SESSION_INTERNAL(/Cannot read properties of undefined \(reading 'id'\)/),
	'group:sendInvite': NO_SESSION_INTERNAL(/^Not found: No send invite$/),
	'group:getInviteInfo': NO_SESSION_INTERNAL(/^Not found: No invite info/),
	'baileys:signalRepositoryDecryptMessage': {
		message: /No session record/,
		why: 'the ciphertext is checked against a Signal session with the sender, which only exists after WhatsApp messages were exchanged',
	},

	// Nothing stored yet: a server without a session has received no chats, contacts or messages.
	'chat:get': { message: /^The server has no chat 5511988887777@s\.whatsapp\.net$/, why: 'Find Chat answers null: no chat was ever received (no session)' },
	'chat:editMessage': { message: /Message not compatible/, why: 'the server looks the message up among the stored ones to edit it; none is stored' },
	'chat:downloadMedia': { message: /Message not found/, why: 'the media message is looked up among the stored ones; none is stored' },
	'message:sendStatus': { message: /Contacts not found/, why: 'All Contacts sends to the stored contacts; none is stored (no session ever synced them)' },

	// No internet: Meta's Graph API and OpenAI are out of reach.
	'template:create': NO_META,
	'template:getAll': NO_META,
	'message:sendTemplate': {
		message: /TypeError: Cannot read properties of undefined \(reading 'message'\)/,
		why: "the Cloud API service posts to graph.facebook.com; without an answer its post() returns undefined and the service reads `.message` of it (whatsapp.business.service.ts)",
	},
	'openAi:getAllModels': { message: /^The Evolution API server failed: Error fetching models$/, why: 'the model list is fetched from api.openai.com with the stored key, which this machine cannot reach (ENOTFOUND in the server log)' },

	// Integrations switched off in the server's environment (their defaults): the server answers an empty body.
	'event:setRabbitMq': DISABLED('rabbitmq'),
	'event:getRabbitMq': DISABLED('rabbitmq'),
	'event:setSqs': DISABLED('sqs'),
	'event:getSqs': DISABLED('sqs'),
	'event:setNats': DISABLED('nats'),
	'event:getNats': DISABLED('nats'),
	'event:getPusher': DISABLED('pusher'),
	'event:setKafka': DISABLED('kafka'),
	'event:getKafka': DISABLED('kafka'),

	's3:getMediaUrl': { message: /Media not found/, why: 'no media was ever stored (no session received any); the media ID has the shape the schema asks for' },
	'openAi:deleteCredential': {
		message: /Error deleting openai creds/,
		why: "the instance's OpenAI default settings (Set Default Settings, and the first bot's create) still point at the credential; the server refuses to delete a credential in use (a foreign key) and has no route to delete settings",
	},

	// The instance is closed: Restart and Log Out need a session to act on.
	'instance:restart': {
		message: /^The instance "rt-closed" cannot be restarted: it is not connected to WhatsApp$/,
		why: 'Restart of an instance that never connected: 2.3.6 answers 200 {error: true, message: "[object Object]"} (its "not connected" message lost)',
	},
	'instance:logout': { message: /^The instance "rt-closed" is not connected to WhatsApp$/, why: 'Log Out of an instance that never connected: the server answers 400 "instance is not connected"' },
};
