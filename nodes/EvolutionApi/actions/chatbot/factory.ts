import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { callRoute, checkString, limitField, readCollection, readLimit, returnAllField, sortByDisplayName } from '../common';
import type { OperationContext, OperationDefinition, ResourceDefinition, Route } from '../types';
import {
	BEHAVIOUR_FIELDS,
	DESCRIPTION_FIELD,
	ENABLED_FIELD,
	SERVER_DEFAULTS,
	TRIGGER_FIELDS,
	checkRequired,
	fieldApplies,
	openAiCredentialLocator,
	readFieldValue,
	toChatJid,
	toIgnoredJid,
	toProperty,
	type BehaviourKey,
	type BotField,
} from './fields';
import { filterEntries, listRows, toOptions, toSearchResult, type ListEntry } from './lists';

/** What distinguishes one chatbot integration from another; everything else is shared. */
export interface ChatbotConfig {
	/** Resource value, e.g. `typebot`. */
	resource: string;
	/** Resource display name, e.g. `Typebot`. */
	name: string;
	/** Product name in texts, e.g. `Typebot` ("Set default Typebot settings"). */
	product: string;
	/** One bot, e.g. `Typebot bot`, with its article. */
	noun: string;
	nounPlural: string;
	article: 'a' | 'an';
	/** Route prefix as in the catalogue, e.g. `typebot` for `/typebot/create/{instance}`. */
	group: string;
	/** Path parameter naming the bot, e.g. `typebotId`. */
	idParam: string;
	/** Makes the list method names unique: `search<X>Bots`, `get<X>Bots`. */
	methodSuffix: string;
	/** The *_ENABLED variable the server needs; undefined when always on. */
	envFlag?: string;
	description: string;
	/** Integration fields of the create/update schema (required ones become top-level fields on Create). */
	botFields: BotField[];
	/** Behaviour fields the bot schema declares. */
	botBehaviour: BehaviourKey[];
	/** Behaviour fields the settings schema declares. */
	settingsBehaviour: BehaviourKey[];
	/** Settings fields beyond the behaviour ones (OpenAI: credential, speech to text). */
	settingsExtra?: BotField[];
	/** Extra words for the Create description (what the integration needs). */
	createHint: string;
	/** What the server's duplicate check compares, for its error, e.g. "API URL and API key". */
	duplicateHint?: string;
	/** Short identification of a bot row for lists, besides its description. */
	label?: (row: IDataObject) => string;
	/** Operations only this integration has; they may reuse the shared fields. */
	extraOperations?: (shared: SharedProperties) => OperationDefinition[];
	methods?: ResourceDefinition['methods'];
}

/** Property objects of a resource that its extra operations share by reference. */
export interface SharedProperties {
	/** The top-level parameter of a bot field (as on Create). */
	topLevel(key: string): INodeProperties;
	remoteJid: INodeProperties;
	returnAll: INodeProperties;
	limit: INodeProperties;
	botId: INodeProperties;
}

const chatProperty: INodeProperties = {
	displayName: 'Chat',
	name: 'remoteJid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5511999999999',
	description:
		'Phone number with country code, or a WhatsApp ID (…@s.whatsapp.net, a group …@g.us). To act on the chat of a trigger event, map its chatJid field.',
};

/** The rows of a list answer, cut to the Limit read before the request (undefined = all). */
export function limitBotRows(body: unknown, limit: number | undefined): IDataObject[] {
	const rows = (Array.isArray(body) ? body : body ? [body] : []) as IDataObject[];
	return rows.slice(0, limit);
}

/** Reads a resource-locator parameter holding an ID. */
export function readLocatorId(this: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = checkString.call(this, raw, itemIndex, { label, required: true, maxLength: 256 });
	if (id === '.' || id === '..') {
		throw new NodeOperationError(this.getNode(), `${label} "${id}" is not a valid ID`, {
			itemIndex,
			description: 'Pick it from the list, or enter the ID shown by the Get Many operation.',
		});
	}
	return id;
}

/**
 * Runs `call` and, when it fails with a server error whose text matches one of `advice`,
 * replaces the error's description with that advice. The message (with the server's text) stays.
 */
export async function withAdvice<T>(
	this: IExecuteFunctions,
	itemIndex: number,
	advice: Array<[RegExp, string]>,
	call: () => Promise<T>,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (!(error instanceof NodeApiError)) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		const match = advice.find(([pattern]) => pattern.test(error.message));
		if (match) error.description = match[1];
		error.context.itemIndex = itemIndex;
		throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
	}
}

/** Advice for the plain 500 errors of the chatbot controllers, in terms of this node's fields. */
function botAdvice(config: ChatbotConfig): Array<[RegExp, string]> {
	return [
		[
			/Creds not found|credentials not found/i,
			'The OpenAI Credential does not exist on this instance. Pick it from the list (Get Many Credentials lists them) or create it with Create Credential.',
		],
		[
			/Trigger already exists/i,
			`Another ${config.noun} on this instance already uses this trigger (same Trigger Operator and Trigger Value, or the same Advanced conditions). Change the trigger, or update or delete the other bot (Get Many lists them).`,
		],
		[
			/with an "All" trigger/i,
			`Only one enabled ${config.noun} per instance may use the All Messages trigger. Disable that bot or choose another Trigger Type.`,
		],
		[/Trigger (operator|value)/i, 'Keyword triggers need a Trigger Operator and a Trigger Value; Advanced triggers need a Trigger Value.'],
		[
			/already exists/i,
			`A ${config.noun} with the same ${config.duplicateHint ?? 'settings'} already exists on this instance. Update that bot instead (Get Many lists them).`,
		],
		[
			/Error updating/i,
			`The bot was not found on this instance, its trigger conflicts with another ${config.noun} (same keyword, or a second All Messages bot)${config.resource === 'openAi' ? ', or its OpenAI Credential does not exist' : ''}. Check the Bot and the trigger fields.`,
		],
		[/Error deleting .*bot|not found/i, `No ${config.noun} with this ID exists on this instance. Pick the bot from the list.`],
		[
			/Settings not found|Error setting default settings/i,
			`The default ${config.product} settings of this instance could not be read or written. For Add or Remove Ignored Chat they must exist: run Set Default Settings first.`,
		],
	];
}

async function guarded<T>(this: IExecuteFunctions, config: ChatbotConfig, itemIndex: number, call: () => Promise<T>): Promise<T> {
	return (await withAdvice.call(this, itemIndex, botAdvice(config), call)) as T;
}

function triggerSummary(row: IDataObject): string {
	switch (row.triggerType) {
		case 'all':
			return 'all messages';
		case 'keyword':
			return `${String(row.triggerOperator ?? '')} "${String(row.triggerValue ?? '')}"`;
		case 'advanced':
			return `advanced "${String(row.triggerValue ?? '')}"`;
		case 'none':
			return 'no trigger';
		default:
			return '';
	}
}

/** Builds the ten operations, fields and list methods of one chatbot integration. */
export function createChatbotResource(config: ChatbotConfig): ResourceDefinition {
	const { group, idParam, noun, nounPlural, product, article } = config;
	const routes = {
		create: { method: 'POST', path: `/${group}/create/{instance}` },
		find: { method: 'GET', path: `/${group}/find/{instance}` },
		fetch: { method: 'GET', path: `/${group}/fetch/{${idParam}}/{instance}` },
		update: { method: 'PUT', path: `/${group}/update/{${idParam}}/{instance}` },
		delete: { method: 'DELETE', path: `/${group}/delete/{${idParam}}/{instance}` },
		settings: { method: 'POST', path: `/${group}/settings/{instance}` },
		fetchSettings: { method: 'GET', path: `/${group}/fetchSettings/{instance}` },
		changeStatus: { method: 'POST', path: `/${group}/changeStatus/{instance}` },
		fetchSessions: { method: 'GET', path: `/${group}/fetchSessions/{${idParam}}/{instance}` },
		ignoreJid: { method: 'POST', path: `/${group}/ignoreJid/{instance}` },
	} satisfies Record<string, Route>;
	const searchMethod = `search${config.methodSuffix}Bots`;
	const loadMethod = `get${config.methodSuffix}Bots`;
	const flagNote = config.envFlag ? `Needs ${config.envFlag}=true on the server.` : '';

	// ---- fields ------------------------------------------------------------------------
	const botBehaviour = config.botBehaviour.map((key) => BEHAVIOUR_FIELDS[key]);
	const settingsFields = [...(config.settingsExtra ?? []), ...config.settingsBehaviour.map((key) => BEHAVIOUR_FIELDS[key])];
	const [triggerTypeField, triggerOperatorField, triggerValueField] = TRIGGER_FIELDS;
	/** Every field of the bot object, in the order they are read. */
	const allBotFields: BotField[] = [ENABLED_FIELD, DESCRIPTION_FIELD, ...config.botFields, ...TRIGGER_FIELDS, ...botBehaviour];
	const requiredBotFields = config.botFields.filter((field) => field.required);
	const optionalBotFields = config.botFields.filter((field) => !field.required);

	const collectionEntries = new Map<BotField, INodeProperties>();
	const entry = (field: BotField): INodeProperties => {
		let property = collectionEntries.get(field);
		if (!property) {
			property = toProperty(field);
			collectionEntries.set(field, property);
		}
		return property;
	};

	const topLevel = new Map<string, INodeProperties>();
	for (const field of requiredBotFields) {
		const property =
			field.kind === 'openAiCredential' ? openAiCredentialLocator(field) : toProperty(field, { required: true });
		// resource/operation first: n8n shows a field as soon as a condition's value is an expression,
		// so a condition on botType alone would show it on every resource while botType is an expression.
		if (field.showWhen) property.displayOptions = { show: { resource: [config.resource], operation: ['create'], ...field.showWhen } };
		topLevel.set(field.key, property);
	}
	const triggerTypeProperty: INodeProperties = { ...toProperty(triggerTypeField), required: true };
	const triggerOperatorProperty: INodeProperties = {
		...toProperty(triggerOperatorField),
		required: true,
		displayOptions: { show: { resource: [config.resource], operation: ['create'], triggerType: ['keyword'] } },
	};
	const triggerValueProperty: INodeProperties = {
		...toProperty(triggerValueField),
		required: true,
		displayOptions: { show: { resource: [config.resource], operation: ['create'], triggerType: ['keyword', 'advanced'] } },
	};

	const botIdProperty: INodeProperties = {
		displayName: 'Bot',
		name: 'botId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: `The ${noun} to use`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a bot...',
				typeOptions: { searchListMethod: searchMethod, searchable: true },
			},
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. clyja4z1g0003mz0h4a1b2c3d' },
		],
	};

	const additionalFields: INodeProperties = {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortByDisplayName([ENABLED_FIELD, DESCRIPTION_FIELD, ...optionalBotFields, ...botBehaviour].map(entry)),
	};
	const updateFields: INodeProperties = {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortByDisplayName(allBotFields.map(entry)),
	};

	const fallbackProperty: INodeProperties = {
		displayName: 'Fallback Bot Name or ID',
		name: 'fallbackId',
		type: 'options',
		typeOptions: { loadOptionsMethod: loadMethod },
		default: '',
		description:
			'Bot that answers when no trigger matches; leave empty for none. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
	const updateModeProperty: INodeProperties = {
		displayName: 'Update Mode',
		name: 'updateMode',
		type: 'options',
		options: [
			{
				name: 'Change Only the Given Settings',
				value: 'merge',
				description: 'Read the current settings and change only the fields set below',
			},
			{
				name: 'Replace All Settings',
				value: 'replace',
				description: "Fields not set below get the server's defaults and the fallback bot is removed",
			},
		],
		default: 'merge',
		description: 'The server replaces all settings at once; choose what happens to the fields not set below',
	};
	const settingsCollection: INodeProperties = {
		displayName: 'Default Settings',
		name: 'defaultSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		options: sortByDisplayName([...settingsFields.map(entry), fallbackProperty]),
	};
	const sessionStatusProperty: INodeProperties = {
		displayName: 'Status',
		name: 'sessionStatus',
		type: 'options',
		options: [
			{ name: 'Open', value: 'opened', description: 'Let the bot answer in this chat again' },
			{ name: 'Pause', value: 'paused', description: 'Stop the bot answering in this chat until it is opened again' },
			{
				name: 'Close',
				value: 'closed',
				description:
					'End the session. Unless Keep Finished Sessions is on, this deletes the sessions of this chat on every instance and for every bot type.',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete the sessions of this chat on every instance and for every bot type on the server',
			},
		],
		default: 'paused',
		description: 'New status of the bot session in the chat',
	};
	const ignoreActionProperty: INodeProperties = {
		displayName: 'Action',
		name: 'ignoreAction',
		type: 'options',
		options: [
			{ name: 'Add', value: 'add', description: `${product} bots stop answering this chat` },
			{ name: 'Remove', value: 'remove', description: `${product} bots answer this chat again` },
		],
		default: 'add',
		description: 'Whether to add the chat to the ignored chats or remove it',
	};
	const ignoredChatProperty: INodeProperties = {
		...chatProperty,
		description:
			'Phone number with country code or WhatsApp ID of the chat; "@g.us" stands for every group and "@s.whatsapp.net" for every contact',
	};

	// ---- readers -----------------------------------------------------------------------
	function readTopLevel(this: IExecuteFunctions, field: BotField, itemIndex: number): unknown {
		const raw =
			field.kind === 'openAiCredential'
				? this.getNodeParameter(field.key, itemIndex, '', { extractValue: true })
				: this.getNodeParameter(field.key, itemIndex, field.default ?? '');
		return readFieldValue.call(this, { ...field, required: true }, raw, itemIndex);
	}

	/** Reads the given entries of a collection whose fields are `fields`. */
	function readGiven(this: IExecuteFunctions, fields: BotField[], values: IDataObject, itemIndex: number): IDataObject {
		const out: IDataObject = {};
		for (const field of fields) {
			if (values[field.key] === undefined) continue;
			out[field.key] = readFieldValue.call(this, field, values[field.key], itemIndex) as IDataObject[keyof IDataObject];
		}
		return out;
	}

	async function fetchBot(this: IExecuteFunctions, context: OperationContext, botId: string): Promise<IDataObject> {
		const row = await guarded.call(this, config, context.itemIndex, async () =>
			await callRoute.call(this, routes.fetch, context.itemIndex, context.instance, { pathParams: { [idParam]: botId } }),
		);
		if (!row || typeof row !== 'object' || Array.isArray(row)) {
			throw new NodeOperationError(this.getNode(), `No ${noun} with ID "${botId}" exists on instance "${context.instance}"`, {
				itemIndex: context.itemIndex,
				description: 'Pick the bot from the list, or check the ID (Get Many lists the bots of the instance).',
			});
		}
		return row as IDataObject;
	}

	// ---- operations --------------------------------------------------------------------
	const create: OperationDefinition = {
		value: 'create',
		name: 'Create',
		action: `Create ${noun}`,
		description: [
			`Create ${article} ${noun} that answers WhatsApp chats matching its trigger.`,
			config.createHint,
			`Behaviour fields left out take the default ${product} settings of the instance.`,
			flagNote,
		].join(' ').trim(),
		route: routes.create,
		properties: [...requiredBotFields.map((field) => topLevel.get(field.key)!), triggerTypeProperty, triggerOperatorProperty, triggerValueProperty, additionalFields],
		async execute(context) {
			const { itemIndex } = context;
			const extra = readCollection.call(this, 'additionalFields', itemIndex);
			const body: IDataObject = { enabled: true };
			for (const field of requiredBotFields) {
				if (!fieldApplies(field, body)) continue;
				body[field.key] = readTopLevel.call(this, field, itemIndex) as IDataObject[keyof IDataObject];
			}
			body.triggerType = readFieldValue.call(this, triggerTypeField, this.getNodeParameter('triggerType', itemIndex, 'keyword'), itemIndex) as string;
			if (body.triggerType === 'keyword') {
				body.triggerOperator = readFieldValue.call(this, triggerOperatorField, this.getNodeParameter('triggerOperator', itemIndex, 'equals'), itemIndex) as string;
			}
			if (body.triggerType === 'keyword' || body.triggerType === 'advanced') {
				body.triggerValue = readFieldValue.call(this, triggerValueField, this.getNodeParameter('triggerValue', itemIndex, ''), itemIndex) as string;
			}
			Object.assign(body, readGiven.call(this, [ENABLED_FIELD, DESCRIPTION_FIELD, ...optionalBotFields, ...botBehaviour], extra, itemIndex));
			checkRequired.call(this, allBotFields, body, itemIndex, 'Set it on the node.');
			return (await guarded.call(this, config, itemIndex, async () => await context.request({ body }))) as IDataObject;
		},
	};

	const getAll: OperationDefinition = {
		value: 'getAll',
		name: 'Get Many',
		action: `Get many ${nounPlural}`,
		description: [`List many ${nounPlural} of the instance, with their triggers and settings.`, flagNote].join(' ').trim(),
		route: routes.find,
		idempotent: true,
		properties: [returnAllField, limitField],
		async execute(context) {
			const limit = readLimit.call(this, context.itemIndex);
			const body = await context.request();
			return limitBotRows(body, limit);
		},
	};

	const get: OperationDefinition = {
		value: 'get',
		name: 'Get',
		action: `Get ${noun}`,
		description: `Get one ${noun} by its ID, with its trigger and settings`,
		route: routes.fetch,
		idempotent: true,
		properties: [botIdProperty],
		async execute(context) {
			const botId = readLocatorId.call(this, 'botId', context.itemIndex, 'Bot');
			return await fetchBot.call(this, context, botId);
		},
	};

	const update: OperationDefinition = {
		value: 'update',
		name: 'Update',
		action: `Update ${noun}`,
		description: `Change fields of ${article} ${noun}. The server replaces the whole bot, so the node reads it first and keeps the fields not set.`,
		route: routes.update,
		properties: [botIdProperty, updateFields],
		async execute(context) {
			const { itemIndex } = context;
			const botId = readLocatorId.call(this, 'botId', itemIndex, 'Bot');
			const changes = readGiven.call(this, allBotFields, readCollection.call(this, 'updateFields', itemIndex), itemIndex);
			if (Object.keys(changes).length === 0) {
				throw new NodeOperationError(this.getNode(), 'Update Fields is empty', {
					itemIndex,
					description: 'Add at least one field to change with Add Field.',
				});
			}
			const current = await fetchBot.call(this, context, botId);
			const body: IDataObject = {};
			for (const field of allBotFields) {
				const value = current[field.key];
				if (value !== undefined && value !== null) body[field.key] = value;
			}
			Object.assign(body, changes);
			checkRequired.call(this, allBotFields, body, itemIndex, 'The bot has no value for it: set it in Update Fields.');
			return (await guarded.call(this, config, itemIndex, async () =>
				await context.request({ pathParams: { [idParam]: botId }, body }),
			)) as IDataObject;
		},
	};

	const deleteBot: OperationDefinition = {
		value: 'delete',
		name: 'Delete',
		action: `Delete ${noun}`,
		description: `Delete ${article} ${noun} and its sessions`,
		route: routes.delete,
		properties: [botIdProperty],
		async execute(context) {
			const botId = readLocatorId.call(this, 'botId', context.itemIndex, 'Bot');
			return (await guarded.call(this, config, context.itemIndex, async () =>
				await context.request({ pathParams: { [idParam]: botId } }),
			)) as IDataObject;
		},
	};

	const settingsKeys = settingsFields.map((field) => field.key);
	const setSettings: OperationDefinition = {
		value: 'setSettings',
		name: 'Set Default Settings',
		action: `Set default ${product} settings`,
		description: `Set how ${product} bots behave on the instance by default: session expiry, finish keyword, delays, ignored chats and the fallback bot that answers when no trigger matches. The server replaces all settings at once; by default the node reads the current ones and changes only the fields given.`,
		route: routes.settings,
		properties: [updateModeProperty, settingsCollection],
		async execute(context) {
			const { itemIndex } = context;
			const mode = checkString.call(this, this.getNodeParameter('updateMode', itemIndex, 'merge'), itemIndex, { label: 'Update Mode' });
			if (mode !== 'merge' && mode !== 'replace') {
				throw new NodeOperationError(this.getNode(), `Update Mode "${mode}" is not valid`, {
					itemIndex,
					description: 'Use merge or replace.',
				});
			}
			const given = readCollection.call(this, 'defaultSettings', itemIndex);
			const changes = readGiven.call(this, settingsFields, given, itemIndex);

			const body: IDataObject = {};
			if (mode === 'merge') {
				const current = (await guarded.call(this, config, itemIndex, async () =>
					await callRoute.call(this, routes.fetchSettings, itemIndex, context.instance),
				)) as IDataObject | null;
				for (const key of settingsKeys) {
					const value = current?.[key];
					if (value !== undefined && value !== null) body[key] = value;
				}
				// Always send fallbackId (as replace mode does): with only its own keys in the body the server
				// refuses an empty Unknown Message or Keyword to Finish ("cannot be empty").
				body.fallbackId = typeof current?.fallbackId === 'string' && current.fallbackId ? current.fallbackId : null;
			}
			for (const key of config.settingsBehaviour) {
				if (body[key] === undefined) body[key] = SERVER_DEFAULTS[key] as IDataObject[keyof IDataObject];
			}
			for (const field of config.settingsExtra ?? []) {
				if (body[field.key] === undefined && field.default !== undefined && field.kind === 'boolean') body[field.key] = field.default;
			}
			Object.assign(body, changes);
			if (given.fallbackId !== undefined) {
				const fallback = checkString.call(this, readFallback(given.fallbackId), itemIndex, { label: 'Fallback Bot' });
				// The server stores fallbackId (not the *IdFallback field of its schema); null removes it.
				body.fallbackId = fallback || null;
			} else if (mode === 'replace') {
				body.fallbackId = null;
			}
			checkRequired.call(this, settingsFields, body, itemIndex, 'Set it in Default Settings.');
			if (body.openaiCredsId !== undefined && body.fallbackId !== undefined) {
				// OpenAI on 2.3.6 writes fallbackId as a plain column next to the credential's relation
				// (which its schema requires), a mix its database layer refuses: any fallbackId, even
				// null, ends in 500 "Error setting default settings". Without the key the rest is saved.
				if (given.fallbackId !== undefined && typeof body.fallbackId === 'string' && body.fallbackId !== '') {
					throw new NodeOperationError(this.getNode(), 'Evolution API 2.3.6 cannot store a fallback bot for OpenAI', {
						itemIndex,
						description:
							'Its OpenAI settings route fails (500 "Error setting default settings") whenever a fallback bot is sent with the credential it requires. Remove Fallback Bot from Default Settings; the other settings are saved without it.',
					});
				}
				delete body.fallbackId;
			}
			return (await guarded.call(this, config, itemIndex, async () => await context.request({ body }))) as IDataObject;
		},
	};

	const getSettings: OperationDefinition = {
		value: 'getSettings',
		name: 'Get Default Settings',
		action: `Get default ${product} settings`,
		description: `Get the default ${product} settings of the instance, including the fallback bot (the server's defaults when none were set)`,
		route: routes.fetchSettings,
		idempotent: true,
		properties: [],
		async execute(context) {
			return (await context.request()) as IDataObject;
		},
	};

	const changeSessionStatus: OperationDefinition = {
		value: 'changeSessionStatus',
		name: 'Change Session Status',
		action: `Change ${product} session status`,
		description: `Open, pause, close or delete the ${product} bot session of a chat. CAUTION: Close and Delete remove the sessions of that chat on EVERY instance and for EVERY bot type on the server (the server does not filter them), not only ${product} on this instance.`,
		route: routes.changeStatus,
		properties: [chatProperty, sessionStatusProperty],
		async execute(context) {
			const { itemIndex } = context;
			const remoteJid = toChatJid.call(this, this.getNodeParameter('remoteJid', itemIndex, ''), itemIndex, 'Chat');
			const status = checkString.call(this, this.getNodeParameter('sessionStatus', itemIndex, ''), itemIndex, {
				label: 'Status',
				required: true,
			});
			if (!['opened', 'paused', 'closed', 'delete'].includes(status)) {
				throw new NodeOperationError(this.getNode(), `Status "${status}" is not valid`, {
					itemIndex,
					description: 'Use opened, paused, closed or delete.',
				});
			}
			return (await guarded.call(this, config, itemIndex, async () =>
				await context.request({ body: { remoteJid, status } }),
			)) as IDataObject;
		},
	};

	const getSessions: OperationDefinition = {
		value: 'getSessions',
		name: 'Get Many Sessions',
		action: `Get many ${product} sessions`,
		description: `List many sessions (chats the bot is talking to, with their status) of ${article} ${noun}`,
		route: routes.fetchSessions,
		idempotent: true,
		properties: [botIdProperty, returnAllField, limitField],
		async execute(context) {
			const botId = readLocatorId.call(this, 'botId', context.itemIndex, 'Bot');
			const limit = readLimit.call(this, context.itemIndex);
			const body = await guarded.call(this, config, context.itemIndex, async () =>
				await context.request({ pathParams: { [idParam]: botId } }),
			);
			return limitBotRows(body, limit);
		},
	};

	const ignoreChat: OperationDefinition = {
		value: 'ignoreChat',
		name: 'Add or Remove Ignored Chat',
		action: `Add or remove chat ignored by ${product}`,
		description: `Add a chat to, or remove it from, the chats ${product} bots never answer on this instance (the Ignored Chats of the default settings, which must exist: run Set Default Settings first)`,
		route: routes.ignoreJid,
		properties: [ignoreActionProperty, ignoredChatProperty],
		async execute(context) {
			const { itemIndex } = context;
			const action = checkString.call(this, this.getNodeParameter('ignoreAction', itemIndex, 'add'), itemIndex, {
				label: 'Action',
				required: true,
			});
			if (action !== 'add' && action !== 'remove') {
				throw new NodeOperationError(this.getNode(), `Action "${action}" is not valid`, {
					itemIndex,
					description: 'Use add or remove.',
				});
			}
			const remoteJid = toIgnoredJid.call(this, this.getNodeParameter('remoteJid', itemIndex, ''), itemIndex, 'Chat');
			return (await guarded.call(this, config, itemIndex, async () =>
				await context.request({ body: { remoteJid, action } }),
			)) as IDataObject;
		},
	};

	// ---- lists -------------------------------------------------------------------------
	async function botEntries(this: ILoadOptionsFunctions): Promise<ListEntry[]> {
		const rows = await listRows.call(this, routes.find.path);
		return rows.map((row) => {
			const title = String(row.description || config.label?.(row) || row.id || '');
			const details = [triggerSummary(row), row.enabled === false ? 'disabled' : ''].filter(Boolean).join(', ');
			return { name: details ? `${title} (${details})` : title, value: String(row.id ?? '') };
		});
	}

	const shared: SharedProperties = {
		topLevel: (key) => {
			const property = topLevel.get(key);
			if (!property) throw new Error(`${config.resource}: no top-level field "${key}"`);
			return property;
		},
		remoteJid: chatProperty,
		returnAll: returnAllField,
		limit: limitField,
		botId: botIdProperty,
	};

	return {
		value: config.resource,
		name: config.name,
		description: config.description,
		defaultOperation: 'create',
		operations: [
			create,
			getAll,
			get,
			update,
			deleteBot,
			setSettings,
			getSettings,
			changeSessionStatus,
			getSessions,
			ignoreChat,
			...(config.extraOperations?.(shared) ?? []),
		],
		methods: {
			listSearch: {
				[searchMethod]: async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
					return toSearchResult(filterEntries(await botEntries.call(this), filter));
				},
				...config.methods?.listSearch,
			},
			loadOptions: {
				[loadMethod]: async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
					return toOptions(filterEntries(await botEntries.call(this)));
				},
				...config.methods?.loadOptions,
			},
		},
	};
}

/** A fallback picked from a list or typed as an ID, possibly wrapped as a resource locator value. */
function readFallback(raw: unknown): unknown {
	if (raw && typeof raw === 'object' && !Array.isArray(raw) && '__rl' in raw) return (raw as IDataObject).value;
	return raw ?? '';
}
