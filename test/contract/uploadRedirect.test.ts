/**
 * Multipart uploads do not follow redirects (following them keeps the whole upload in memory in
 * n8n's HTTP layer); a redirect is explained instead of silently re-sent.
 */
import type { FakeEvolution } from '../fake';
import { toBinaryData } from '../harness/binary';
import { runAction, startFake } from '../helpers/evolution';

describe('multipart upload and redirects', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake();
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());

	const item = { json: {}, binary: { data: toBinaryData(Buffer.from('%PDF-1.4 test'), { fileName: 'a.pdf', mimeType: 'application/pdf' }) } };

	it('reports a redirect with its target and does not send the file twice', async () => {
		fake.failNext('message.sendMedia', { status: 301, body: '', headers: { location: 'https://evo.example.com/message/sendMedia/inst' } });
		const result = await runAction(fake, {
			parameters: { resource: 'message', operation: 'sendMedia', remoteJid: '5511988887777' },
			items: [item],
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		expect(result.error?.message).toMatch(/redirect \(HTTP 301\): Redirected to https:\/\/evo\.example\.com/);
		expect(result.error?.description).toMatch(/Server URL/);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0].files).toHaveLength(1);
	});

	it('still uploads normally', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'message', operation: 'sendMedia', remoteJid: '5511988887777' },
			items: [item],
		});
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.files[0]).toMatchObject({ filename: 'a.pdf', contentType: 'application/pdf' });
	});
});
