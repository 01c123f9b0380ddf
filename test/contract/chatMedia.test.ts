/**
 * Media as n8n binary data: Chat → Download Media (POST /chat/getBase64FromMediaMessage) and
 * Chat → Get Profile Picture (POST /chat/fetchProfilePictureUrl) with the picture downloaded
 * from a local HTTP server standing in for WhatsApp's picture host.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution, RecordedRequest } from '../fake';
import { INSTANCE, instanceParam, runAction, startFake } from '../helpers/evolution';

const CONTACT = '5511999999999';
const CONTACT_JID = `${CONTACT}@s.whatsapp.net`;
// Real file headers, so nothing can pass by guessing from empty bytes.
const OGG = Buffer.concat([Buffer.from('OggS\0\x02', 'binary'), Buffer.from('opus voice note bytes')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

let fake: FakeEvolution;

/** A stand-in for pps.whatsapp.net: records requests, serves whatever `reply` says. */
const pictureRequests: http.IncomingHttpHeaders[] = [];
let reply: { status: number; type?: string; body: Buffer } = { status: 200, type: 'image/jpeg', body: JPEG };
const pictureHost = http.createServer((request, response) => {
	pictureRequests.push(request.headers);
	response.writeHead(reply.status, reply.type ? { 'content-type': reply.type } : {});
	response.end(reply.body);
});
let pictureUrl = '';

beforeAll(async () => {
	fake = await startFake();
	fake.addInstance({ name: 'meta', integration: 'WHATSAPP-BUSINESS' });
	await new Promise<void>((resolve) => pictureHost.listen(0, '127.0.0.1', resolve));
	pictureUrl = `http://127.0.0.1:${(pictureHost.address() as AddressInfo).port}/v/t61/profile.jpg?oh=abc`;
});
afterAll(async () => {
	await fake.close();
	await new Promise<void>((resolve) => pictureHost.close(() => resolve()));
});
beforeEach(() => {
	fake.reset();
	fake.state.media.clear();
	pictureRequests.length = 0;
	reply = { status: 200, type: 'image/jpeg', body: JPEG };
});

function seedMedia(messageId: string, data: Buffer, mimetype: string, type: string, fileName?: string): void {
	fake.state.listOf(fake.state.media, INSTANCE).push({ id: `m-${messageId}`, messageId, data, mimetype, type, fileName });
}

async function run(operation: string, parameters: INodeParameters, binaryMode?: 'default' | 'filesystem') {
	return await runAction(fake, { parameters: { resource: 'chat', operation, ...parameters }, binaryMode });
}

function expectCall(request: RecordedRequest | undefined, path: string): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect(req.method).toBe('POST');
	expect(req.path).toBe(path);
	expect(req.query).toEqual({});
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	return req;
}

describe('Chat → Download Media (POST /chat/getBase64FromMediaMessage)', () => {
	it('turns a voice note into binary data: MIME type without codecs, file name with extension', async () => {
		seedMedia('3EB0AUDIO', OGG, 'audio/ogg; codecs=opus', 'audio');
		const result = await run('downloadMedia', { messageId: '3EB0AUDIO' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), `/chat/getBase64FromMediaMessage/${INSTANCE}`);
		expect(req.body).toEqual({ message: { key: { id: '3EB0AUDIO' } } });
		expect(req.status).toBe(201);
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ mediaType: 'audioMessage', mimetype: 'audio/ogg; codecs=opus', messageId: '3EB0AUDIO' });
		expect(item.json).not.toHaveProperty('base64');
		const binary = item.binary!.data;
		expect(binary).toMatchObject({ mimeType: 'audio/ogg', fileName: '3EB0AUDIO.ogg', fileExtension: 'ogg' });
		expect(await result.getBinaryBuffer(item, 'data')).toEqual(OGG);
	});

	it("keeps WhatsApp's file name, honours the output field and works in filesystem mode", async () => {
		seedMedia('3EB0DOC', PDF, 'application/pdf', 'document', 'invoice 42.pdf');
		const result = await run('downloadMedia', { messageId: '3EB0DOC', options: { outputBinaryField: 'file' } }, 'filesystem');
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary!.data).toBeUndefined();
		expect(item.binary!.file).toMatchObject({ mimeType: 'application/pdf', fileName: 'invoice 42.pdf', fileExtension: 'pdf' });
		expect(item.binary!.file.id).toBeDefined();
		expect(await result.getBinaryBuffer(item, 'file')).toEqual(PDF);
	});

	it('renames the file and asks for MP4 conversion', async () => {
		seedMedia('3EB0AUDIO', OGG, 'audio/ogg; codecs=opus', 'audio');
		const result = await run('downloadMedia', { messageId: '3EB0AUDIO', options: { convertToMp4: true, fileName: 'voice' } });
		expect(expectCall(fake.lastRequest(), `/chat/getBase64FromMediaMessage/${INSTANCE}`).body).toEqual({
			message: { key: { id: '3EB0AUDIO' } },
			convertToMp4: true,
		});
		expect(result.items[0].binary!.data.fileName).toBe('voice.ogg');
	});

	it('sends the whole message object of a trigger event', async () => {
		seedMedia('3EB0AUDIO', OGG, 'audio/ogg; codecs=opus', 'audio');
		const event = {
			key: { remoteJid: CONTACT_JID, fromMe: false, id: '3EB0AUDIO' },
			message: { audioMessage: { mimetype: 'audio/ogg; codecs=opus', ptt: true } },
			messageType: 'audioMessage',
		};
		const result = await runAction(fake, {
			parameters: { resource: 'chat', operation: 'downloadMedia', messageSource: 'object', messageObject: '={{ $json.data }}' },
			items: [{ json: { data: event } }],
		});
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), `/chat/getBase64FromMediaMessage/${INSTANCE}`).body).toEqual({ message: event });
		expect(await result.getBinaryBuffer(result.items[0], 'data')).toEqual(OGG);
	});

	it('uses the file name when the server gives a generic MIME type', async () => {
		fake.failNext('chat.getBase64FromMediaMessage', {
			status: 201,
			body: { mediaType: 'documentMessage', fileName: 'report.pdf', mimetype: 'application/octet-stream', base64: PDF.toString('base64') },
		});
		const result = await run('downloadMedia', { messageId: 'X' });
		expect(result.items[0].binary!.data).toMatchObject({ mimeType: 'application/pdf', fileName: 'report.pdf' });
	});

	it('fixes a file name the server built from a failed extension lookup', async () => {
		fake.failNext('chat.getBase64FromMediaMessage', {
			status: 201,
			body: { mediaType: 'imageMessage', fileName: '3EB0IMG.false', mimetype: 'image/jpeg', base64: JPEG.toString('base64') },
		});
		const result = await run('downloadMedia', { messageId: '3EB0IMG' });
		expect(result.items[0].binary!.data).toMatchObject({ mimeType: 'image/jpeg', fileName: '3EB0IMG.jpg' });
	});

	it('fails clearly when the message has no media (server answers null)', async () => {
		fake.failNext('chat.getBase64FromMediaMessage', { status: 201, body: null });
		const result = await run('downloadMedia', { messageId: 'X' });
		expect(result.error?.message).toBe('The message has no media to download');
	});

	it('fails clearly when the answer carries no base64', async () => {
		fake.failNext('chat.getBase64FromMediaMessage', { status: 201, body: { mediaType: 'imageMessage', mimetype: 'image/jpeg' } });
		const result = await run('downloadMedia', { messageId: 'X' });
		expect(result.error?.message).toBe('The Evolution API server returned no data for the media');
	});

	it('explains the 400 of an unknown message', async () => {
		const result = await run('downloadMedia', { messageId: 'NOPE' });
		expect(fake.lastRequest()!.status).toBe(400);
		expect(result.error?.message).toBe('The Evolution API server rejected the request: Message not found');
	});

	it('reports the Evolution channel refusal', async () => {
		fake.addInstance({ name: 'evo', integration: 'EVOLUTION' });
		const result = await runAction(fake, {
			parameters: { resource: 'chat', operation: 'downloadMedia', instanceName: instanceParam('evo'), messageId: 'X' },
		});
		expect(result.error?.message).toMatch(/Method not available on Evolution Channel/);
	});

	it('refuses bad input before any request', async () => {
		const empty = await run('downloadMedia', { messageId: ' ' });
		expect(empty.error?.message).toMatch(/Message ID is empty/);
		const notJson = await run('downloadMedia', { messageSource: 'object', messageObject: '{not json' });
		expect(notJson.error?.message).toBe('Message Object is not valid JSON');
		const noKey = await run('downloadMedia', { messageSource: 'object', messageObject: '{"text":"hi"}' });
		expect(noKey.error?.message).toBe('Message Object has neither key.id nor message');
		const badField = await run('downloadMedia', { messageId: 'X', options: { outputBinaryField: 'my file' } });
		expect(badField.error?.message).toMatch(/Put Output File in Field "my file" is not a valid binary field name/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Chat → Get Profile Picture (POST /chat/fetchProfilePictureUrl)', () => {
	it('returns the URL without downloading by default', async () => {
		const result = await run('getProfilePicture', { chatJid: { __rl: true, mode: 'id', value: CONTACT } });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), `/chat/fetchProfilePictureUrl/${INSTANCE}`);
		expect(req.body).toEqual({ number: CONTACT });
		expect(result.items[0].json).toEqual({ wuid: CONTACT_JID, profilePictureUrl: 'https://pps.whatsapp.net/fake/profile.jpg' });
		expect(result.items[0].binary).toBeUndefined();
		expect(pictureRequests).toHaveLength(0);
	});

	it('downloads the picture as binary, without sending the API key to the picture host', async () => {
		fake.failNext('chat.fetchProfilePictureUrl', { status: 200, body: { wuid: CONTACT_JID, profilePictureUrl: pictureUrl } });
		const result = await run('getProfilePicture', {
			chatJid: { __rl: true, mode: 'id', value: CONTACT },
			options: { downloadPicture: true, outputBinaryField: 'picture' },
		});
		expect(result.error).toBeUndefined();
		expect(pictureRequests).toHaveLength(1);
		expect(pictureRequests[0].apikey).toBeUndefined();
		expect(pictureRequests[0].authorization).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toEqual({ wuid: CONTACT_JID, profilePictureUrl: pictureUrl });
		expect(item.binary!.picture).toMatchObject({ mimeType: 'image/jpeg', fileName: `profile-${CONTACT}.jpg`, fileExtension: 'jpg' });
		expect(await result.getBinaryBuffer(item, 'picture')).toEqual(JPEG);
	});

	it('names the file from the content type the host sends', async () => {
		reply = { status: 200, type: 'image/webp', body: Buffer.from('RIFF\0\0\0\0WEBPVP8 ') };
		fake.failNext('chat.fetchProfilePictureUrl', { status: 200, body: { wuid: CONTACT_JID, profilePictureUrl: pictureUrl } });
		const result = await run('getProfilePicture', { chatJid: { __rl: true, mode: 'id', value: CONTACT }, options: { downloadPicture: true } });
		expect(result.items[0].binary!.data).toMatchObject({ mimeType: 'image/webp', fileName: `profile-${CONTACT}.webp` });
	});

	it('adds no binary when there is no picture (null URL, e.g. Cloud API instances)', async () => {
		const result = await runAction(fake, {
			parameters: {
				resource: 'chat',
				operation: 'getProfilePicture',
				instanceName: instanceParam('meta'),
				chatJid: { __rl: true, mode: 'id', value: CONTACT },
				options: { downloadPicture: true },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.profilePictureUrl).toBeNull();
		expect(result.items[0].binary).toBeUndefined();
		expect(pictureRequests).toHaveLength(0);
	});

	it('fails clearly when the picture link has expired', async () => {
		reply = { status: 403, type: 'text/plain', body: Buffer.from('URL signature expired') };
		fake.failNext('chat.fetchProfilePictureUrl', { status: 200, body: { wuid: CONTACT_JID, profilePictureUrl: pictureUrl } });
		const result = await run('getProfilePicture', { chatJid: { __rl: true, mode: 'id', value: CONTACT }, options: { downloadPicture: true } });
		expect(result.error?.message).toBe('Could not download the profile picture (HTTP 403)');
	});

	it('works for a group and for each input item', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'chat', operation: 'getProfilePicture', chatJid: { __rl: true, mode: 'id', value: '={{ $json.chat }}' } },
			items: [{ json: { chat: '120363025246125486@g.us' } }, { json: { chat: CONTACT } }],
		});
		expect(fake.requests.map((request) => (request.body as IDataObject).number)).toEqual(['120363025246125486@g.us', CONTACT]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
