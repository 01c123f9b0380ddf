/**
 * Contract tests of Call → Offer (POST /call/offer): a stub on Baileys in Evolution API 2.3.6.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FakeEvolution } from '../fake';
import { INSTANCE, instanceParam, runAction, startFake, type RunActionOptions } from '../helpers/evolution';

const NUMBER = '5511999999999';

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
});

async function offer(parameters: IDataObject, options: Omit<RunActionOptions, 'parameters'> = {}) {
	return await runAction(fake, { parameters: { resource: 'call', operation: 'offer', ...parameters }, ...options });
}

describe('Call → Offer (POST /call/offer)', () => {
	it('sends number, isVideo and callDuration and outputs the stub answer', async () => {
		const result = await offer({ remoteJid: '+55 11 99999-9999', callDuration: 10, isVideo: true });
		expect(result.error).toBeUndefined();
		const req = fake.lastRequest()!;
		expect([req.method, req.path, req.query]).toEqual(['POST', `/call/offer/${INSTANCE}`, {}]);
		expect(req.body).toEqual({ number: NUMBER, isVideo: true, callDuration: 10 });
		expect(req.validationErrors).toEqual([]);
		expect(req.violations).toEqual([]);
		expect(req.status).toBe(201);
		expect(result.items).toEqual([
			{ json: { id: '123', jid: `${NUMBER}@s.whatsapp.net`, isVideo: true, callDuration: 10 }, pairedItem: { item: 0 } },
		]);
	});

	it('sends one request per item, with the defaults (voice call, 5 seconds)', async () => {
		const result = await offer({ remoteJid: '={{ $json.to }}' }, { items: [{ json: { to: NUMBER } }, { json: { to: '5511888888888' } }] });
		expect(result.error).toBeUndefined();
		expect(fake.requests.map((req) => req.body)).toEqual([
			{ number: NUMBER, isVideo: false, callDuration: 5 },
			{ number: '5511888888888', isVideo: false, callDuration: 5 },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses a duration outside 1..15, a group and a non-number before any request', async () => {
		for (const [parameters, message] of [
			[{ remoteJid: NUMBER, callDuration: 16 }, 'Call Duration (Seconds) must be between 1 and 15, but got 16'],
			[{ remoteJid: NUMBER, callDuration: '={{ "ten" }}' }, 'Call Duration (Seconds) must be a whole number, but got "ten"'],
			[{ remoteJid: '120363025246125486@g.us' }, /is a group ID/],
		] as const) {
			const result = await offer(parameters);
			if (typeof message === 'string') expect(result.error?.message).toBe(message);
			else expect(result.error?.message).toMatch(message);
		}
		expect(fake.requests).toHaveLength(0);
	});

	it('reports the Cloud API refusal, and with Continue On Fail outputs it as an error item', async () => {
		const result = await offer({ instanceName: instanceParam('meta'), remoteJid: NUMBER }, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.error).toContain('Method not available on WhatsApp Business API');
		expect(result.items[0].json.httpCode).toBe('400');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});
});
