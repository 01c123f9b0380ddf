/**
 * Contract tests of the Chatwoot resource (POST /chatwoot/set, GET /chatwoot/find) against the
 * Evolution API 2.3.6 fake. The inbound /chatwoot/webhook route is not an operation.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution, Row } from '../fake';
import { INSTANCE, expectCall, instanceParam, runAction, startFake } from '../helpers/evolution';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.state.chatwoot.clear();
	fake.enabledIntegrations.chatwoot = true;
});

async function run(
	operation: string,
	parameters: INodeParameters,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runAction(fake, { parameters: { resource: 'chatwoot', operation, ...parameters }, ...options });
}

const STORED: Row = {
	enabled: true,
	accountId: '3',
	token: 'cw-token',
	url: 'https://chat.example.com',
	nameInbox: 'Sales',
	signMsg: true,
	signDelimiter: '\n',
	reopenConversation: true,
	conversationPending: false,
	mergeBrazilContacts: true,
	importContacts: false,
	importMessages: false,
	daysLimitImportMessages: 10,
	organization: 'ACME',
	logo: 'https://example.com/logo.png',
	ignoreJids: ['@g.us'],
};

function storeChatwoot(row: Row): void {
	fake.state.chatwoot.set(INSTANCE, { ...row, instanceId: fake.state.instances.get(INSTANCE)!.id });
}

const REQUIRED = { chatwootUrl: 'https://chat.example.com', chatwootAccountId: '3', chatwootToken: 'cw-token' };

describe('Chatwoot → Get (GET /chatwoot/find)', () => {
	it('outputs the disabled default when nothing is configured', async () => {
		const result = await run('get', {});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'GET', `/chatwoot/find/${INSTANCE}`);
		expect(req.rawBody.length).toBe(0);
		expect(result.items).toEqual([
			{
				json: { enabled: false, url: '', accountId: '', token: '', signMsg: false, nameInbox: '', webhook_url: '' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('outputs the stored connection with the webhook URL for Chatwoot', async () => {
		storeChatwoot(STORED);
		const result = await run('get', {});
		expect(result.items[0].json).toEqual({ ...STORED, webhook_url: `${fake.url}/chatwoot/webhook/${INSTANCE}` });
	});

	it('explains CHATWOOT_ENABLED when the server has Chatwoot off', async () => {
		fake.enabledIntegrations.chatwoot = false;
		const result = await run('get', {});
		expect(fake.lastRequest()?.status).toBe(400);
		expect(result.error?.message).toBe('The Chatwoot integration is disabled on the Evolution API server');
		expect(result.error?.description).toContain('CHATWOOT_ENABLED=true');
	});

	it('reports an unknown instance (404)', async () => {
		const result = await run('get', { instanceName: instanceParam('ghost') });
		expect(result.error?.message).toBe('The instance "ghost" does not exist on this server');
	});
});

describe('Chatwoot → Set (POST /chatwoot/set)', () => {
	it('sends the required fields and the options given, normalised', async () => {
		const result = await run('set', {
			...REQUIRED,
			chatwootUrl: 'https://chat.example.com/',
			chatwootAccountId: '={{ 3 }}',
			chatwootSignMsg: true,
			options: {
				chatwootSignDelimiter: '\\n--\\n',
				chatwootIgnoreJids: '@g.us, +55 (11) 99999-9999, 120363025246125486@g.us',
				chatwootNameInbox: 'Sales',
				chatwootDaysLimitImportMessages: 7,
				chatwootAutoCreate: false,
			},
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/chatwoot/set/${INSTANCE}`);
		expect(req.body).toEqual({
			enabled: true,
			url: 'https://chat.example.com',
			accountId: '3',
			token: 'cw-token',
			signMsg: true,
			reopenConversation: true,
			conversationPending: false,
			signDelimiter: '\n--\n',
			ignoreJids: ['@g.us', '5511999999999@s.whatsapp.net', '120363025246125486@g.us'],
			nameInbox: 'Sales',
			daysLimitImportMessages: 7,
			autoCreate: false,
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ enabled: true, webhook_url: `${fake.url}/chatwoot/webhook/${INSTANCE}` });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('switching off with empty connection fields still passes the schema', async () => {
		const result = await run('set', { enabled: false, chatwootUrl: '={{ "" }}', chatwootAccountId: '={{ "" }}', chatwootToken: '={{ "" }}' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/chatwoot/set/${INSTANCE}`);
		expect(req.body).toMatchObject({ enabled: false, url: '', accountId: '', token: '', nameInbox: '' });
	});

	it('"Change Only the Given Fields" reads the connection and writes everything else back', async () => {
		storeChatwoot(STORED);
		const result = await run('set', { updateMode: 'merge', updateFields: { enabled: false, chatwootNameInbox: 'Support' } });
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		expectCall(fake.requests[0], 'GET', `/chatwoot/find/${INSTANCE}`);
		const req = expectCall(fake.requests[1], 'POST', `/chatwoot/set/${INSTANCE}`);
		expect(req.body).toEqual({ ...STORED, enabled: false, nameInbox: 'Support' });
		expect(req.body).not.toHaveProperty('webhook_url');
		expect(fake.state.chatwoot.get(INSTANCE)).toMatchObject({ ...STORED, enabled: false, nameInbox: 'Support' });
	});

	it('"Change Only the Given Fields" on an unconfigured instance needs the connection fields to enable it', async () => {
		const result = await run('set', { updateMode: 'merge', updateFields: { enabled: true, chatwootUrl: 'https://chat.example.com' } });
		expect(result.error?.message).toBe('Account ID is empty');
		expect(fake.requests.map((req) => req.method)).toEqual(['GET']);
	});

	it.each([
		['an invalid URL', { chatwootUrl: 'chat.example.com' }, 'Chatwoot URL "chat.example.com" is not a valid URL'],
		['a non-numeric account', { chatwootAccountId: 'acme' }, 'Account ID must be a number, but got "acme"'],
		['an empty token while enabled', { chatwootToken: '={{ "" }}' }, 'Token is empty'],
		['a bad ignored chat', { options: { chatwootIgnoreJids: 'someone' } }, 'Ignored Chats "someone" is not a valid phone number'],
		['a non-boolean switch', { chatwootSignMsg: '={{ "yes" }}' }, 'Sign Messages must be true or false, but got "yes"'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await run('set', { ...REQUIRED, ...(parameters as INodeParameters) });
		expect(result.error?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('explains CHATWOOT_ENABLED ("Chatwoot is disabled" 400)', async () => {
		fake.enabledIntegrations.chatwoot = false;
		const result = await run('set', REQUIRED);
		expect(fake.lastRequest()?.validationErrors).toEqual([]);
		expect(result.error?.message).toBe('The Chatwoot integration is disabled on the Evolution API server');
		expect(result.error?.description).toContain('CHATWOOT_ENABLED=true');
	});

	it('one request per item; Continue On Fail keeps going after a server error', async () => {
		fake.failNext('chatwoot.set', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: ['url is not valid'] } },
		});
		const result = await run(
			'set',
			{ ...REQUIRED, chatwootAccountId: '={{ $json.account }}' },
			{ continueOnFail: true, items: [{ json: { account: 1 } }, { json: { account: 2 } }] },
		);
		expect(fake.requests.map((req) => (req.body as Row).accountId)).toEqual(['1', '2']);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toContain('url is not valid');
		expect(result.items[1].json).toMatchObject({ accountId: '2' });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
