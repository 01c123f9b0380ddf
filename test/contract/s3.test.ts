/**
 * Contract tests of the S3 resource (POST /s3/getMedia, POST /s3/getMediaUrl) against the
 * Evolution API 2.3.6 fake, with a local HTTP server standing in for the S3/MinIO endpoint.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution, Row } from '../fake';
import { expectCall, INSTANCE, instanceParam, runAction, startFake } from '../helpers/evolution';

const IMAGE = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02, 0x03]);

const ROWS: Row[] = [
	{
		id: 'cm1media0001',
		fileName: 'inst/5511999999999@s.whatsapp.net/imageMessage/3EB0AAA1.jpeg',
		type: 'imageMessage',
		mimetype: 'image/jpeg',
		createdAt: '2025-01-01T00:00:00.000Z',
		messageId: 'cmsg0001',
		Message: { id: 'cmsg0001', key: { id: '3EB0AAA1', remoteJid: '5511999999999@s.whatsapp.net', fromMe: false } },
	},
	{
		id: 'cm1media0002',
		fileName: 'inst/5511999999999@s.whatsapp.net/documentMessage/3EB0BBB2.pdf',
		type: 'documentMessage',
		mimetype: 'application/pdf',
		createdAt: '2025-01-02T00:00:00.000Z',
		messageId: 'cmsg0002',
		Message: { id: 'cmsg0002', key: { id: '3EB0BBB2', remoteJid: '5511999999999@s.whatsapp.net', fromMe: true } },
	},
	{
		id: 'cm1media0003',
		fileName: 'inst/120363025246125486@g.us/imageMessage/3EB0CCC3.png',
		type: 'imageMessage',
		mimetype: 'image/png',
		createdAt: '2025-01-03T00:00:00.000Z',
		messageId: 'cmsg0003',
		Message: { id: 'cmsg0003', key: { id: '3EB0CCC3', remoteJid: '120363025246125486@g.us', fromMe: false } },
	},
];

/** The S3 endpoint: serves IMAGE at any path, or the status set in `storageStatus`. */
interface StorageRequest {
	url: string;
	headers: http.IncomingHttpHeaders;
}
const storageRequests: StorageRequest[] = [];
let storageStatus = 200;
let storageType = 'application/octet-stream';
const storage = http.createServer((req, res) => {
	storageRequests.push({ url: req.url ?? '', headers: req.headers });
	if (storageStatus !== 200) {
		res.writeHead(storageStatus, { 'content-type': 'application/xml' });
		res.end('<Error><Code>AccessDenied</Code></Error>');
		return;
	}
	res.writeHead(200, { 'content-type': storageType, 'content-length': String(IMAGE.length) });
	res.end(IMAGE);
});
let storageUrl = '';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
	await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
	storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await fake.close();
	await new Promise<void>((resolve) => storage.close(() => resolve()));
});
beforeEach(() => {
	fake.reset();
	fake.state.media.set(INSTANCE, ROWS.map((row) => ({ ...row })));
	storageRequests.length = 0;
	storageStatus = 200;
	storageType = 'application/octet-stream';
});

async function run(
	operation: string,
	parameters: INodeParameters,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runAction(fake, { parameters: { resource: 's3', operation, ...parameters }, ...options });
}

/** Makes the next getMediaUrl answer point at the local storage server. */
function pointAtStorage(row: Row, path = '/evolution/evolution-api/file.bin?X-Amz-Signature=sig123'): void {
	fake.failNext('s3.getMediaUrl', { status: 200, body: { mediaUrl: `${storageUrl}${path}`, ...row } });
}

describe('S3 → Get Many (POST /s3/getMedia)', () => {
	it('lists the media rows, limited, one item each', async () => {
		const result = await run('getAll', { limit: 2 });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/s3/getMedia/${INSTANCE}`);
		expect(req.status).toBe(201);
		expect(req.body).toEqual({});
		expect(result.items.map((item) => item.json)).toEqual(ROWS.slice(0, 2));
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('Return All returns every row; the type and ID filters go to the server', async () => {
		const all = await run('getAll', { returnAll: true });
		expect(all.items).toHaveLength(3);
		fake.reset();
		const images = await run('getAll', { returnAll: true, filters: { type: 'imageMessage' } });
		expect(expectCall(fake.lastRequest(), 'POST', `/s3/getMedia/${INSTANCE}`).body).toEqual({ type: 'imageMessage' });
		expect(images.items.map((item) => item.json.id)).toEqual(['cm1media0001', 'cm1media0003']);
		const one = await run('getAll', { filters: { mediaId: 'cm1media0002' } });
		expect(expectCall(fake.lastRequest(), 'POST', `/s3/getMedia/${INSTANCE}`).body).toEqual({ id: 'cm1media0002' });
		expect(one.items.map((item) => item.json.id)).toEqual(['cm1media0002']);
	});

	it('filters by message ID in the node (the server schema wants an integer the database never holds)', async () => {
		const byKey = await run('getAll', { returnAll: true, filters: { messageId: '3EB0CCC3' } });
		expect(expectCall(fake.lastRequest(), 'POST', `/s3/getMedia/${INSTANCE}`).body).toEqual({});
		expect(byKey.items.map((item) => item.json.id)).toEqual(['cm1media0003']);
		const byRow = await run('getAll', { returnAll: true, filters: { messageId: 'cmsg0002' } });
		expect(byRow.items.map((item) => item.json.id)).toEqual(['cm1media0002']);
	});

	it('outputs nothing when the server answers "Media not found"', async () => {
		const result = await run('getAll', { returnAll: true, filters: { type: 'videoMessage' } });
		expect(fake.lastRequest()?.status).toBe(400);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it('two input items make two requests', async () => {
		const result = await run('getAll', { limit: 1 }, { items: [{ json: {} }, { json: {} }] });
		expect(fake.requests).toHaveLength(2);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('reports an unknown instance (404), and Continue On Fail keeps the other items', async () => {
		const result = await run(
			'getAll',
			{ instanceName: instanceParam('={{ $json.instance }}'), limit: 1 },
			{ continueOnFail: true, items: [{ json: { instance: 'ghost' } }, { json: { instance: INSTANCE } }] },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toBe('The instance "ghost" does not exist on this server');
		expect(result.items[1].json.id).toBe('cm1media0001');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses a limit below 1 before any request', async () => {
		const result = await run('getAll', { limit: 0 });
		expect(result.error?.message).toBe('Limit must be between 1 and ∞, but got 0');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('S3 → Get Media URL (POST /s3/getMediaUrl)', () => {
	it('outputs the pre-signed URL with the media row', async () => {
		const result = await run('getMediaUrl', { mediaId: 'cm1media0002' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/s3/getMediaUrl/${INSTANCE}`);
		expect(req.body).toEqual({ id: 'cm1media0002' });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ mediaUrl: `${fake.url}/fake-media/cm1media0002`, ...ROWS[1] });
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends the expiry as a numeric string, as the schema wants', async () => {
		const result = await run('getMediaUrl', { mediaId: 'cm1media0001', options: { expiry: 600 } });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/s3/getMediaUrl/${INSTANCE}`).body).toEqual({ id: 'cm1media0001', expiry: '600' });
	});

	it('Download File: outputs the bytes as binary with the stored MIME type and file name, without the API key', async () => {
		pointAtStorage(ROWS[0]);
		const result = await run('getMediaUrl', { mediaId: 'cm1media0001', download: true, outputBinaryField: 'media' });
		expect(result.error).toBeUndefined();
		expectCall(fake.lastRequest(), 'POST', `/s3/getMediaUrl/${INSTANCE}`);
		expect(storageRequests).toHaveLength(1);
		expect(storageRequests[0].url).toBe('/evolution/evolution-api/file.bin?X-Amz-Signature=sig123');
		expect(storageRequests[0].headers.apikey).toBeUndefined();
		const item = result.items[0];
		expect(item.json).toMatchObject({ id: 'cm1media0001', mimetype: 'image/jpeg' });
		expect(item.binary?.media).toMatchObject({ mimeType: 'image/jpeg', fileName: '3EB0AAA1.jpeg', fileExtension: 'jpg' });
		expect(await result.getBinaryBuffer(item, 'media')).toEqual(IMAGE);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('Download File: falls back to the storage content type and adds the extension', async () => {
		storageType = 'image/png';
		pointAtStorage({ ...ROWS[2], mimetype: null, fileName: 'inst/chat/imageMessage/3EB0CCC3' });
		const result = await run('getMediaUrl', { mediaId: 'cm1media0003', download: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.data).toMatchObject({ mimeType: 'image/png', fileName: '3EB0CCC3.png' });
	});

	it('Download File works in filesystem binary mode', async () => {
		pointAtStorage(ROWS[0]);
		const result = await runAction(fake, {
			parameters: { resource: 's3', operation: 'getMediaUrl', mediaId: 'cm1media0001', download: true },
			binaryMode: 'filesystem',
		});
		expect(result.error).toBeUndefined();
		expect(await result.getBinaryBuffer(result.items[0], 'data')).toEqual(IMAGE);
	});

	it('Download File: explains a refused download without leaking the signature', async () => {
		storageStatus = 403;
		pointAtStorage(ROWS[0]);
		const result = await run('getMediaUrl', { mediaId: 'cm1media0001', download: true });
		expect(result.error?.message).toBe('S3 refused the download of the media file (HTTP 403)');
		expect(result.error?.description).toContain('expired');
		expect(JSON.stringify(result.error)).not.toContain('sig123');
	});

	it('Download File: explains an unreachable storage host', async () => {
		fake.failNext('s3.getMediaUrl', { status: 200, body: { mediaUrl: 'http://127.0.0.1:1/bucket/x?X-Amz-Signature=sig123', ...ROWS[0] } });
		const result = await run('getMediaUrl', { mediaId: 'cm1media0001', download: true });
		expect(result.error?.message).toBe('Could not download the media file from S3');
		expect(result.error?.description).toContain('S3_ENDPOINT');
		expect(JSON.stringify(result.error)).not.toContain('sig123');
	});

	it('explains an answer without URL (S3 switched off on the server)', async () => {
		fake.failNext('s3.getMediaUrl', { status: 200, body: { ...ROWS[0] } });
		const result = await run('getMediaUrl', { mediaId: 'cm1media0001' });
		expect(result.error?.message).toBe('The Evolution API server returned no media URL');
		expect(result.error?.description).toContain('S3_ENABLED');
	});

	it('explains a server that cannot apply a custom expiry', async () => {
		fake.failNext('s3.getMediaUrl', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: ['expires should be of type "number"'] } },
		});
		const result = await run('getMediaUrl', { mediaId: 'cm1media0001', options: { expiry: 60 } });
		expect(result.error?.message).toContain('expires should be of type');
		expect(result.error?.description).toContain('Remove the Expiry option');
	});

	it('reports an unknown media ID ("Media not found")', async () => {
		const result = await run('getMediaUrl', { mediaId: 'cm1missing9' });
		expect(fake.lastRequest()?.validationErrors).toEqual([]);
		expect(result.error?.message).toContain('Media not found');
	});

	it.each([
		['an ID without digits', { mediaId: 'abc' }, 'Media ID "abc" is not a media ID'],
		['an empty ID', { mediaId: '={{ "" }}' }, 'Media ID is empty'],
		['an expiry over 7 days', { mediaId: 'cm1media0001', options: { expiry: 700000 } }, 'Expiry (Seconds) must be between 1 and 604800, but got 700000'],
		['a bad binary field', { mediaId: 'cm1media0001', download: true, outputBinaryField: 'a b' }, 'Put Output File in Field "a b" is not a valid binary field name'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await run('getMediaUrl', parameters as INodeParameters);
		expect(result.error?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});
});
