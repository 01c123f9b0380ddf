"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.groupHandlers = void 0;
const node_crypto_1 = require("node:crypto");
const context_1 = require("./context");
function inviteCode() {
    return (0, node_crypto_1.randomBytes)(16).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 22);
}
function groupOf(ctx, groupJid) {
    const groups = ctx.state.groupsOf((0, context_1.instanceOf)(ctx).name);
    let group = groups.get(groupJid);
    if (!group) {
        group = metadata(ctx, groupJid, 'Group', []);
        groups.set(groupJid, group);
    }
    return group;
}
function metadata(ctx, id, subject, participants, description) {
    const owner = (0, context_1.instanceOf)(ctx).ownerJid ?? '5511900000000@s.whatsapp.net';
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
        descId: description ? (0, node_crypto_1.randomBytes)(8).toString('hex').toUpperCase() : undefined,
        restrict: false,
        announce: false,
        participants: [{ id: owner, admin: 'superadmin' }, ...participants],
        inviteCode: inviteCode(),
    };
}
function publicMetadata(group, withParticipants = true) {
    const answer = { ...group };
    delete answer.inviteCode;
    if (!withParticipants)
        delete answer.participants;
    return answer;
}
function groupJidOf(ctx) {
    return String(ctx.dto.groupJid);
}
function create(ctx) {
    const id = `120363${BigInt(`0x${(0, node_crypto_1.randomBytes)(6).toString('hex')}`).toString().padStart(12, '0').slice(0, 12)}@g.us`;
    const admin = ctx.dto.promoteParticipants === true ? 'admin' : null;
    const participants = ctx.dto.participants.map((number) => ({ id: (0, context_1.toJid)(String(number)), admin }));
    const group = metadata(ctx, id, String(ctx.dto.subject), participants, ctx.dto.description);
    ctx.state.groupsOf((0, context_1.instanceOf)(ctx).name).set(id, group);
    (0, context_1.emit)(ctx, 'groups.upsert', [publicMetadata(group)]);
    return publicMetadata(group);
}
function groupsUpdate(ctx, id, change) {
    (0, context_1.emit)(ctx, 'groups.update', [{ id, ...change }]);
}
exports.groupHandlers = {
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
        return [...ctx.state.groupsOf((0, context_1.instanceOf)(ctx).name).values()].map((group) => publicMetadata(group, withParticipants));
    },
    'group.participants': (ctx) => ({ participants: groupOf(ctx, groupJidOf(ctx)).participants }),
    'group.inviteCode': (ctx) => {
        const code = String(groupOf(ctx, groupJidOf(ctx)).inviteCode);
        return { inviteUrl: `https://chat.whatsapp.com/${code}`, inviteCode: code };
    },
    'group.inviteInfo': (ctx) => {
        const code = String(ctx.dto.inviteCode);
        const known = [...ctx.state.groupsOf((0, context_1.instanceOf)(ctx).name).values()].find((group) => group.inviteCode === code);
        return publicMetadata(known ?? metadata(ctx, '120363000000000000@g.us', 'Group', []), false);
    },
    'group.acceptInviteCode': (ctx) => {
        const code = String(ctx.dto.inviteCode);
        const known = [...ctx.state.groupsOf((0, context_1.instanceOf)(ctx).name).values()].find((group) => group.inviteCode === code);
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
        const jids = ctx.dto.participants.map((number) => (0, context_1.toJid)(String(number)));
        let participants = group.participants;
        if (action === 'add')
            participants = [...participants, ...jids.map((id) => ({ id, admin: null }))];
        if (action === 'remove')
            participants = participants.filter((participant) => !jids.includes(String(participant.id)));
        if (action === 'promote' || action === 'demote') {
            for (const participant of participants) {
                if (jids.includes(String(participant.id)))
                    participant.admin = action === 'promote' ? 'admin' : null;
            }
        }
        group.participants = participants;
        group.size = participants.length;
        (0, context_1.emit)(ctx, 'group-participants.update', { id: group.id, author: (0, context_1.instanceOf)(ctx).ownerJid, participants: jids, action });
        return { updateParticipants: jids.map((jid) => ({ status: '200', jid, content: { tag: 'participant', attrs: { jid } } })) };
    },
    'group.updateSetting': (ctx) => {
        const group = groupOf(ctx, groupJidOf(ctx));
        const action = String(ctx.dto.action);
        if (action === 'announcement' || action === 'not_announcement')
            group.announce = action === 'announcement';
        if (action === 'locked' || action === 'unlocked')
            group.restrict = action === 'locked';
        groupsUpdate(ctx, String(group.id), { announce: group.announce, restrict: group.restrict });
        return { updateSetting: true };
    },
    'group.toggleEphemeral': (ctx) => {
        groupOf(ctx, groupJidOf(ctx)).ephemeralDuration = ctx.dto.expiration;
        return { success: true };
    },
    'group.leaveGroup': (ctx) => {
        const groupJid = groupJidOf(ctx);
        ctx.state.groupsOf((0, context_1.instanceOf)(ctx).name).delete(groupJid);
        return { groupJid, leave: true };
    },
};
