/**
 * Contract tests of the Profile resource (8 routes under /chat) against the Evolution API 2.3.6 fake.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution } from '../fake';
import { toBinaryData } from '../harness';
import { INSTANCE, expectCall, instanceParam, runAction, startFake } from '../helpers/evolution';

const CONTACT = '5511999999999';
const CONTACT_JID = `${CONTACT}@s.whatsapp.net`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f5d1a60000000049454e44ae426082', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const ALL_SIX = { readreceipts: 'all', profile: 'all', status: 'contacts', online: 'all', last: 'contacts', groupadd: 'all' };

let fake: FakeEvolution;
const pictureRequests: http.IncomingHttpHeaders[] = [];
const pictureHost = http.createServer((request, response) => {
	pictureRequests.push(request.headers);
	response.writeHead(200, { 'content-type': 'image/jpeg' });
	response.end(JPEG);
});
let pictureUrl = '';

beforeAll(async () => {
	fake = await startFake();
	fake.addInstance({ name: 'meta', integration: 'WHATSAPP-BUSINESS' });
	await new Promise<void>((resolve) => pictureHost.listen(0, '127.0.0.1', resolve));
	pictureUrl = `http://127.0.0.1:${(pictureHost.address() as AddressInfo).port}/pp.jpg`;
});
afterAll(async () => {
	await fake.close();
	await new Promise<void>((resolve) => pictureHost.close(() => resolve()));
});
beforeEach(() => {
	fake.reset();
	pictureRequests.length = 0;
	fake.setConnectionState(INSTANCE, 'open');
});

async function run(operation: string, parameters: INodeParameters, options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
	return await runAction(fake, { parameters: { resource: 'profile', operation, ...parameters }, ...options });
}

describe('Profile → Get (POST /chat/fetchProfile)', () => {
	it("gets the instance's own profile with an empty body", async () => {
		const result = await run('get', {});
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/chat/fetchProfile/${INSTANCE}`).body).toEqual({});
		expect(result.items[0].json).toMatchObject({ wuid: '5511900000000@s.whatsapp.net', numberExists: true });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it("sends `number` (outside the route's schema) for another account", async () => {
		const result = await run('get', { account: 'contact', remoteJid: '+55 (11) 99999-9999' });
		expect(expectCall(fake.lastRequest(), 'POST', `/chat/fetchProfile/${INSTANCE}`).body).toEqual({ number: CONTACT });
		expect(result.items[0].json.wuid).toBe(CONTACT_JID);
	});

	it('downloads the picture URL of the profile as binary', async () => {
		fake.failNext('profile.fetchProfile', { status: 200, body: { wuid: CONTACT_JID, name: 'Ana', picture: pictureUrl, isBusiness: false } });
		const result = await run('get', { account: 'contact', remoteJid: CONTACT, options: { downloadPicture: true } });
		expect(result.error).toBeUndefined();
		expect(pictureRequests).toHaveLength(1);
		expect(pictureRequests[0].apikey).toBeUndefined();
		const [item] = result.items;
		expect(item.binary!.data).toMatchObject({ mimeType: 'image/jpeg', fileName: `profile-${CONTACT}.jpg` });
		expect(await result.getBinaryBuffer(item, 'data')).toEqual(JPEG);
	});

	it('refuses a group as contact before any request', async () => {
		const result = await run('get', { account: 'contact', remoteJid: '120363025246125486@g.us' });
		expect(result.error?.message).toMatch(/Contact is a group ID/);
		expect(fake.requests).toHaveLength(0);
	});

	it('explains a closed WhatsApp connection', async () => {
		fake.setConnectionState(INSTANCE, 'close');
		const result = await run('get', {});
		expect(result.error?.message).toBe(`The instance "${INSTANCE}" is not connected to WhatsApp`);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
	});
});

describe('Profile → Get Business Profile (POST /chat/fetchBusinessProfile)', () => {
	it('sends number for another account, nothing for the own one', async () => {
		const other = await run('getBusinessProfile', { account: 'contact', remoteJid: CONTACT });
		expect(expectCall(fake.lastRequest(), 'POST', `/chat/fetchBusinessProfile/${INSTANCE}`).body).toEqual({ number: CONTACT });
		expect(other.items[0].json).toMatchObject({ isBusiness: false, wid: CONTACT_JID });
		await run('getBusinessProfile', {});
		expect(expectCall(fake.lastRequest(), 'POST', `/chat/fetchBusinessProfile/${INSTANCE}`).body).toEqual({});
	});

	it('reports the channel refusal of a Cloud API instance', async () => {
		const result = await run('getBusinessProfile', { instanceName: instanceParam('meta') });
		expect(result.error?.message).toMatch(/Method not available on WhatsApp Business API/);
	});
});

describe('Profile → Update Name (POST /chat/updateProfileName)', () => {
	it('sends the name', async () => {
		const result = await run('updateName', { name: '  Acme Support ' });
		expect(expectCall(fake.lastRequest(), 'POST', `/chat/updateProfileName/${INSTANCE}`).body).toEqual({ name: 'Acme Support' });
		expect(result.items[0].json).toEqual({ update: 'success' });
	});

	it('refuses an empty or too long name before any request', async () => {
		expect((await run('updateName', { name: '={{ "" }}' })).error?.message).toMatch(/Name is empty/);
		expect((await run('updateName', { name: 'x'.repeat(26) })).error?.message).toMatch(/Name is too long \(26 characters; the limit is 25\)/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Profile → Update About (POST /chat/updateProfileStatus)', () => {
	it('sends the about text as status', async () => {
		const result = await run('updateAbout', { about: 'Available 9am–6pm' });
		expect(expectCall(fake.lastRequest(), 'POST', `/chat/updateProfileStatus/${INSTANCE}`).body).toEqual({ status: 'Available 9am–6pm' });
		expect(result.items[0].json).toEqual({ update: 'success' });
	});

	it('refuses an object from an expression before any request', async () => {
		const result = await run('updateAbout', { about: '={{ $json.about }}' }, { items: [{ json: { about: { text: 'x' } } }] });
		expect(result.error?.message).toMatch(/About must be text, but the expression gave an object/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Profile → Update Picture (POST /chat/updateProfilePicture)', () => {
	it('sends a binary image as plain base64', async () => {
		const result = await run('updatePicture', {}, { items: [{ json: {}, binary: { data: toBinaryData(PNG, { fileName: 'me.png', mimeType: 'image/png' }) } }] });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/updateProfilePicture/${INSTANCE}`);
		expect(req.body).toEqual({ picture: PNG.toString('base64') });
		expect(result.items[0].json).toEqual({ update: 'success' });
	});

	it('reads the binary in filesystem mode too', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'profile', operation: 'updatePicture', binaryPropertyName: 'photo' },
			items: [{ json: {}, binary: { photo: toBinaryData(JPEG, { fileName: 'me.jpg', mimeType: 'image/jpeg' }) } }],
			binaryMode: 'filesystem',
		});
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.body).toEqual({ picture: JPEG.toString('base64') });
	});

	it('passes a URL through and strips a data: prefix from base64', async () => {
		await run('updatePicture', { fileSource: 'url', fileUrl: 'https://example.com/me.jpg' });
		expect(expectCall(fake.lastRequest(), 'POST', `/chat/updateProfilePicture/${INSTANCE}`).body).toEqual({ picture: 'https://example.com/me.jpg' });
		await run('updatePicture', { fileSource: 'base64', fileBase64: `data:image/png;base64,${PNG.toString('base64')}` });
		expect(expectCall(fake.lastRequest(), 'POST', `/chat/updateProfilePicture/${INSTANCE}`).body).toEqual({ picture: PNG.toString('base64') });
	});

	it('refuses a missing binary, a non-image and bad base64 before any request', async () => {
		const missing = await run('updatePicture', {});
		expect(missing.error?.message).toMatch(/has no binary field "data"/);
		const pdf = await run('updatePicture', {}, { items: [{ json: {}, binary: { data: toBinaryData('%PDF-1.4', { fileName: 'a.pdf', mimeType: 'application/pdf' }) } }] });
		expect(pdf.error?.message).toMatch(/needs an image/);
		const bad = await run('updatePicture', { fileSource: 'base64', fileBase64: 'not base64!' });
		expect(bad.error?.message).toMatch(/not valid base64/);
		const url = await run('updatePicture', { fileSource: 'url', fileUrl: 'ftp://example.com/me.jpg' });
		expect(url.error?.message).toMatch(/is not a valid http\(s\) URL/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Profile → Remove Picture (DELETE /chat/removeProfilePicture)', () => {
	it('sends a DELETE without a body', async () => {
		const result = await run('removePicture', {});
		const req = expectCall(fake.lastRequest(), 'DELETE', `/chat/removeProfilePicture/${INSTANCE}`);
		expect(req.rawBody.length).toBe(0);
		expect(result.items[0].json).toEqual({ update: 'success' });
	});
});

describe('Profile → Get Privacy Settings (GET /chat/fetchPrivacySettings)', () => {
	it('reads the six settings', async () => {
		const result = await run('getPrivacySettings', {});
		const req = expectCall(fake.lastRequest(), 'GET', `/chat/fetchPrivacySettings/${INSTANCE}`);
		expect(req.rawBody.length).toBe(0);
		expect(result.items[0].json).toEqual(ALL_SIX);
	});
});

describe('Profile → Update Privacy Settings (POST /chat/updatePrivacySettings)', () => {
	it('by default reads the current settings and changes only the given ones', async () => {
		const result = await run('updatePrivacySettings', { updateFields: { last: 'none', readreceipts: 'none' } });
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		expectCall(fake.requests[0], 'GET', `/chat/fetchPrivacySettings/${INSTANCE}`);
		const req = expectCall(fake.requests[1], 'POST', `/chat/updatePrivacySettings/${INSTANCE}`);
		expect(req.body).toEqual({ ...ALL_SIX, last: 'none', readreceipts: 'none' });
		expect(req.status).toBe(201);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ update: 'success' });
	});

	it('writes directly when all six are given', async () => {
		const all = { readreceipts: 'none', profile: 'contacts', status: 'contact_blacklist', online: 'match_last_seen', last: 'none', groupadd: 'contacts' };
		await run('updatePrivacySettings', { updateFields: all });
		expect(fake.requests).toHaveLength(1);
		expect(expectCall(fake.lastRequest(), 'POST', `/chat/updatePrivacySettings/${INSTANCE}`).body).toEqual(all);
	});

	it('in Replace mode refuses missing settings before any request', async () => {
		const result = await run('updatePrivacySettings', { updateMode: 'replace', updateFields: { last: 'none' } });
		expect(result.error?.message).toBe('Missing privacy settings: Read Receipts, Profile Photo, Status, Online, Groups');
		expect(fake.requests).toHaveLength(0);
	});

	it('refuses no settings and a value outside the schema enum before any request', async () => {
		expect((await run('updatePrivacySettings', {})).error?.message).toBe('No privacy setting to change');
		const bad = await run('updatePrivacySettings', { updateFields: { online: '={{ "contacts" }}' } });
		expect(bad.error?.message).toBe('Online "contacts" is not a valid value');
		expect(fake.requests).toHaveLength(0);
	});

	it('refuses to write back a current value the update route does not accept', async () => {
		fake.failNext('profile.fetchPrivacySettings', { status: 200, body: { ...ALL_SIX, groupadd: 'known' } });
		const result = await run('updatePrivacySettings', { updateFields: { last: 'none' } });
		expect(result.error?.message).toBe('The current Groups setting "known" cannot be written back');
		expect(fake.requests.map((request) => request.route?.name)).toEqual(['fetchPrivacySettings']);
	});

	it('does not write when reading the current settings fails', async () => {
		fake.setConnectionState(INSTANCE, 'close');
		const result = await run('updatePrivacySettings', { updateFields: { last: 'none' } });
		expect(result.error?.message).toBe(`The instance "${INSTANCE}" is not connected to WhatsApp`);
		expect(fake.requests.map((request) => request.route?.name)).toEqual(['fetchPrivacySettings']);
	});

	it('with Continue On Fail, keeps going after a failed item', async () => {
		const result = await run(
			'updatePrivacySettings',
			{ updateMode: 'replace', updateFields: { last: '={{ $json.last }}', readreceipts: 'all', profile: 'all', status: 'all', online: 'all', groupadd: 'all' } },
			{ items: [{ json: { last: 'sometimes' } }, { json: { last: 'none' } }], continueOnFail: true },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toBe('Last Seen "sometimes" is not a valid value');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json).toMatchObject({ update: 'success' });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(fake.requests).toHaveLength(1);
	});
});
