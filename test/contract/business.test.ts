/**
 * Contract tests of the Business Catalog resource (POST /business/getCatalog, /business/getCollections),
 * including the routes' own error shape.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FakeEvolution, RecordedRequest } from '../fake';
import { INSTANCE, instanceParam, runAction, startFake } from '../helpers/evolution';

const CONTACT = '5511999999999';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
	fake.addInstance({ name: 'meta', integration: 'WHATSAPP-BUSINESS' });
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.setConnectionState(INSTANCE, 'open');
});

async function run(operation: string, parameters: INodeParameters, continueOnFail = false) {
	return await runAction(fake, { parameters: { resource: 'business', operation, ...parameters }, continueOnFail });
}

function expectCall(request: RecordedRequest | undefined, path: string): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect(req.method).toBe('POST');
	expect(req.path).toBe(path);
	expect(req.query).toEqual({});
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBe(200);
	return req;
}

describe('Business Catalog → Get Catalog (POST /business/getCatalog)', () => {
	it("gets the instance's own catalog with an empty body", async () => {
		const result = await run('getCatalog', {});
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), `/business/getCatalog/${INSTANCE}`).body).toEqual({});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ isBusiness: true, catalogLength: 0, catalog: [] });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it("gets another business's catalog with a page size", async () => {
		const result = await run('getCatalog', { account: 'contact', remoteJid: '+55 11 99999-9999', options: { pageSize: 25 } });
		expect(expectCall(fake.lastRequest(), `/business/getCatalog/${INSTANCE}`).body).toEqual({ number: CONTACT, limit: 25 });
		expect(result.items[0].json.wuid).toBe(`${CONTACT}@s.whatsapp.net`);
	});

	it('refuses a bad page size and an empty contact before any request', async () => {
		expect((await run('getCatalog', { options: { pageSize: '={{ "ten" }}' } })).error?.message).toMatch(/Products per Page must be a whole number/);
		expect((await run('getCatalog', { account: 'contact', remoteJid: '={{ " " }}' })).error?.message).toMatch(/Contact is empty/);
		expect(fake.requests).toHaveLength(0);
	});

	it('explains the Meta-style 400 of a channel without the method', async () => {
		const result = await run('getCatalog', { instanceName: instanceParam('meta') });
		const req = fake.lastRequest()!;
		expect(req.status).toBe(400);
		expect(req.responseBody).toMatchObject({ status: 400, details: { type: 'whatsapp_api_error', context: 'business_catalog' } });
		expect(result.error?.message).toMatch(/^This operation is not available for the channel of instance "meta": .+/);
		expect(result.error?.description).toMatch(/only on Baileys/);
	});

	it('explains a schema error in the Meta-style shape', async () => {
		fake.failNext('business.getCatalog', {
			status: 400,
			body: {
				status: 400,
				error: 'Bad Request',
				message: 'limit is not of a type(s) number',
				details: { whatsapp_error: 'limit is not of a type(s) number', type: 'whatsapp_api_error', context: 'business_catalog' },
				timestamp: new Date().toISOString(),
			},
		});
		const result = await run('getCatalog', {});
		expect(result.error?.message).toBe('The Evolution API server rejected the request: limit is not of a type(s) number');
	});
});

describe('Business Catalog → Get Collections (POST /business/getCollections)', () => {
	it('sends number and the collection limit', async () => {
		const result = await run('getCollections', { account: 'contact', remoteJid: CONTACT, options: { maxCollections: 5 } });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), `/business/getCollections/${INSTANCE}`).body).toEqual({ number: CONTACT, limit: 5 });
		expect(result.items[0].json).toMatchObject({ collectionsLength: 0, collections: [] });
	});

	it('refuses more than the server cap of 20 before any request', async () => {
		const result = await run('getCollections', { options: { maxCollections: 25 } });
		expect(result.error?.message).toMatch(/Max Collections must be between 1 and 20, but got 25/);
		expect(fake.requests).toHaveLength(0);
	});

	it('with Continue On Fail outputs an error item for a closed connection', async () => {
		fake.setConnectionState(INSTANCE, 'close');
		const result = await run('getCollections', {}, true);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toBe(`The instance "${INSTANCE}" is not connected to WhatsApp`);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});
});
