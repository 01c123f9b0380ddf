/**
 * Contract tests of the Group resource (16 routes) against the Evolution API 2.3.6 fake.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { searchGroups } from '../../nodes/EvolutionApi/actions/group/shared';
import type { FakeEvolution, RecordedRequest } from '../fake';
import { loadCatalogue } from '../fake';
import { renderGlobal } from '../fake/errors';
import { runValidator } from '../fake/validate';
import { toBinaryData } from '../harness';
import { API_KEY, INSTANCE, instanceParam, runAction, startFake } from '../helpers/evolution';

const GROUP = '120363025246125486@g.us';
const INVITE = 'F1EX5QZxO181L3TMVP31gY';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.state.groups.clear();
	fake.setConnectionState(INSTANCE, 'open');
});

function groupById(id: string): INodeParameters {
	return { __rl: true, mode: 'id', value: id };
}

async function run(operation: string, parameters: INodeParameters, options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
	return await runAction(fake, { parameters: { resource: 'group', operation, ...parameters }, ...options });
}

/** The request is the declared route, with only documented query parameters, valid for the server. */
function expectCall(request: RecordedRequest | undefined, method: string, path: string, query: IDataObject = {}): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect(req.method).toBe(method);
	expect(req.path).toBe(path);
	expect(req.query).toEqual(query);
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBeLessThan(300);
	return req;
}

function seedGroup(id: string, subject: string, participants: string[] = []): void {
	fake.state.groupsOf(INSTANCE).set(id, {
		id,
		subject,
		size: participants.length + 1,
		owner: '5511900000000@s.whatsapp.net',
		participants: [
			{ id: '5511900000000@s.whatsapp.net', admin: 'superadmin' },
			...participants.map((number) => ({ id: `${number}@s.whatsapp.net`, admin: null })),
		],
		inviteCode: INVITE,
	});
}

describe('Group → Create (POST /group/create)', () => {
	it('sends subject, normalised unique participants and the options', async () => {
		const result = await run('create', {
			subject: 'Sales Team',
			participants: '+55 (11) 99999-9999, 5511888888888\n5511999999999@s.whatsapp.net',
			additionalFields: { description: 'Weekly numbers', promoteParticipants: true },
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/group/create/${INSTANCE}`);
		expect(req.body).toEqual({
			subject: 'Sales Team',
			participants: ['5511999999999', '5511888888888'],
			description: 'Weekly numbers',
			promoteParticipants: true,
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.id).toMatch(/@g\.us$/);
		expect(result.items[0].json.subject).toBe('Sales Team');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('accepts a list of numbers from an expression and leaves out an empty description', async () => {
		const result = await run('create', {
			subject: 'Team',
			participants: '={{ $json.numbers }}',
			additionalFields: { description: '  ' },
		}, { items: [{ json: { numbers: [5511999999999, '5511888888888'] } }] });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/group/create/${INSTANCE}`).body).toEqual({
			subject: 'Team',
			participants: ['5511999999999', '5511888888888'],
		});
	});

	it.each([
		['no participants', { subject: 'Team', participants: ' , ' }, 'Participants is empty'],
		['a group among the participants', { subject: 'Team', participants: GROUP }, 'is a group ID'],
		['a too short number', { subject: 'Team', participants: '55119999' }, 'too short'],
		['an empty subject', { subject: '  ', participants: '5511999999999' }, 'Subject is empty'],
		['an object as subject', { subject: '={{ $json }}', participants: '5511999999999' }, 'Subject must be text'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await run('create', parameters as INodeParameters, { items: [{ json: { a: 1 } }] });
		expect(result.error?.message).toContain(message);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Group → Update Subject / Description / Picture', () => {
	it('puts groupJid in the query (suffix added) and the subject in the body', async () => {
		const result = await run('updateSubject', { groupJid: groupById('120363025246125486'), subject: 'New name' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/group/updateGroupSubject/${INSTANCE}`, { groupJid: GROUP });
		expect(req.body).toEqual({ subject: 'New name' });
		expect(result.items.map((item) => item.json)).toEqual([{ update: 'success' }]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('updates the description without trimming it', async () => {
		const result = await run('updateDescription', { groupJid: groupById(GROUP), groupDescription: 'Line 1\nLine 2 ' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/group/updateGroupDescription/${INSTANCE}`, { groupJid: GROUP });
		expect(req.body).toEqual({ description: 'Line 1\nLine 2 ' });
		expect(fake.state.groupsOf(INSTANCE).get(GROUP)?.desc).toBe('Line 1\nLine 2 ');
	});

	it('sends a binary image as plain base64', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const result = await run(
			'updatePicture',
			{ groupJid: groupById(GROUP), fileSource: 'binary', binaryPropertyName: 'photo' },
			{ items: [{ json: {}, binary: { photo: toBinaryData(png, { mimeType: 'image/png', fileName: 'a.png' }) } }] },
		);
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/group/updateGroupPicture/${INSTANCE}`, { groupJid: GROUP });
		expect(req.body).toEqual({ image: png.toString('base64') });
		expect(result.items[0].json).toEqual({ update: 'success' });
	});

	it('reads the binary image in filesystem binary mode too', async () => {
		const jpg = Buffer.from('ffd8ffe000104a464946', 'hex');
		const result = await runAction(fake, {
			parameters: { resource: 'group', operation: 'updatePicture', groupJid: groupById(GROUP) },
			items: [{ json: {}, binary: { data: toBinaryData(jpg, { mimeType: 'image/jpeg' }) } }],
			binaryMode: 'filesystem',
		});
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()?.body).toEqual({ image: jpg.toString('base64') });
	});

	it('sends a URL as is and turns a data: URL into plain base64', async () => {
		await run('updatePicture', { groupJid: groupById(GROUP), fileSource: 'url', fileUrl: 'https://example.com/p.jpg' });
		expect(expectCall(fake.lastRequest(), 'POST', `/group/updateGroupPicture/${INSTANCE}`, { groupJid: GROUP }).body).toEqual({
			image: 'https://example.com/p.jpg',
		});
		await run('updatePicture', { groupJid: groupById(GROUP), fileSource: 'base64', fileBase64: 'data:image/png;base64,iVBORw0K\nGgo' });
		expect(expectCall(fake.lastRequest(), 'POST', `/group/updateGroupPicture/${INSTANCE}`, { groupJid: GROUP }).body).toEqual({
			image: Buffer.from('iVBORw0KGgo=', 'base64').toString('base64'),
		});
	});

	it('Options → MIME Type lets a file of unknown type through', async () => {
		const result = await run(
			'updatePicture',
			{ groupJid: groupById(GROUP), options: { mimeType: 'image/jpeg' } },
			{ items: [{ json: {}, binary: { data: toBinaryData('0123456789', { mimeType: 'application/octet-stream' }) } }] },
		);
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/group/updateGroupPicture/${INSTANCE}`, { groupJid: GROUP }).body).toEqual({
			image: Buffer.from('0123456789').toString('base64'),
		});
	});

	it.each([
		['a missing binary field', { fileSource: 'binary', binaryPropertyName: 'nope' }, 'has no binary field "nope"'],
		['a non-image file', { fileSource: 'binary', binaryPropertyName: 'doc' }, 'is application/pdf, but this operation needs an image'],
		['a binary file of unknown type', { fileSource: 'binary', binaryPropertyName: 'blob' }, 'has no usable MIME type'],
		['a URL without http', { fileSource: 'url', fileUrl: 'ftp://example.com/a.jpg' }, 'is not a valid http(s) URL'],
		['broken base64', { fileSource: 'base64', fileBase64: 'not base64 !!' }, 'is not valid base64'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await run('updatePicture', { groupJid: groupById(GROUP), ...(parameters as INodeParameters) }, {
			items: [
				{
					json: {},
					binary: {
						doc: toBinaryData('%PDF-1.4', { mimeType: 'application/pdf' }),
						blob: toBinaryData('0123456789', { mimeType: 'application/octet-stream' }),
					},
				},
			],
		});
		expect(result.error?.message).toContain(message);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Group → reads', () => {
	it('Get: GET findGroupInfos with the group in the query and no body', async () => {
		seedGroup(GROUP, 'Sales', ['5511999999999']);
		const result = await run('get', { groupJid: groupById(GROUP) });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'GET', `/group/findGroupInfos/${INSTANCE}`, { groupJid: GROUP });
		expect(req.rawBody.length).toBe(0);
		expect(result.items[0].json).toMatchObject({ id: GROUP, subject: 'Sales' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('Get Many: getParticipants as the string "false" by default, one item per group, limit applied', async () => {
		seedGroup('120363000000000001@g.us', 'A');
		seedGroup('120363000000000002@g.us', 'B');
		seedGroup('120363000000000003@g.us', 'C');
		const result = await run('getAll', { limit: 2 });
		expect(result.error).toBeUndefined();
		expectCall(fake.lastRequest(), 'GET', `/group/fetchAllGroups/${INSTANCE}`, { getParticipants: 'false' });
		expect(result.items.map((item) => item.json.subject)).toEqual(['A', 'B']);
		expect(result.items.every((item) => item.json.participants === undefined)).toBe(true);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('Get Many: Return All with participants', async () => {
		seedGroup('120363000000000001@g.us', 'A', ['5511999999999']);
		seedGroup('120363000000000002@g.us', 'B');
		const result = await run('getAll', { returnAll: true, options: { getParticipants: true } });
		expectCall(fake.lastRequest(), 'GET', `/group/fetchAllGroups/${INSTANCE}`, { getParticipants: 'true' });
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.participants).toHaveLength(2);
	});

	it('Get Many: a Limit of 0 is refused', async () => {
		const result = await run('getAll', { limit: 0 });
		expect(result.error?.message).toContain('Limit must be between 1');
		expect(fake.requests).toHaveLength(0);
	});

	it('Get Participants: one item per participant', async () => {
		seedGroup(GROUP, 'Sales', ['5511999999999', '5511888888888']);
		const result = await run('getParticipants', { groupJid: groupById(GROUP) });
		expect(result.error).toBeUndefined();
		expectCall(fake.lastRequest(), 'GET', `/group/participants/${INSTANCE}`, { groupJid: GROUP });
		expect(result.items.map((item) => item.json.id)).toEqual([
			'5511900000000@s.whatsapp.net',
			'5511999999999@s.whatsapp.net',
			'5511888888888@s.whatsapp.net',
		]);
		expect(result.items[1].json).toEqual({ groupJid: GROUP, id: '5511999999999@s.whatsapp.net', admin: null });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('Get Invite Code', async () => {
		seedGroup(GROUP, 'Sales');
		const result = await run('getInviteCode', { groupJid: groupById(GROUP) });
		expectCall(fake.lastRequest(), 'GET', `/group/inviteCode/${INSTANCE}`, { groupJid: GROUP });
		expect(result.items[0].json).toEqual({ inviteUrl: `https://chat.whatsapp.com/${INVITE}`, inviteCode: INVITE });
	});

	it('Get Invite Info: a whole invite link becomes the code', async () => {
		seedGroup(GROUP, 'Sales');
		const result = await run('getInviteInfo', { inviteCode: ` https://chat.whatsapp.com/${INVITE}?utm=x ` });
		expect(result.error).toBeUndefined();
		expectCall(fake.lastRequest(), 'GET', `/group/inviteInfo/${INSTANCE}`, { inviteCode: INVITE });
		expect(result.items[0].json).toMatchObject({ id: GROUP, subject: 'Sales' });
	});

	it.each([['short'], ['F1EX5QZxO181L3TMVP31g!'], ['https://chat.whatsapp.com/']])(
		'Get Invite Info refuses the invite code %p before any request',
		async (inviteCode) => {
			const result = await run('getInviteInfo', { inviteCode });
			expect(result.error?.message).toContain('is not a valid group invite code');
			expect(fake.requests).toHaveLength(0);
		},
	);
});

describe('Group → invites and membership', () => {
	it('Join: GET acceptInviteCode with the code in the query', async () => {
		seedGroup(GROUP, 'Sales');
		const result = await run('join', { inviteCode: INVITE });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'GET', `/group/acceptInviteCode/${INSTANCE}`, { inviteCode: INVITE });
		expect(req.rawBody.length).toBe(0);
		expect(result.items[0].json).toEqual({ accepted: true, groupJid: GROUP });
	});

	it('Send Invite: everything in the body, with the full group JID', async () => {
		seedGroup(GROUP, 'Sales');
		const result = await run('sendInvite', {
			groupJid: groupById('120363025246125486'),
			numbers: '5511999999999, +55 11 99999-9999, 5511888888888',
			inviteMessage: 'Join us!',
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/group/sendInvite/${INSTANCE}`);
		expect(req.body).toEqual({ groupJid: GROUP, description: 'Join us!', numbers: ['5511999999999', '5511888888888'] });
		expect(result.items[0].json).toEqual({ send: true, inviteUrl: `https://chat.whatsapp.com/${INVITE}` });
	});

	it('Send Invite refuses an empty message before any request', async () => {
		const result = await run('sendInvite', { groupJid: groupById(GROUP), numbers: '5511999999999', inviteMessage: ' ' });
		expect(result.error?.message).toBe('Message is empty');
		expect(fake.requests).toHaveLength(0);
	});

	it('Revoke Invite Code: POST with the group in the query and an empty JSON body', async () => {
		seedGroup(GROUP, 'Sales');
		const result = await run('revokeInviteCode', { groupJid: groupById(GROUP) });
		const req = expectCall(fake.lastRequest(), 'POST', `/group/revokeInviteCode/${INSTANCE}`, { groupJid: GROUP });
		expect(req.body).toEqual({});
		expect(result.items[0].json.revoked).toBe(true);
		expect(result.items[0].json.inviteCode).not.toBe(INVITE);
	});

	it.each(['add', 'remove', 'promote', 'demote'])('Update Participants: %s', async (action) => {
		seedGroup(GROUP, 'Sales', ['5511888888888']);
		const result = await run('updateParticipants', {
			groupJid: groupById(GROUP),
			participantAction: action,
			participants: '5511888888888',
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/group/updateParticipant/${INSTANCE}`, { groupJid: GROUP });
		expect(req.body).toEqual({ action, participants: ['5511888888888'] });
		expect(result.items[0].json.updateParticipants).toHaveLength(1);
	});

	it('Update Participants refuses an unknown action from an expression', async () => {
		const result = await run('updateParticipants', {
			groupJid: groupById(GROUP),
			participantAction: '={{ "kick" }}',
			participants: '5511888888888',
		});
		expect(result.error?.message).toBe('Action "kick" is not supported');
		expect(fake.requests).toHaveLength(0);
	});

	it.each(['announcement', 'not_announcement', 'locked', 'unlocked'])('Update Setting: %s', async (setting) => {
		const result = await run('updateSetting', { groupJid: groupById(GROUP), groupSetting: setting });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/group/updateSetting/${INSTANCE}`, { groupJid: GROUP });
		expect(req.body).toEqual({ action: setting });
		expect(result.items[0].json).toEqual({ updateSetting: true });
	});

	it.each([
		[0, 0],
		[86400, 86400],
		['604800', 604800],
		[7776000, 7776000],
	])('Set Disappearing Messages: %p is sent as the number %p', async (given, sent) => {
		const result = await run('setDisappearingMessages', { groupJid: groupById(GROUP), expiration: `={{ ${JSON.stringify(given)} }}` });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/group/toggleEphemeral/${INSTANCE}`, { groupJid: GROUP });
		expect(req.body).toEqual({ expiration: sent });
		expect(result.items[0].json).toEqual({ success: true });
	});

	it('Set Disappearing Messages refuses other durations before any request', async () => {
		const result = await run('setDisappearingMessages', { groupJid: groupById(GROUP), expiration: '={{ 3600 }}' });
		expect(result.error?.message).toBe('Expiration 3600 is not supported');
		expect(fake.requests).toHaveLength(0);
	});

	it('Leave: DELETE with the group in the query and no body', async () => {
		seedGroup(GROUP, 'Sales');
		const result = await run('leave', { groupJid: groupById(GROUP) });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'DELETE', `/group/leaveGroup/${INSTANCE}`, { groupJid: GROUP });
		expect(req.rawBody.length).toBe(0);
		expect(result.items[0].json).toEqual({ groupJid: GROUP, leave: true });
		expect(fake.state.groupsOf(INSTANCE).has(GROUP)).toBe(false);
	});
});

describe('Group → errors and items', () => {
	it('refuses a contact ID typed into the By ID mode (editor validation)', async () => {
		await expect(run('get', { groupJid: groupById('5511999999999@s.whatsapp.net') })).rejects.toThrow('Not a group ID');
		expect(fake.requests).toHaveLength(0);
	});

	it('refuses a contact where a group is needed, naming the field', async () => {
		const result = await run('get', { groupJid: groupById('={{ "5511999999999@s.whatsapp.net" }}') });
		expect(result.error?.message).toBe('Group "5511999999999@s.whatsapp.net" is not a group ID');
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});

	it("explains the group validators' {property, message} errors", async () => {
		const route = loadCatalogue().routes.find((candidate) => candidate.name === 'updateGroupSubject')!;
		const outcome = runValidator(route, { subject: '' }, { groupJid: GROUP });
		expect(outcome.ok).toBe(false);
		const rendered = renderGlobal((outcome as { thrown: Parameters<typeof renderGlobal>[0] }).thrown);
		expect((rendered.body as { response: { message: unknown } }).response.message).toEqual([
			{ property: 'subject', message: 'The "subject" cannot be empty' },
		]);
		fake.failNext('group.updateGroupSubject', { status: rendered.status, body: rendered.body });
		const result = await run('updateSubject', { groupJid: groupById(GROUP), subject: 'x' });
		expect(result.error?.message).toBe('The Evolution API server rejected the request: subject: The "subject" cannot be empty');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
	});

	it('explains a missing groupJid answer', async () => {
		fake.failNext('group.findGroupInfos', {
			status: 400,
			body: {
				status: 400,
				error: 'Bad Request',
				response: { message: ['The group id needs to be informed in the query', 'ex: "groupJid=120362@g.us"'] },
			},
		});
		const result = await run('get', { groupJid: groupById(GROUP) });
		expect(result.error?.message).toContain('The group id needs to be informed in the query');
	});

	it('reports an unknown instance (404)', async () => {
		const result = await run('get', { groupJid: groupById(GROUP), instanceName: instanceParam('nope') });
		expect(result.error?.message).toBe('The instance "nope" does not exist on this server');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(fake.requests).toHaveLength(1);
	});

	it('reports a disconnected instance', async () => {
		fake.connectionClosed(INSTANCE);
		const result = await run('getAll', {});
		expect(result.error?.message).toBe(`The instance "${INSTANCE}" is not connected to WhatsApp`);
	});

	it('reports a Cloud API instance (Baileys only)', async () => {
		fake.addInstance({ name: 'cloud', integration: 'WHATSAPP-BUSINESS' });
		const result = await run('getAll', { instanceName: instanceParam('cloud') });
		expect(result.error?.message).toContain('Method not available on WhatsApp Business API');
	});

	it('runs one request per item and keeps going with Continue On Fail', async () => {
		seedGroup('120363000000000001@g.us', 'A');
		seedGroup('120363000000000002@g.us', 'B');
		const result = await run(
			'get',
			{ groupJid: { __rl: true, mode: 'id', value: '={{ $json.group }}' } },
			{
				continueOnFail: true,
				items: [
					{ json: { group: '120363000000000001' } },
					{ json: { group: 'not a group' } },
					{ json: { group: '120363000000000002@g.us' } },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(fake.requests.map((request) => request.query.groupJid)).toEqual(['120363000000000001@g.us', '120363000000000002@g.us']);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.subject).toBe('A');
		expect(result.items[1].json.error).toBe('Group "not a group" is not a valid phone number');
		expect(result.items[2].json.subject).toBe('B');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('without Continue On Fail stops at the failing item with its index', async () => {
		const result = await run(
			'leave',
			{ groupJid: { __rl: true, mode: 'id', value: '={{ $json.group }}' } },
			{ items: [{ json: { group: GROUP } }, { json: { group: '' } }] },
		);
		expect(result.error?.message).toBe('Group is empty');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(fake.requests).toHaveLength(1);
	});
});

describe('Group list search (searchGroups)', () => {
	function loadOptionsContext(instance: string): ILoadOptionsFunctions {
		const context = {
			getNode: () => ({ id: '1', name: 'Evolution API', type: 'n8n-nodes-evolution.evolutionApi', typeVersion: 1, position: [0, 0], parameters: {} }),
			getCurrentNodeParameter: (name: string) => (name === 'instanceName' ? instance : undefined),
			getCredentials: async () => ({ serverUrl: fake.url, apiKey: API_KEY, defaultInstance: '' }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string; qs?: Record<string, string> }) => {
					const url = new URL(options.url);
					for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, value);
					const response = await fetch(url, { method: options.method, headers: { apikey: API_KEY } });
					return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
				},
			},
		};
		return context as unknown as ILoadOptionsFunctions;
	}

	it('lists groups by subject from fetchAllGroups without participants, filtered', async () => {
		seedGroup('120363000000000002@g.us', 'Support', ['5511999999999']);
		seedGroup('120363000000000001@g.us', 'Sales');
		const all = await searchGroups.call(loadOptionsContext(INSTANCE));
		expectCall(fake.lastRequest(), 'GET', `/group/fetchAllGroups/${INSTANCE}`, { getParticipants: 'false' });
		expect(all.results).toEqual([
			{ name: 'Sales (1)', value: '120363000000000001@g.us' },
			{ name: 'Support (2)', value: '120363000000000002@g.us' },
		]);
		const filtered = await searchGroups.call(loadOptionsContext(INSTANCE), 'supp');
		expect(filtered.results.map((entry) => entry.value)).toEqual(['120363000000000002@g.us']);
	});
});
