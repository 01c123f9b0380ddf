/**
 * Contract tests of the seven chatbot integrations (Evolution Bot, Typebot, OpenAI, Dify,
 * Flowise, n8n, EvoAI): the ten routes every integration shares, table-driven over the
 * integrations, against the Evolution API 2.3.6 fake.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { resources } from '../../nodes/EvolutionApi/actions';
import type { EnabledIntegrations, FakeEvolution, RecordedRequest } from '../fake';
import { INSTANCE, runAction, startFake } from '../helpers/evolution';

type BotKind = 'evolutionBot' | 'typebot' | 'openai' | 'dify' | 'flowise' | 'n8n' | 'evoai';

interface BotCase {
	resource: string;
	/** Catalogue group = route prefix = the fake's bot kind. */
	group: BotKind;
	idParam: string;
	flag?: keyof EnabledIntegrations;
	variable?: string;
	/** The name in the server's "<Name> is disabled" answer. */
	serverName?: string;
	/** How the node names the integration in its message. */
	displayName?: string;
	/** Top-level Create parameters and the body fields they must produce. */
	createParameters: INodeParameters;
	createBody: IDataObject;
	/** Integration columns of a stored bot row. */
	row: IDataObject;
	/** Settings-schema fields the node sends (besides fallbackId). */
	settingsKeys: string[];
	/** Column the server stores fallbackId in. */
	fallbackColumn: string;
}

const ALL_BEHAVIOUR = [
	'expire',
	'keywordFinish',
	'delayMessage',
	'unknownMessage',
	'listeningFromMe',
	'stopBotFromMe',
	'keepOpen',
	'debounceTime',
	'ignoreJids',
	'splitMessages',
	'timePerChar',
];
const NINE = ALL_BEHAVIOUR.slice(0, 9);

const BOTS: BotCase[] = [
	{
		resource: 'evolutionBot',
		group: 'evolutionBot',
		idParam: 'evolutionBotId',
		createParameters: { apiUrl: 'https://bot.example.com/v1' },
		createBody: { apiUrl: 'https://bot.example.com/v1' },
		row: { apiUrl: 'https://bot.example.com/v1', apiKey: null },
		settingsKeys: ALL_BEHAVIOUR,
		fallbackColumn: 'botIdFallback',
	},
	{
		resource: 'typebot',
		group: 'typebot',
		idParam: 'typebotId',
		flag: 'typebot',
		variable: 'TYPEBOT_ENABLED',
		serverName: 'Typebot',
		createParameters: { url: 'https://typebot.example.com', typebot: 'my-flow' },
		createBody: { url: 'https://typebot.example.com', typebot: 'my-flow' },
		row: { url: 'https://typebot.example.com', typebot: 'my-flow' },
		settingsKeys: NINE,
		fallbackColumn: 'typebotIdFallback',
	},
	{
		resource: 'openAi',
		group: 'openai',
		idParam: 'openaiBotId',
		flag: 'openai',
		variable: 'OPENAI_ENABLED',
		serverName: 'Openai',
		displayName: 'OpenAI',
		createParameters: {
			openaiCredsId: { __rl: true, mode: 'id', value: 'creds-1' },
			botType: 'chatCompletion',
			model: 'gpt-4o-mini',
			maxTokens: 300,
		},
		createBody: { openaiCredsId: 'creds-1', botType: 'chatCompletion', model: 'gpt-4o-mini', maxTokens: 300 },
		row: {
			openaiCredsId: 'creds-1',
			botType: 'chatCompletion',
			assistantId: null,
			functionUrl: null,
			model: 'gpt-4o-mini',
			systemMessages: ['Be brief'],
			assistantMessages: [],
			userMessages: [],
			maxTokens: 300,
		},
		settingsKeys: ['openaiCredsId', 'speechToText', ...NINE],
		fallbackColumn: 'openaiIdFallback',
	},
	{
		resource: 'dify',
		group: 'dify',
		idParam: 'difyId',
		flag: 'dify',
		variable: 'DIFY_ENABLED',
		serverName: 'Dify',
		createParameters: { botType: 'chatBot', apiUrl: 'https://api.dify.ai/v1', apiKey: 'app-1' },
		createBody: { botType: 'chatBot', apiUrl: 'https://api.dify.ai/v1', apiKey: 'app-1' },
		row: { botType: 'chatBot', apiUrl: 'https://api.dify.ai/v1', apiKey: 'app-1' },
		settingsKeys: ALL_BEHAVIOUR,
		fallbackColumn: 'difyIdFallback',
	},
	{
		resource: 'flowise',
		group: 'flowise',
		idParam: 'flowiseId',
		flag: 'flowise',
		variable: 'FLOWISE_ENABLED',
		serverName: 'Flowise',
		createParameters: { apiUrl: 'https://flowise.example.com/api/v1/prediction/abc' },
		createBody: { apiUrl: 'https://flowise.example.com/api/v1/prediction/abc' },
		row: { apiUrl: 'https://flowise.example.com/api/v1/prediction/abc', apiKey: null },
		settingsKeys: ALL_BEHAVIOUR,
		fallbackColumn: 'flowiseIdFallback',
	},
	{
		resource: 'n8nBot',
		group: 'n8n',
		idParam: 'n8nId',
		flag: 'n8n',
		variable: 'N8N_ENABLED',
		serverName: 'N8n',
		displayName: 'n8n',
		createParameters: { webhookUrl: 'https://n8n.example.com/webhook/bot' },
		createBody: { webhookUrl: 'https://n8n.example.com/webhook/bot' },
		row: { webhookUrl: 'https://n8n.example.com/webhook/bot', basicAuthUser: 'bot', basicAuthPassword: 'pw' },
		settingsKeys: ALL_BEHAVIOUR,
		fallbackColumn: 'n8nIdFallback',
	},
	{
		resource: 'evoAi',
		group: 'evoai',
		idParam: 'evoaiId',
		flag: 'evoai',
		variable: 'EVOAI_ENABLED',
		serverName: 'Evoai',
		displayName: 'EvoAI',
		createParameters: { agentUrl: 'https://evoai.example.com/a2a/1' },
		createBody: { agentUrl: 'https://evoai.example.com/a2a/1' },
		row: { agentUrl: 'https://evoai.example.com/a2a/1', apiKey: null },
		settingsKeys: ALL_BEHAVIOUR,
		fallbackColumn: 'evoaiIdFallback',
	},
];

let fake: FakeEvolution;
/** Every request of this file, for the route coverage check at the end. */
const seen: RecordedRequest[] = [];

beforeAll(async () => {
	fake = await startFake();
	fake.addInstance({ name: 'other' });
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	for (const kind of Object.keys(fake.state.bots) as BotKind[]) {
		fake.state.bots[kind].clear();
		fake.state.botSettings[kind].clear();
	}
	fake.state.sessions.length = 0;
	fake.state.openaiCreds.clear();
	fake.state.openaiCreds.set('creds-1', { id: 'creds-1', name: 'main', apiKey: 'sk-1', instanceId: instanceId() });
});
afterEach(() => {
	seen.push(...fake.requests);
	fake.requests.length = 0;
});

async function run(
	bot: BotCase,
	operation: string,
	parameters: INodeParameters = {},
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runAction(fake, { parameters: { resource: bot.resource, operation, ...parameters }, ...options });
}

function route(group: string, name: string) {
	const found = fake.catalogue.routes.find((entry) => entry.group === group && entry.name === name);
	if (!found) throw new Error(`no route ${group}.${name}`);
	return found;
}

/** The request is the declared route, with no query, valid for the server, and answered 2xx. */
function expectCall(request: RecordedRequest | undefined, method: string, path: string): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect({ method: req.method, path: req.path }).toEqual({ method, path });
	expect(req.query).toEqual({});
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBeLessThan(300);
	return req;
}

/** Body keys the route's schema (or its documented extra fields) knows. */
function expectKnownKeys(bot: BotCase, name: string, body: unknown): void {
	const entry = route(bot.group, name);
	const known = new Set([...Object.keys((entry.bodySchema?.properties as IDataObject | undefined) ?? {}), ...entry.extraBodyFields]);
	const unknown = Object.keys(body as IDataObject).filter((key) => !known.has(key));
	expect(unknown).toEqual([]);
}

function instanceId(name = INSTANCE): string {
	return fake.state.instances.get(name)!.id;
}

let counter = 0;
function seedBot(bot: BotCase, extra: IDataObject = {}): string {
	const id = `c${bot.group.toLowerCase()}bot${++counter}`;
	const timestamp = new Date().toISOString();
	fake.state.bots[bot.group].set(id, {
		id,
		enabled: true,
		description: `Seeded ${counter}`,
		...bot.row,
		expire: 10,
		keywordFinish: '#stop',
		delayMessage: 500,
		unknownMessage: 'What?',
		listeningFromMe: false,
		stopBotFromMe: true,
		keepOpen: false,
		debounceTime: 2,
		ignoreJids: [],
		splitMessages: false,
		timePerChar: 0,
		triggerType: 'keyword',
		triggerOperator: 'equals',
		triggerValue: `kw${counter}`,
		createdAt: timestamp,
		updatedAt: timestamp,
		instanceId: instanceId(),
		...extra,
	});
	return id;
}

/**
 * OpenAI on 2.3.6 refuses any fallbackId next to the credential its schema requires (a 500 the
 * fake reproduces): the node leaves the key out for OpenAI.
 */
const sendsFallback = (bot: BotCase): boolean => bot.group !== 'openai';

function seedSettings(bot: BotCase, extra: IDataObject = {}): IDataObject {
	const row: IDataObject = {
		id: 'settings-1',
		expire: 45,
		keywordFinish: '#end',
		delayMessage: 700,
		unknownMessage: 'Pardon?',
		listeningFromMe: false,
		stopBotFromMe: false,
		keepOpen: true,
		debounceTime: 3,
		ignoreJids: ['5511888888888@s.whatsapp.net'],
		splitMessages: true,
		timePerChar: 40,
		createdAt: new Date().toISOString(),
		updatedAt: new Date().toISOString(),
		instanceId: instanceId(),
		...(bot.group === 'openai' ? { openaiCredsId: 'creds-1', speechToText: true } : {}),
		...extra,
	};
	fake.state.botSettings[bot.group].set(INSTANCE, row);
	return row;
}

function byId(id: string): INodeParameters {
	return { __rl: true, mode: 'id', value: id };
}

describe.each(BOTS)('$resource', (bot) => {
	const base = `/${bot.group}`;

	describe(`Create (POST ${base}/create)`, () => {
		it('sends the required fields, the trigger and enabled', async () => {
			const result = await run(bot, 'create', {
				...bot.createParameters,
				triggerType: 'keyword',
				triggerOperator: 'equals',
				triggerValue: 'hi',
			});
			expect(result.error).toBeUndefined();
			const req = expectCall(fake.lastRequest(), 'POST', `${base}/create/${INSTANCE}`);
			expect(req.status).toBe(201);
			expect(req.body).toEqual({ enabled: true, ...bot.createBody, triggerType: 'keyword', triggerOperator: 'equals', triggerValue: 'hi' });
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ triggerValue: 'hi', instanceId: instanceId() });
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			expect(fake.state.bots[bot.group].size).toBe(1);
		});

		it('sends the additional fields with the types the schema wants', async () => {
			const result = await run(bot, 'create', {
				...bot.createParameters,
				triggerType: 'advanced',
				triggerValue: 'contains:price notcontains:cancel',
				additionalFields: {
					enabled: false,
					description: 'Sales',
					expire: '15',
					keywordFinish: '#exit',
					delayMessage: 800,
					listeningFromMe: true,
					ignoreJids: '+55 11 99999-9999, @g.us, 120363025246125486@g.us',
				},
			});
			expect(result.error).toBeUndefined();
			const req = expectCall(fake.lastRequest(), 'POST', `${base}/create/${INSTANCE}`);
			expect(req.body).toEqual({
				enabled: false,
				...bot.createBody,
				triggerType: 'advanced',
				triggerValue: 'contains:price notcontains:cancel',
				description: 'Sales',
				expire: 15,
				keywordFinish: '#exit',
				delayMessage: 800,
				listeningFromMe: true,
				ignoreJids: ['5511999999999@s.whatsapp.net', '@g.us', '120363025246125486@g.us'],
			});
			expectKnownKeys(bot, 'create', req.body);
		});

		it('explains a duplicate trigger (HTTP 500 "Trigger already exists")', async () => {
			// Another model, so OpenAI's own duplicate check (model + max tokens) does not answer first.
			seedBot(bot, { triggerOperator: 'contains', triggerValue: 'menu', ...(bot.group === 'openai' ? { model: 'gpt-4o' } : {}) });
			const result = await run(bot, 'create', {
				...bot.createParameters,
				triggerType: 'keyword',
				triggerOperator: 'contains',
				triggerValue: 'menu',
			});
			expect(fake.lastRequest()?.status).toBe(500);
			expect(fake.lastRequest()?.validationErrors).toEqual([]);
			expect(result.error?.message).toBe('The Evolution API server failed: Trigger already exists');
			expect(result.error?.description).toContain('already uses this trigger');
			expect(result.error?.description).toContain('Trigger Value');
			expect(result.error?.context?.itemIndex).toBe(0);
		});

		it('refuses a keyword trigger without value, before any request', async () => {
			const result = await run(bot, 'create', { ...bot.createParameters, triggerType: 'keyword', triggerOperator: 'equals', triggerValue: ' ' });
			expect(result.error?.message).toBe('A Keyword trigger needs a Trigger Operator and a Trigger Value');
			expect(result.error?.context?.itemIndex).toBe(0);
			expect(fake.requests).toHaveLength(0);
		});
	});

	describe(`Get Many (GET ${base}/find)`, () => {
		it('returns the bots of the instance, limited client-side', async () => {
			seedBot(bot);
			seedBot(bot);
			seedBot(bot);
			const limited = await run(bot, 'getAll', { returnAll: false, limit: 2 });
			expect(limited.error).toBeUndefined();
			expectCall(fake.lastRequest(), 'GET', `${base}/find/${INSTANCE}`);
			expect(limited.items).toHaveLength(2);
			expect(limited.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
			const all = await run(bot, 'getAll', { returnAll: true });
			expect(all.items).toHaveLength(3);
		});
	});

	describe(`Get (GET ${base}/fetch/{${bot.idParam}})`, () => {
		it('fetches one bot by ID', async () => {
			const id = seedBot(bot);
			const result = await run(bot, 'get', { botId: byId(id) });
			expect(result.error).toBeUndefined();
			expectCall(fake.lastRequest(), 'GET', `${base}/fetch/${id}/${INSTANCE}`);
			expect(result.items[0].json).toMatchObject({ id });
		});

		it('takes the ID from an expression', async () => {
			const id = seedBot(bot);
			const result = await run(bot, 'get', { botId: { __rl: true, mode: 'id', value: '={{ $json.botId }}' } }, { items: [{ json: { botId: id } }] });
			expect(result.error).toBeUndefined();
			expectCall(fake.lastRequest(), 'GET', `${base}/fetch/${id}/${INSTANCE}`);
		});
	});

	describe(`Update (PUT ${base}/update/{${bot.idParam}})`, () => {
		it('reads the bot, then sends it whole with the changed fields', async () => {
			const id = seedBot(bot);
			const result = await run(bot, 'update', {
				botId: byId(id),
				updateFields: { description: 'Renamed', triggerType: 'keyword', triggerValue: 'new-kw', expire: 30 },
			});
			expect(result.error).toBeUndefined();
			expect(fake.requests).toHaveLength(2);
			expectCall(fake.requests[0], 'GET', `${base}/fetch/${id}/${INSTANCE}`);
			const req = expectCall(fake.requests[1], 'PUT', `${base}/update/${id}/${INSTANCE}`);
			const body = req.body as IDataObject;
			expect(body).toMatchObject({ enabled: true, description: 'Renamed', triggerType: 'keyword', triggerOperator: 'equals', triggerValue: 'new-kw', expire: 30 });
			expect(body).toMatchObject(bot.createBody);
			expect(Object.values(body)).not.toContain(null);
			expectKnownKeys(bot, 'update', body);
			expect(fake.state.bots[bot.group].get(id)).toMatchObject({ description: 'Renamed', expire: 30, keywordFinish: '#stop' });
			expect(result.items[0].json).toMatchObject({ id, description: 'Renamed' });
		});

		it('refuses empty Update Fields before any request', async () => {
			const result = await run(bot, 'update', { botId: byId('x1'), updateFields: {} });
			expect(result.error?.message).toBe('Update Fields is empty');
			expect(fake.requests).toHaveLength(0);
		});
	});

	describe(`Delete (DELETE ${base}/delete/{${bot.idParam}})`, () => {
		it('deletes the bot', async () => {
			const id = seedBot(bot);
			const result = await run(bot, 'delete', { botId: byId(id) });
			expect(result.error).toBeUndefined();
			expectCall(fake.lastRequest(), 'DELETE', `${base}/delete/${id}/${INSTANCE}`);
			expect(result.items[0].json).toEqual({ bot: { id } });
			expect(fake.state.bots[bot.group].has(id)).toBe(false);
		});
	});

	describe(`Set Default Settings (POST ${base}/settings)`, () => {
		it('merges: reads the settings, changes the given fields, keeps the rest and the fallback (as fallbackId)', async () => {
			const fallback = seedBot(bot);
			const current = seedSettings(bot, { [bot.fallbackColumn]: fallback });
			const result = await run(bot, 'setSettings', { updateMode: 'merge', defaultSettings: { expire: 5, keywordFinish: '#bye' } });
			expect(result.error).toBeUndefined();
			expect(fake.requests).toHaveLength(2);
			expectCall(fake.requests[0], 'GET', `${base}/fetchSettings/${INSTANCE}`);
			const body = expectCall(fake.requests[1], 'POST', `${base}/settings/${INSTANCE}`).body as IDataObject;
			const expected: IDataObject = {};
			for (const key of bot.settingsKeys) expected[key] = current[key];
			expect(body).toEqual({ ...expected, expire: 5, keywordFinish: '#bye', ...(sendsFallback(bot) ? { fallbackId: fallback } : {}) });
			expectKnownKeys(bot, 'settings', body);
			expect(Object.keys(body).filter((key) => /IdFallback$/.test(key))).toEqual([]);
			expect(fake.state.botSettings[bot.group].get(INSTANCE)?.[bot.fallbackColumn]).toBe(fallback);
			expect(result.items[0].json).toMatchObject({ expire: 5, fallbackId: fallback });
		});

		it("replaces: fields not given get the server's defaults, the fallback goes into fallbackId", async () => {
			const fallback = seedBot(bot);
			const settings: Record<string, string | number> = { debounceTime: 0, ignoreJids: '@g.us', fallbackId: fallback };
			if (bot.group === 'openai') settings.openaiCredsId = 'creds-1';
			const result = await run(bot, 'setSettings', { updateMode: 'replace', defaultSettings: settings });
			if (!sendsFallback(bot)) {
				expect(result.error?.message).toBe('Evolution API 2.3.6 cannot store a fallback bot for OpenAI');
				expect(fake.requests).toHaveLength(0);
				return;
			}
			expect(result.error).toBeUndefined();
			expect(fake.requests).toHaveLength(1);
			const body = expectCall(fake.lastRequest(), 'POST', `${base}/settings/${INSTANCE}`).body as IDataObject;
			expect(body).toMatchObject({
				expire: 300,
				keywordFinish: 'bye',
				delayMessage: 1000,
				unknownMessage: 'Sorry, I dont understand',
				listeningFromMe: true,
				stopBotFromMe: true,
				keepOpen: false,
				debounceTime: 0,
				ignoreJids: ['@g.us'],
				fallbackId: fallback,
			});
			expect(Object.keys(body).sort()).toEqual([...bot.settingsKeys, 'fallbackId'].sort());
			expect(fake.state.botSettings[bot.group].get(INSTANCE)?.[bot.fallbackColumn]).toBe(fallback);
		});

		it('removes the fallback when Fallback Bot is set empty', async () => {
			seedSettings(bot, { [bot.fallbackColumn]: seedBot(bot) });
			const result = await run(bot, 'setSettings', { updateMode: 'merge', defaultSettings: { fallbackId: '' } });
			expect(result.error).toBeUndefined();
			const req = expectCall(fake.lastRequest(), 'POST', `${base}/settings/${INSTANCE}`);
			if (!sendsFallback(bot)) {
				expect(req.body).not.toHaveProperty('fallbackId');
				return;
			}
			expect((req.body as IDataObject).fallbackId).toBeNull();
			expect(fake.state.botSettings[bot.group].get(INSTANCE)?.[bot.fallbackColumn]).toBeNull();
		});
	});

	describe(`Get Default Settings (GET ${base}/fetchSettings)`, () => {
		it("returns the settings (the server's defaults when none exist)", async () => {
			const result = await run(bot, 'getSettings');
			expect(result.error).toBeUndefined();
			expectCall(fake.lastRequest(), 'GET', `${base}/fetchSettings/${INSTANCE}`);
			expect(result.items[0].json).toMatchObject({ expire: 300, keywordFinish: 'bye', fallbackId: '' });
		});
	});

	describe(`Change Session Status (POST ${base}/changeStatus)`, () => {
		it('sends the chat as a JID and the status', async () => {
			fake.state.sessions.push({ id: 's1', remoteJid: '5511999999999@s.whatsapp.net', status: 'opened', botId: 'b1', type: bot.group, instanceId: instanceId() });
			const result = await run(bot, 'changeSessionStatus', { remoteJid: '+55 11 99999-9999', sessionStatus: 'paused' });
			expect(result.error).toBeUndefined();
			const req = expectCall(fake.lastRequest(), 'POST', `${base}/changeStatus/${INSTANCE}`);
			expect(req.body).toEqual({ remoteJid: '5511999999999@s.whatsapp.net', status: 'paused' });
			expect(fake.state.sessions[0].status).toBe('paused');
		});

		it('warns that Delete reaches every instance and bot type (it does)', async () => {
			const jid = '5511999999999@s.whatsapp.net';
			fake.state.sessions.push(
				{ id: 's1', remoteJid: jid, status: 'opened', botId: 'b1', type: bot.group, instanceId: instanceId() },
				{ id: 's2', remoteJid: jid, status: 'opened', botId: 'b2', type: 'dify', instanceId: instanceId('other') },
			);
			const result = await run(bot, 'changeSessionStatus', { remoteJid: jid, sessionStatus: 'delete' });
			expect(result.error).toBeUndefined();
			expectCall(fake.lastRequest(), 'POST', `${base}/changeStatus/${INSTANCE}`);
			expect(fake.state.sessions).toHaveLength(0);
			const definition = resources.find((resource) => resource.value === bot.resource)!.operations.find((op) => op.value === 'changeSessionStatus')!;
			expect(definition.description).toContain('EVERY instance and for EVERY bot type');
		});

		it('refuses a chat that is not a phone number or JID, before any request', async () => {
			const result = await run(bot, 'changeSessionStatus', { remoteJid: 'someone', sessionStatus: 'opened' });
			expect(result.error?.message).toContain('Chat "someone" is not a valid phone number');
			expect(fake.requests).toHaveLength(0);
		});
	});

	describe(`Get Many Sessions (GET ${base}/fetchSessions/{${bot.idParam}})`, () => {
		it("lists the bot's sessions", async () => {
			const id = seedBot(bot);
			fake.state.sessions.push(
				{ id: 's1', remoteJid: '5511999999999@s.whatsapp.net', status: 'opened', botId: id, type: bot.group, instanceId: instanceId() },
				{ id: 's2', remoteJid: '5511888888888@s.whatsapp.net', status: 'paused', botId: id, type: bot.group, instanceId: instanceId() },
			);
			const result = await run(bot, 'getSessions', { botId: byId(id), returnAll: false, limit: 1 });
			expect(result.error).toBeUndefined();
			expectCall(fake.lastRequest(), 'GET', `${base}/fetchSessions/${id}/${INSTANCE}`);
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ id: 's1' });
		});
	});

	describe(`Add or Remove Ignored Chat (POST ${base}/ignoreJid)`, () => {
		it('adds and removes a chat', async () => {
			seedSettings(bot);
			const added = await run(bot, 'ignoreChat', { ignoreAction: 'add', remoteJid: '120363025246125486@g.us' });
			expect(added.error).toBeUndefined();
			const req = expectCall(fake.lastRequest(), 'POST', `${base}/ignoreJid/${INSTANCE}`);
			expect(req.body).toEqual({ remoteJid: '120363025246125486@g.us', action: 'add' });
			expect(added.items[0].json).toEqual({ ignoreJids: ['5511888888888@s.whatsapp.net', '120363025246125486@g.us'] });
			const removed = await run(bot, 'ignoreChat', { ignoreAction: 'remove', remoteJid: '5511888888888' });
			expect(expectCall(fake.lastRequest(), 'POST', `${base}/ignoreJid/${INSTANCE}`).body).toEqual({
				remoteJid: '5511888888888@s.whatsapp.net',
				action: 'remove',
			});
			expect(removed.items[0].json).toEqual({ ignoreJids: ['120363025246125486@g.us'] });
		});

		it('explains that the default settings must exist', async () => {
			const result = await run(bot, 'ignoreChat', { ignoreAction: 'add', remoteJid: '@g.us' });
			expect(fake.lastRequest()?.status).toBe(500);
			expect(fake.lastRequest()?.body).toEqual({ remoteJid: '@g.us', action: 'add' });
			expect(result.error?.description).toContain('run Set Default Settings first');
		});
	});

	if (bot.flag) {
		it(`names ${bot.variable} when the integration is switched off`, async () => {
			fake.enabledIntegrations[bot.flag!] = false;
			try {
				const result = await run(bot, 'getAll', { returnAll: true });
				expect(fake.lastRequest()?.status).toBe(400);
				expect(fake.lastRequest()?.responseBody).toEqual({
					status: 400,
					error: 'Bad Request',
					response: { message: [`${bot.serverName} is disabled`] },
				});
				expect(result.error?.message).toBe(
					`The ${bot.displayName ?? bot.serverName} integration is disabled on the Evolution API server`,
				);
				expect(result.error?.description).toContain(`${bot.variable}=true`);
			} finally {
				fake.enabledIntegrations[bot.flag!] = true;
			}
		});
	} else {
		it('works with every integration switched off (Evolution Bot has no flag)', async () => {
			const saved = { ...fake.enabledIntegrations };
			for (const key of Object.keys(fake.enabledIntegrations) as Array<keyof EnabledIntegrations>) fake.enabledIntegrations[key] = false;
			try {
				const result = await run(bot, 'getAll', { returnAll: true });
				expect(result.error).toBeUndefined();
				expectCall(fake.lastRequest(), 'GET', `${base}/find/${INSTANCE}`);
			} finally {
				Object.assign(fake.enabledIntegrations, saved);
			}
		});
	}
});

describe('route coverage', () => {
	it('called each of the 70 shared chatbot routes with a valid request', () => {
		seen.push(...fake.requests);
		const groups = new Set(BOTS.map((bot) => bot.group as string));
		const shared = ['create', 'find', 'fetch', 'update', 'delete', 'settings', 'fetchSettings', 'changeStatus', 'fetchSessions', 'ignoreJid'];
		const expected = fake.catalogue.routes
			.filter((entry) => groups.has(entry.group) && shared.includes(entry.name))
			.map((entry) => `${entry.group}.${entry.name}`)
			.sort();
		expect(expected).toHaveLength(70);
		const valid = new Set(
			seen
				.filter((req) => req.route && req.status > 0 && req.status < 300 && req.validationErrors.length === 0 && req.violations.length === 0)
				.map((req) => `${req.route!.group}.${req.route!.name}`),
		);
		expect(expected.filter((key) => !valid.has(key))).toEqual([]);
	});
});
