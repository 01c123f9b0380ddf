/**
 * Contract tests of the Proxy resource (POST /proxy/set, GET /proxy/find) against the
 * Evolution API 2.3.6 fake.
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
	fake.state.proxies.clear();
});

async function run(
	operation: string,
	parameters: INodeParameters,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runAction(fake, { parameters: { resource: 'proxy', operation, ...parameters }, ...options });
}

function storeProxy(row: Row): void {
	fake.state.proxies.set(INSTANCE, {
		id: 'cproxy1',
		createdAt: '2025-01-01T00:00:00.000Z',
		updatedAt: '2025-01-01T00:00:00.000Z',
		instanceId: fake.state.instances.get(INSTANCE)!.id,
		...row,
	});
}

const STORED = { enabled: true, host: 'old.example.com', port: '8080', protocol: 'http', username: 'bob', password: 'pw' };

describe('Proxy → Get (GET /proxy/find)', () => {
	it('outputs {configured: false} before any proxy was set (server answers null)', async () => {
		const result = await run('get', {});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'GET', `/proxy/find/${INSTANCE}`);
		expect(req.responseBody).toBeNull();
		expect(req.rawBody.length).toBe(0);
		expect(result.items).toEqual([{ json: { configured: false }, pairedItem: { item: 0 } }]);
	});

	it('outputs the stored proxy row', async () => {
		storeProxy(STORED);
		const result = await run('get', {});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject(STORED);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('reports an unknown instance (404)', async () => {
		const result = await run('get', { instanceName: instanceParam('ghost') });
		expect(result.error?.message).toBe('The instance "ghost" does not exist on this server');
	});
});

describe('Proxy → Set (POST /proxy/set)', () => {
	it('sends host, port as text, protocol and credentials', async () => {
		const result = await run('set', {
			proxyHost: ' proxy.example.com ',
			proxyPort: 3128,
			proxyProtocol: 'socks5',
			options: { proxyUsername: 'alice', proxyPassword: 's3cret' },
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/proxy/set/${INSTANCE}`);
		const proxy = { enabled: true, host: 'proxy.example.com', port: '3128', protocol: 'socks5', username: 'alice', password: 's3cret' };
		expect(req.body).toEqual(proxy);
		expect(result.items).toEqual([{ json: { proxy: { instanceName: INSTANCE, proxy } }, pairedItem: { item: 0 } }]);
		expect(fake.state.proxies.get(INSTANCE)).toMatchObject(proxy);
	});

	it('switching off sends the placeholders the schema still requires; the server blanks them', async () => {
		storeProxy(STORED);
		const result = await run('set', { enabled: false, proxyHost: 'hidden.example.com' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/proxy/set/${INSTANCE}`);
		expect(req.body).toEqual({ enabled: false, host: 'none', port: '0', protocol: 'http' });
		expect(fake.state.proxies.get(INSTANCE)).toMatchObject({ enabled: false, host: '', port: '', protocol: '' });
	});

	it('"Change Only the Given Fields" reads the proxy and keeps host, protocol and credentials', async () => {
		storeProxy(STORED);
		const result = await run('set', { updateMode: 'merge', updateFields: { proxyPort: '9090' } });
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		expectCall(fake.requests[0], 'GET', `/proxy/find/${INSTANCE}`);
		const req = expectCall(fake.requests[1], 'POST', `/proxy/set/${INSTANCE}`);
		expect(req.body).toEqual({ ...STORED, port: '9090' });
		expect(fake.state.proxies.get(INSTANCE)).toMatchObject({ ...STORED, port: '9090' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('"Change Only the Given Fields" can switch the proxy off without host or port', async () => {
		storeProxy(STORED);
		const result = await run('set', { updateMode: 'merge', updateFields: { enabled: false } });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.requests[1], 'POST', `/proxy/set/${INSTANCE}`).body).toEqual({
			enabled: false,
			host: 'none',
			port: '0',
			protocol: 'http',
		});
	});

	it('"Change Only the Given Fields" with nothing stored needs a host', async () => {
		const result = await run('set', { updateMode: 'merge', updateFields: { proxyPort: 8080 } });
		expect(result.error?.message).toBe('Host is empty');
		expect(fake.requests.map((req) => req.method)).toEqual(['GET']);
	});

	it.each([
		['a URL as host', { proxyHost: 'http://proxy.example.com' }, 'Host "http://proxy.example.com" is not a plain host name'],
		['an empty host', { proxyHost: '  ' }, 'Host is empty'],
		['a port out of range', { proxyHost: 'p.example.com', proxyPort: 70000 }, 'Port must be between 1 and 65535, but got 70000'],
		['a port that is not a number', { proxyHost: 'p.example.com', proxyPort: '={{ "80a" }}' }, 'Port must be a whole number, but got "80a"'],
		['an unknown protocol', { proxyHost: 'p.example.com', proxyProtocol: '={{ "ftp" }}' }, 'Protocol "ftp" is not supported'],
		[
			'a user name without password',
			{ proxyHost: 'p.example.com', options: { proxyUsername: 'alice' } },
			'Username and Password must be given together',
		],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await run('set', parameters as INodeParameters);
		expect(result.error?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('explains "Invalid proxy" (the server tests the proxy through icanhazip.com)', async () => {
		fake.failNext('proxy.set', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: ['Invalid proxy'] } },
		});
		const result = await run('set', { proxyHost: 'p.example.com' });
		expect(result.error?.message).toContain('Invalid proxy');
		expect(result.error?.description).toContain('icanhazip.com');
		expect(result.error?.description).toContain('internet');
	});

	it('explains a schema 400', async () => {
		fake.failNext('proxy.set', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: [['The "host" cannot be empty']] } },
		});
		const result = await run('set', { proxyHost: 'p.example.com' });
		expect(result.error?.message).toContain('The "host" cannot be empty');
	});

	it('one request per item; Continue On Fail turns a bad item into an error item', async () => {
		const result = await run(
			'set',
			{ proxyHost: '={{ $json.host }}', proxyPort: 3128 },
			{ continueOnFail: true, items: [{ json: { host: 'a.example.com' } }, { json: { host: 'bad host' } }, { json: { host: 'b.example.com' } }] },
		);
		expect(fake.requests.map((req) => (req.body as Row).host)).toEqual(['a.example.com', 'b.example.com']);
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json.error).toBe('Host "bad host" is not a plain host name');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
