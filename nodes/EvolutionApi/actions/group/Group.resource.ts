import type { ResourceDefinition } from '../types';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getInviteCode } from './getInviteCode.operation';
import { getInviteInfo } from './getInviteInfo.operation';
import { getParticipants } from './getParticipants.operation';
import { join } from './join.operation';
import { leave } from './leave.operation';
import { revokeInviteCode } from './revokeInviteCode.operation';
import { sendInvite } from './sendInvite.operation';
import { setDisappearingMessages } from './setDisappearingMessages.operation';
import { searchGroups } from './shared';
import { updateDescription } from './updateDescription.operation';
import { updateParticipants } from './updateParticipants.operation';
import { updatePicture } from './updatePicture.operation';
import { updateSetting } from './updateSetting.operation';
import { updateSubject } from './updateSubject.operation';

export const groupResource: ResourceDefinition = {
	value: 'group',
	name: 'Group',
	description: 'WhatsApp groups: create, members, invites, settings',
	defaultOperation: getAll.value,
	operations: [
		create,
		get,
		getAll,
		getParticipants,
		updateSubject,
		updateDescription,
		updatePicture,
		updateParticipants,
		updateSetting,
		setDisappearingMessages,
		getInviteCode,
		revokeInviteCode,
		sendInvite,
		getInviteInfo,
		join,
		leave,
	],
	methods: { listSearch: { searchGroups } },
};
