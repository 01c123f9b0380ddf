/**
 * /group/*: groups created through the fake are stored per instance; unknown group JIDs get
 * synthesised metadata so read routes always answer.
 */
import { randomBytes } from 'node:crypto';

import { type Row } from '../state';
import { emit, instanceOf, toJid, type Handler, type HandlerContext } from './context';

function inviteCode(): string {
	return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 22);
}

/** The stored group, or plausible metadata for a JID the fake has not seen. */
function groupOf(ctx: HandlerContext, groupJid: string): Row {
	const groups = ctx.state.groupsOf(instanceOf(ctx).name);
	let group = groups.get(groupJid);
	if (!group) {
		group = metadata(ctx, groupJid, 'Group', []);
		groups.set(groupJid, group);
	}
	return group;
}

function metadata(ctx: HandlerContext, id: string, subject: string, participants: Row[], description?: unknown): Row {
	const owner = instanceOf(ctx).ownerJid ?? '5511900000000@s.whatsapp.net';
	const seconds = Math.floor(Date.now() / 1000);
	return {
		id,
		subject,
		subjectOwner: owner,
		subjectTime: seconds,
		pictureUrl: null,
		size: participants.length + 1,
		creation: seconds,
		owner,
		desc: description ?? '',
		descId: description ? randomBytes(8).toString('hex').toUpperCase() : undefined,
		restrict: false,
		announce: false,
		participants: [{ id: owner, admin: 'superadmin' }, ...participants],
		inviteCode: inviteCode(),
	};
}

/** Group metadata as the routes answer it (without the fake's inviteCode bookkeeping). */
function publicMetadata(group: Row, withParticipants = true): Row {
	const answer = { ...group };
	delete answer.inviteCode;
	if (!withParticipants) delete answer.participants;
	return answer;
}

function groupJidOf(ctx: HandlerContext): string {
	return String(ctx.dto.groupJid);
}

function create(ctx: HandlerContext): unknown {
	const id = `120363${BigInt(`0x${randomBytes(6).toString('hex')}`).toString().padStart(12, '0').slice(0, 12)}@g.us`;
	const admin = ctx.dto.promoteParticipants === true ? 'admin' : null;
	const participants = (ctx.dto.participants as unknown[]).map((number) => ({ id: toJid(String(number)), admin }));
	const group = metadata(ctx, id, String(ctx.dto.subject), participants, ctx.dto.description);
	ctx.state.groupsOf(instanceOf(ctx).name).set(id, group);
	emit(ctx, 'groups.upsert', [publicMetadata(group)]);
	return publicMetadata(group);
}

/**
 * GROUPS_UPDATE as Baileys emits it. Never delivered by the real server (the subscribable
 * name is GROUP_UPDATE), but recorded in `fake.emitted`.
 */
function groupsUpdate(ctx: HandlerContext, id: string, change: Row): void {
	emit(ctx, 'groups.update', [{ id, ...change }]);
}

export const groupHandlers: Record<string, Handler> = {
	'group.create': create,
	'group.updateGroupSubject': (ctx) => {
		groupOf(ctx, groupJidOf(ctx)).subject = ctx.dto.subject;
		groupsUpdate(ctx, groupJidOf(ctx), { subject: ctx.dto.subject });
		return { update: 'success' };
	},
	'group.updateGroupPicture': () => ({ update: 'success' }),
	'group.updateGroupDescription': (ctx) => {
		groupOf(ctx, groupJidOf(ctx)).desc = ctx.dto.description;
		groupsUpdate(ctx, groupJidOf(ctx), { desc: ctx.dto.description });
		return { update: 'success' };
	},
	'group.findGroupInfos': (ctx) => publicMetadata(groupOf(ctx, groupJidOf(ctx))),
	'group.fetchAllGroups': (ctx) => {
		const withParticipants = ctx.dto.getParticipants === 'true';
		return [...ctx.state.groupsOf(instanceOf(ctx).name).values()].map((group) => publicMetadata(group, withParticipants));
	},
	'group.participants': (ctx) => ({ participants: groupOf(ctx, groupJidOf(ctx)).participants }),
	'group.inviteCode': (ctx) => {
		const code = String(groupOf(ctx, groupJidOf(ctx)).inviteCode);
		return { inviteUrl: `https://chat.whatsapp.com/${code}`, inviteCode: code };
	},
	'group.inviteInfo': (ctx) => {
		const code = String(ctx.dto.inviteCode);
		const known = [...ctx.state.groupsOf(instanceOf(ctx).name).values()].find((group) => group.inviteCode === code);
		return publicMetadata(known ?? metadata(ctx, '120363000000000000@g.us', 'Group', []), false);
	},
	'group.acceptInviteCode': (ctx) => {
		const code = String(ctx.dto.inviteCode);
		const known = [...ctx.state.groupsOf(instanceOf(ctx).name).values()].find((group) => group.inviteCode === code);
		return { accepted: true, groupJid: known?.id ?? '120363000000000000@g.us' };
	},
	'group.sendInvite': (ctx) => ({
		send: true,
		inviteUrl: `https://chat.whatsapp.com/${String(groupOf(ctx, groupJidOf(ctx)).inviteCode)}`,
	}),
	'group.revokeInviteCode': (ctx) => {
		const group = groupOf(ctx, groupJidOf(ctx));
		group.inviteCode = inviteCode();
		return { revoked: true, inviteCode: group.inviteCode };
	},
	'group.updateParticipant': (ctx) => {
		const group = groupOf(ctx, groupJidOf(ctx));
		const action = String(ctx.dto.action);
		const jids = (ctx.dto.participants as unknown[]).map((number) => toJid(String(number)));
		let participants = group.participants as Row[];
		if (action === 'add') participants = [...participants, ...jids.map((id) => ({ id, admin: null }))];
		if (action === 'remove') participants = participants.filter((participant) => !jids.includes(String(participant.id)));
		if (action === 'promote' || action === 'demote') {
			for (const participant of participants) {
				if (jids.includes(String(participant.id))) participant.admin = action === 'promote' ? 'admin' : null;
			}
		}
		group.participants = participants;
		group.size = participants.length;
		emit(ctx, 'group-participants.update', { id: group.id, author: instanceOf(ctx).ownerJid, participants: jids, action });
		return { updateParticipants: jids.map((jid) => ({ status: '200', jid, content: { tag: 'participant', attrs: { jid } } })) };
	},
	'group.updateSetting': (ctx) => {
		const group = groupOf(ctx, groupJidOf(ctx));
		const action = String(ctx.dto.action);
		if (action === 'announcement' || action === 'not_announcement') group.announce = action === 'announcement';
		if (action === 'locked' || action === 'unlocked') group.restrict = action === 'locked';
		groupsUpdate(ctx, String(group.id), { announce: group.announce, restrict: group.restrict });
		return { updateSetting: true };
	},
	'group.toggleEphemeral': (ctx) => {
		groupOf(ctx, groupJidOf(ctx)).ephemeralDuration = ctx.dto.expiration;
		return { success: true };
	},
	'group.leaveGroup': (ctx) => {
		const groupJid = groupJidOf(ctx);
		ctx.state.groupsOf(instanceOf(ctx).name).delete(groupJid);
		return { groupJid, leave: true };
	},
};
