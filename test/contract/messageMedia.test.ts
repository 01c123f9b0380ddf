/**
 * Contract tests of the Message operations that send files (sendMedia, sendPtv,
 * sendWhatsAppAudio, sendSticker, sendStatus): real PNG, PDF, OGG/Opus and MP4 bytes from an
 * n8n binary property (in memory and in filesystem mode), a URL or base64, the automatic choice
 * between multipart/form-data and base64 JSON, and the errors raised before any request.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution, RecordedRequest } from '../fake';
import { toBinaryData } from '../harness/binary';
import { API_KEY, INSTANCE, runAction, startFake, type RunActionOptions } from '../helpers/evolution';

const FIXTURES = join(__dirname, '../fixtures/media');
const PNG = readFileSync(join(FIXTURES, 'image.png'));
const PDF = readFileSync(join(FIXTURES, 'document.pdf'));
const OGG = readFileSync(join(FIXTURES, 'voice.ogg'));
const MP4 = readFileSync(join(FIXTURES, 'clip.mp4'));

const NUMBER = '5511999999999';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
	// Sends to a group need a group the instance belongs to (the server reads its metadata).
	fake.state.groupsOf(INSTANCE).set('120363025246125486@g.us', { id: '120363025246125486@g.us', subject: 'Team' });
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	jest.restoreAllMocks();
});

function binaryItem(content: Buffer, fileName: string | undefined, mimeType: string, property = 'data'): INodeExecutionData {
	return { json: {}, binary: { [property]: toBinaryData(content, { fileName, mimeType }) } };
}

async function run(operation: string, parameters: INodeParameters, options: Omit<RunActionOptions, 'parameters'> = {}) {
	return await runAction(fake, { parameters: { resource: 'message', operation, ...parameters }, ...options });
}

/** The declared route, no query, accepted by the server's validator, answered 201. */
function expectSend(request: RecordedRequest | undefined, route: string): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect(req.method).toBe('POST');
	expect(req.path).toBe(`/message/${route}/${INSTANCE}`);
	expect(req.query).toEqual({});
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBe(201);
	return req;
}

function expectMultipart(req: RecordedRequest, file: { data: Buffer; filename: string; contentType: string }, fields: IDataObject): void {
	expect(String(req.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
	expect(req.body).toEqual(fields);
	expect(req.files).toHaveLength(1);
	expect(req.files[0].fieldName).toBe('file');
	expect(req.files[0].filename).toBe(file.filename);
	expect(req.files[0].contentType).toBe(file.contentType);
	expect(req.files[0].data.equals(file.data)).toBe(true);
}

function expectJson(req: RecordedRequest): IDataObject {
	expect(String(req.headers['content-type'])).toMatch(/^application\/json/);
	expect(req.files).toHaveLength(0);
	return req.body as IDataObject;
}

function decoded(value: unknown): Buffer {
	expect(typeof value).toBe('string');
	expect(value as string).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
	return Buffer.from(value as string, 'base64');
}

function expectPaired(items: INodeExecutionData[], ...indexes: number[]): void {
	expect(items.map((item) => item.pairedItem)).toEqual(indexes.map((item) => ({ item })));
}

describe('Message → Send Media (POST /message/sendMedia)', () => {
	it('uploads a PNG from the binary property as multipart, with type and name from its metadata', async () => {
		const result = await run('sendMedia', { remoteJid: '+55 (11) 99999-9999' }, { items: [binaryItem(PNG, 'chart.png', 'image/png')] });
		expect(result.error).toBeUndefined();
		const req = expectSend(fake.lastRequest(), 'sendMedia');
		expectMultipart(
			req,
			{ data: PNG, filename: 'chart.png', contentType: 'image/png' },
			{ number: NUMBER, mediatype: 'image', mimetype: 'image/png', fileName: 'chart.png' },
		);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.messageType).toBe('imageMessage');
		expect((result.items[0].json.key as IDataObject).remoteJid).toBe(`${NUMBER}@s.whatsapp.net`);
		expectPaired(result.items, 0);
	});

	it('streams a PDF kept by n8n on disk (filesystem mode) instead of loading it whole', async () => {
		const service = Container.get(BinaryDataService);
		const stream = jest.spyOn(service, 'getAsStream');
		const buffer = jest.spyOn(service, 'getAsBuffer');
		const result = await run(
			'sendMedia',
			{ remoteJid: NUMBER, binaryPropertyName: 'attachment', options: { caption: 'Invoice of May' } },
			{ items: [binaryItem(PDF, 'invoice.pdf', 'application/pdf', 'attachment')], binaryMode: 'filesystem' },
		);
		expect(result.error).toBeUndefined();
		// The node got an id-backed binary (filesystem mode) and read it only as a stream; nothing
		// read the stored file whole (the harness reads its own in-memory input once, without an id).
		expect(stream).toHaveBeenCalledTimes(1);
		expect(String(stream.mock.calls[0][0])).toMatch(/^filesystem/);
		expect(buffer.mock.calls.filter(([binary]) => binary.id !== undefined)).toEqual([]);
		const req = expectSend(fake.lastRequest(), 'sendMedia');
		expectMultipart(
			req,
			{ data: PDF, filename: 'invoice.pdf', contentType: 'application/pdf' },
			{ number: NUMBER, mediatype: 'document', mimetype: 'application/pdf', fileName: 'invoice.pdf', caption: 'Invoice of May' },
		);
		expect(Number(req.headers['content-length'])).toBe(req.rawBody.length);
		expectPaired(result.items, 0);
	});

	it('streams a multi-megabyte video from disk with the right length and bytes', async () => {
		const big = Buffer.concat([MP4, randomBytes(3 * 1024 * 1024)]);
		const result = await run('sendMedia', { remoteJid: NUMBER }, { items: [binaryItem(big, 'long.mp4', 'video/mp4')], binaryMode: 'filesystem' });
		expect(result.error).toBeUndefined();
		const req = expectSend(fake.lastRequest(), 'sendMedia');
		expect(Number(req.headers['content-length'])).toBe(req.rawBody.length);
		expect(req.files[0].data.equals(big)).toBe(true);
		expect(req.body).toEqual({ number: NUMBER, mediatype: 'video', mimetype: 'video/mp4', fileName: 'long.mp4' });
	});

	it('accepts the binary object itself from an expression, sizing an older on-disk binary from its metadata', async () => {
		const result = await run(
			'sendMedia',
			// A binary object without `bytes`, as older n8n versions stored it.
			{ remoteJid: NUMBER, binaryPropertyName: '={{ { id: $binary.data.id, mimeType: $binary.data.mimeType, fileName: $binary.data.fileName } }}' },
			{ items: [binaryItem(OGG, 'note.ogg', 'audio/ogg')], binaryMode: 'filesystem' },
		);
		expect(result.error).toBeUndefined();
		const req = expectSend(fake.lastRequest(), 'sendMedia');
		expectMultipart(
			req,
			{ data: OGG, filename: 'note.ogg', contentType: 'audio/ogg' },
			{ number: NUMBER, mediatype: 'audio', mimetype: 'audio/ogg', fileName: 'note.ogg' },
		);
		expect(Number(req.headers['content-length'])).toBe(req.rawBody.length);
	});

	it('sends base64 JSON when Delay, Reply To or mentions are set (form fields would arrive as strings)', async () => {
		const result = await run(
			'sendMedia',
			{
				remoteJid: '120363025246125486@g.us',
				options: {
					caption: 'Look',
					delay: 1200,
					mentioned: '5511888888888',
					quoted: { message: { id: '3EB0C767D26A1D2E5A8B', text: 'earlier' } },
				},
			},
			{ items: [binaryItem(PNG, 'chart.png', 'image/png')], binaryMode: 'filesystem' },
		);
		expect(result.error).toBeUndefined();
		const body = expectJson(expectSend(fake.lastRequest(), 'sendMedia'));
		expect(decoded(body.media).equals(PNG)).toBe(true);
		expect(body).toMatchObject({
			number: '120363025246125486@g.us',
			mediatype: 'image',
			mimetype: 'image/png',
			fileName: 'chart.png',
			caption: 'Look',
			delay: 1200,
			mentioned: ['5511888888888'],
			quoted: { key: { id: '3EB0C767D26A1D2E5A8B', fromMe: false }, message: { conversation: 'earlier' } },
		});
	});

	it('passes a URL for the server to download, typed from its extension, without downloading it', async () => {
		const url = 'https://files.example.com/media/clip.mp4?sig=abc';
		const result = await run('sendMedia', { remoteJid: NUMBER, fileSource: 'url', fileUrl: url });
		expect(result.error).toBeUndefined();
		const body = expectJson(expectSend(fake.lastRequest(), 'sendMedia'));
		expect(body).toEqual({ number: NUMBER, mediatype: 'video', mimetype: 'video/mp4', fileName: 'clip.mp4', media: url });
		expect(fake.requests).toHaveLength(1);
	});

	it('needs the MIME Type for a URL without extension, and then uses it', async () => {
		const url = 'https://files.example.com/download?id=42';
		const refused = await run('sendMedia', { remoteJid: NUMBER, fileSource: 'url', fileUrl: url });
		expect(refused.error?.message).toContain('cannot be told from its URL');
		expect(fake.requests).toHaveLength(0);

		const result = await run('sendMedia', {
			remoteJid: NUMBER,
			fileSource: 'url',
			fileUrl: url,
			options: { mimeType: 'application/pdf', fileName: 'report' },
		});
		expect(result.error).toBeUndefined();
		const body = expectJson(expectSend(fake.lastRequest(), 'sendMedia'));
		expect(body).toEqual({ number: NUMBER, mediatype: 'document', mimetype: 'application/pdf', fileName: 'report.pdf', media: url });
	});

	it('decodes base64 (data: URL) and uploads the bytes as multipart with the declared type', async () => {
		const result = await run('sendMedia', {
			remoteJid: NUMBER,
			fileSource: 'base64',
			fileBase64: `data:video/mp4;base64,${MP4.toString('base64')}`,
			options: { fileName: 'clip' },
		});
		expect(result.error).toBeUndefined();
		expectMultipart(
			expectSend(fake.lastRequest(), 'sendMedia'),
			{ data: MP4, filename: 'clip.mp4', contentType: 'video/mp4' },
			{ number: NUMBER, mediatype: 'video', mimetype: 'video/mp4', fileName: 'clip.mp4' },
		);
	});

	it('recognises plain base64 from its bytes and sends it as JSON when a delay is set', async () => {
		const result = await run('sendMedia', {
			remoteJid: NUMBER,
			fileSource: 'base64',
			fileBase64: PDF.toString('base64'),
			options: { delay: 500 },
		});
		expect(result.error).toBeUndefined();
		const body = expectJson(expectSend(fake.lastRequest(), 'sendMedia'));
		expect(decoded(body.media).equals(PDF)).toBe(true);
		expect(body).toMatchObject({ mediatype: 'document', mimetype: 'application/pdf', fileName: 'file.pdf', delay: 500 });
	});

	it('sends an image as a document with Send as Document', async () => {
		const result = await run(
			'sendMedia',
			{ remoteJid: NUMBER, options: { sendAsDocument: true } },
			{ items: [binaryItem(PNG, 'scan.png', 'image/png')] },
		);
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.body).toMatchObject({ mediatype: 'document', mimetype: 'image/png', fileName: 'scan.png' });
	});

	it('refuses a MIME type that contradicts the file extension, unless MIME Type overrides it', async () => {
		const refused = await run('sendMedia', { remoteJid: NUMBER }, { items: [binaryItem(PDF, 'photo.png', 'application/pdf')] });
		expect(refused.error?.message).toContain('contradicts the file name "photo.png"');
		expect(refused.error?.description).toContain('MIME Type');
		expect(fake.requests).toHaveLength(0);

		const result = await run(
			'sendMedia',
			{ remoteJid: NUMBER, options: { mimeType: 'application/pdf', fileName: 'report.pdf' } },
			{ items: [binaryItem(PDF, 'photo.png', 'application/pdf')] },
		);
		expect(result.error).toBeUndefined();
		expectMultipart(
			expectSend(fake.lastRequest(), 'sendMedia'),
			{ data: PDF, filename: 'report.pdf', contentType: 'application/pdf' },
			{ number: NUMBER, mediatype: 'document', mimetype: 'application/pdf', fileName: 'report.pdf' },
		);
	});

	it('refuses a caption longer than WhatsApp allows before sending', async () => {
		const result = await run(
			'sendMedia',
			{ remoteJid: NUMBER, options: { caption: 'x'.repeat(70000) } },
			{ items: [binaryItem(PNG, 'chart.png', 'image/png')] },
		);
		expect(result.error?.message).toContain('Caption is too long (70000 characters; the limit is 65536)');
		expect(fake.requests).toHaveLength(0);
	});

	it('sends one request per input item, each with its own file', async () => {
		const result = await run(
			'sendMedia',
			{ remoteJid: '={{ $json.to }}' },
			{
				items: [
					{ ...binaryItem(PNG, 'a.png', 'image/png'), json: { to: '5511888888888' } },
					{ ...binaryItem(PDF, 'b.pdf', 'application/pdf'), json: { to: '5511777777777' } },
				],
				binaryMode: 'filesystem',
			},
		);
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		expect(fake.requests.map((req) => (req.body as IDataObject).number)).toEqual(['5511888888888', '5511777777777']);
		expect(fake.requests[0].files[0].data.equals(PNG)).toBe(true);
		expect(fake.requests[1].files[0].data.equals(PDF)).toBe(true);
		expectPaired(result.items, 0, 1);
	});

	describe('refused before any request', () => {
		it('a missing binary property, naming the field, the item and the fields it has', async () => {
			const result = await run(
				'sendMedia',
				{ remoteJid: NUMBER, binaryPropertyName: 'file' },
				{ items: [{ json: {} }, binaryItem(PNG, 'a.png', 'image/png')] },
			);
			expect(result.error?.message).toBe('Input Data Field Name: item 0 has no binary field "file"');
			expect(result.error?.description).toContain('carries no binary data');
			expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(0);
			expect(fake.requests).toHaveLength(0);

			const second = await run('sendMedia', { remoteJid: NUMBER, binaryPropertyName: 'file' }, { items: [binaryItem(PNG, 'a.png', 'image/png')] });
			expect(second.error?.description).toContain('The item\'s binary fields are: data');
		});

		it('an empty file, in both binary modes', async () => {
			for (const binaryMode of ['default', 'filesystem'] as const) {
				const result = await run('sendMedia', { remoteJid: NUMBER }, { items: [binaryItem(Buffer.alloc(0), 'empty.pdf', 'application/pdf')], binaryMode });
				expect(result.error?.message).toBe('File in field "data" is empty (0 bytes) [item 0]');
			}
			expect(fake.requests).toHaveLength(0);
		});

		it('invalid base64 and an empty Base64 Content', async () => {
			const invalid = await run('sendMedia', { remoteJid: NUMBER, fileSource: 'base64', fileBase64: 'not base64!' });
			expect(invalid.error?.message).toBe('Base64 Content [item 0] is not valid base64');
			const empty = await run('sendMedia', { remoteJid: NUMBER, fileSource: 'base64', fileBase64: '  ' });
			expect(empty.error?.message).toBe('Base64 Content is empty [item 0]');
			expect(fake.requests).toHaveLength(0);
		});

		it('a URL that is not http(s)', async () => {
			const result = await run('sendMedia', { remoteJid: NUMBER, fileSource: 'url', fileUrl: 'ftp://example.com/a.png' });
			expect(result.error?.message).toBe('File URL "ftp://example.com/a.png" is not a valid http(s) URL [item 0]');
			expect(fake.requests).toHaveLength(0);
		});

		it('an invalid MIME Type override', async () => {
			const result = await run('sendMedia', { remoteJid: NUMBER, options: { mimeType: 'pdf' } }, { items: [binaryItem(PDF, 'a.pdf', 'application/pdf')] });
			expect(result.error?.message).toBe('MIME Type "pdf" is not a valid MIME type [item 0]');
			expect(fake.requests).toHaveLength(0);
		});
	});

	it('with Continue On Fail turns the bad item into an error item and still sends the others', async () => {
		const result = await run(
			'sendMedia',
			{ remoteJid: NUMBER },
			{ items: [{ json: {} }, binaryItem(OGG, 'voice.ogg', 'audio/ogg')], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toBe('Input Data Field Name: item 0 has no binary field "data"');
		expect(result.items[1].json.messageType).toBe('audioMessage');
		expectPaired(result.items, 0, 1);
		expect(fake.requests).toHaveLength(1);
		expect(fake.lastRequest()!.body).toMatchObject({ mediatype: 'audio', mimetype: 'audio/ogg', fileName: 'voice.ogg' });
	});

	it('reports the server\'s validation error (400) and an unknown instance (404)', async () => {
		fake.failNext('message.sendMedia', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: [['Owned media must be a url or base64']] } },
		});
		const bad = await run('sendMedia', { remoteJid: NUMBER }, { items: [binaryItem(PNG, 'a.png', 'image/png')] });
		expect(bad.error?.message).toBe('The Evolution API server rejected the request: Owned media must be a url or base64');

		const unknown = await run('sendMedia', { remoteJid: NUMBER, instanceName: { __rl: true, mode: 'name', value: 'ghost' } }, {
			items: [binaryItem(PNG, 'a.png', 'image/png')],
		});
		expect((unknown.error as unknown as { httpCode?: string }).httpCode).toBe('404');
		expect(unknown.error?.message).toContain('ghost');
	});
});

describe('Message → Send Video Note (POST /message/sendPtv)', () => {
	it('uploads an MP4 kept on disk as the file part', async () => {
		const result = await run('sendPtv', { remoteJid: NUMBER }, { items: [binaryItem(MP4, 'note.mp4', 'video/mp4')], binaryMode: 'filesystem' });
		expect(result.error).toBeUndefined();
		expectMultipart(expectSend(fake.lastRequest(), 'sendPtv'), { data: MP4, filename: 'note.mp4', contentType: 'video/mp4' }, { number: NUMBER });
		expect(result.items[0].json.messageType).toBe('ptvMessage');
		expectPaired(result.items, 0);
	});

	it('sends `video` as base64 JSON with a delay, and a URL as is', async () => {
		await run('sendPtv', { remoteJid: NUMBER, options: { delay: 300 } }, { items: [binaryItem(MP4, 'note.mp4', 'video/mp4')] });
		const body = expectJson(expectSend(fake.lastRequest(), 'sendPtv'));
		expect(decoded(body.video).equals(MP4)).toBe(true);
		expect(body.delay).toBe(300);

		await run('sendPtv', { remoteJid: NUMBER, fileSource: 'url', fileUrl: 'https://cdn.example.com/note.mp4' });
		expect(expectJson(expectSend(fake.lastRequest(), 'sendPtv'))).toEqual({ number: NUMBER, video: 'https://cdn.example.com/note.mp4' });
	});

	it('refuses a file that is not a video', async () => {
		const zip = await run('sendPtv', { remoteJid: NUMBER }, { items: [binaryItem(Buffer.from('PK\u0003\u0004zip'), 'archive.zip', 'application/zip')] });
		expect(zip.error?.message).toBe('Video in field "data" is application/zip, but this operation needs a video [item 0]');
		const url = await run('sendPtv', { remoteJid: NUMBER, fileSource: 'url', fileUrl: 'https://cdn.example.com/photo.png' });
		expect(url.error?.message).toContain('is image/png, but this operation needs a video');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Message → Send Voice Note (POST /message/sendWhatsAppAudio)', () => {
	it('uploads an OGG/Opus voice note as multipart (in memory) and streams it in filesystem mode', async () => {
		for (const binaryMode of ['default', 'filesystem'] as const) {
			fake.reset();
			const result = await run('sendWhatsAppAudio', { remoteJid: NUMBER }, { items: [binaryItem(OGG, 'voice.ogg', 'audio/ogg; codecs=opus')], binaryMode });
			expect(result.error).toBeUndefined();
			expectMultipart(
				expectSend(fake.lastRequest(), 'sendWhatsAppAudio'),
				{ data: OGG, filename: 'voice.ogg', contentType: 'audio/ogg; codecs=opus' },
				{ number: NUMBER },
			);
			expect(result.items[0].json.messageType).toBe('audioMessage');
		}
	});

	it('sends JSON with encoding false when conversion is off (a boolean cannot be a form field)', async () => {
		await run('sendWhatsAppAudio', { remoteJid: NUMBER, options: { encoding: false } }, { items: [binaryItem(OGG, 'voice.ogg', 'audio/ogg')] });
		const body = expectJson(expectSend(fake.lastRequest(), 'sendWhatsAppAudio'));
		expect(decoded(body.audio).equals(OGG)).toBe(true);
		expect(body.encoding).toBe(false);
		expect(body.number).toBe(NUMBER);
	});

	it('refuses a non-audio file, and accepts it when MIME Type says audio', async () => {
		const refused = await run('sendWhatsAppAudio', { remoteJid: NUMBER }, { items: [binaryItem(Buffer.from('PK\u0003\u0004zip'), 'a.zip', 'application/zip')] });
		expect(refused.error?.message).toContain('is application/zip, but this operation needs an audio');
		expect(fake.requests).toHaveLength(0);

		const unknown = await run('sendWhatsAppAudio', { remoteJid: NUMBER }, { items: [binaryItem(OGG, 'recording', 'application/octet-stream')] });
		// No usable type in the metadata: recognised from the bytes.
		expect(unknown.error).toBeUndefined();
		expect(fake.lastRequest()!.files[0]).toMatchObject({ filename: 'recording.ogg', contentType: 'audio/ogg' });
	});
});

describe('Message → Send Sticker (POST /message/sendSticker)', () => {
	// A multipart upload fails on 2.3.6 with 500 "Invalid URL" (the fake reproduces it): the
	// sticker always goes as base64 JSON, which the server converts to WebP.
	it('sends a PNG as base64 JSON, with or without Keep Original Format', async () => {
		const result = await run('sendSticker', { remoteJid: NUMBER }, { items: [binaryItem(PNG, 'smile.png', 'image/png')] });
		expect(result.error).toBeUndefined();
		const body = expectJson(expectSend(fake.lastRequest(), 'sendSticker'));
		expect(body.number).toBe(NUMBER);
		expect(decoded(body.sticker).equals(PNG)).toBe(true);
		expect(body.notConvertSticker).toBeUndefined();
		expect(result.items[0].json.messageType).toBe('stickerMessage');

		await run('sendSticker', { remoteJid: NUMBER, options: { notConvertSticker: true } }, { items: [binaryItem(PNG, 'smile.png', 'image/png')] });
		const kept = expectJson(expectSend(fake.lastRequest(), 'sendSticker'));
		expect(decoded(kept.sticker).equals(PNG)).toBe(true);
		expect(kept.notConvertSticker).toBe(true);
	});

	it('the fake answers a multipart sticker as 2.3.6 does', async () => {
		const form = new FormData();
		form.append('number', NUMBER);
		form.append('file', new Blob([PNG], { type: 'image/png' }), 'smile.png');
		const response = await fetch(`${fake.url}/message/sendSticker/${INSTANCE}`, { method: 'POST', headers: { apikey: API_KEY }, body: form });
		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({ status: 500, error: 'Internal Server Error', response: { message: 'Invalid URL' } });
	});

	it('refuses a PDF', async () => {
		const result = await run('sendSticker', { remoteJid: NUMBER }, { items: [binaryItem(PDF, 'a.pdf', 'application/pdf')] });
		expect(result.error?.message).toBe('Sticker in field "data" is application/pdf, but this operation needs an image [item 0]');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Message → Send Status (POST /message/sendStatus)', () => {
	it('posts a text status to all contacts', async () => {
		const result = await run('sendStatus', { statusType: 'text', text: 'Open today until 8pm', backgroundColor: '#008069', font: 3 });
		expect(result.error).toBeUndefined();
		const body = expectJson(expectSend(fake.lastRequest(), 'sendStatus'));
		expect(body).toEqual({ type: 'text', content: 'Open today until 8pm', backgroundColor: '#008069', font: 3, allContacts: true });
		expectPaired(result.items, 0);
	});

	it('posts an image status from the binary property as base64 JSON to listed viewers', async () => {
		const result = await run(
			'sendStatus',
			{ statusType: 'image', allContacts: false, statusJidList: '+55 11 98888-8888, 5511777777777@s.whatsapp.net, 5511888888888', options: { caption: 'New menu' } },
			{ items: [binaryItem(PNG, 'menu.png', 'image/png')], binaryMode: 'filesystem' },
		);
		expect(result.error).toBeUndefined();
		const body = expectJson(expectSend(fake.lastRequest(), 'sendStatus'));
		expect(decoded(body.content).equals(PNG)).toBe(true);
		expect(body).toMatchObject({
			type: 'image',
			caption: 'New menu',
			statusJidList: ['5511988888888@s.whatsapp.net', '5511777777777@s.whatsapp.net', '5511888888888@s.whatsapp.net'],
		});
		expect(body.allContacts).toBeUndefined();
	});

	it('posts video and audio statuses (video from a URL, audio from base64)', async () => {
		await run('sendStatus', { statusType: 'video', fileSource: 'url', fileUrl: 'https://cdn.example.com/story.mp4' });
		expect(expectJson(expectSend(fake.lastRequest(), 'sendStatus'))).toEqual({
			type: 'video',
			content: 'https://cdn.example.com/story.mp4',
			allContacts: true,
		});
		await run('sendStatus', { statusType: 'audio', fileSource: 'base64', fileBase64: OGG.toString('base64') });
		const body = expectJson(expectSend(fake.lastRequest(), 'sendStatus'));
		expect(decoded(body.content).equals(OGG)).toBe(true);
	});

	it('refuses a video file for an image status, an empty viewer list and a bad colour', async () => {
		const wrong = await run('sendStatus', { statusType: 'image' }, { items: [binaryItem(MP4, 'a.mp4', 'video/mp4')] });
		expect(wrong.error?.message).toBe('Media in field "data" is video/mp4, but this operation needs an image [item 0]');
		const viewers = await run('sendStatus', { statusType: 'text', text: 'hi', allContacts: false, statusJidList: ' , ' });
		expect(viewers.error?.message).toBe('Viewers is empty');
		const colour = await run('sendStatus', { statusType: 'text', text: 'hi', backgroundColor: 'green' });
		expect(colour.error?.message).toBe('Background Color "green" is not a hex colour');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('binaryInput: the streamed File of a binary kept on disk', () => {
	it('opens the stored file only when its stream is read, and pulls it chunk by chunk', async () => {
		const { Readable } = await import('node:stream');
		const { fileInputToBlob } = await import('../../nodes/shared/binaryInput');
		const chunks = Array.from({ length: 200 }, (_, index) => Buffer.alloc(1024, index));
		let produced = 0;
		const getBinaryStream = jest.fn(async () =>
			Readable.from(
				(function* () {
					for (const chunk of chunks) {
						produced++;
						yield chunk;
					}
				})(),
			),
		);
		const context = { helpers: { getBinaryStream } } as never;
		const blob = await fileInputToBlob.call(context, {
			kind: 'binary',
			mimeType: 'video/mp4',
			fileName: 'big.mp4',
			mediaType: 'video',
			size: 200 * 1024,
			binaryDataId: 'filesystem-v2:abc',
		});
		expect(blob).toBeInstanceOf(File);
		expect([blob.name, blob.type, blob.size]).toEqual(['big.mp4', 'video/mp4', 204800]);
		expect(getBinaryStream).not.toHaveBeenCalled();

		const reader = blob.stream().getReader();
		const first = await reader.read();
		expect(getBinaryStream).toHaveBeenCalledWith('filesystem-v2:abc');
		expect(Buffer.from(first.value!).equals(chunks[0])).toBe(true);
		// Only a small read-ahead, never the whole file.
		expect(produced).toBeLessThan(20);
		let total = first.value!.length;
		for (let next = await reader.read(); !next.done; next = await reader.read()) total += next.value.length;
		expect(total).toBe(204800);
		expect(produced).toBe(200);
	});
});
