import type { ResourceDefinition } from '../types';
import { get } from './get.operation';
import { getBusinessProfile } from './getBusinessProfile.operation';
import { getPrivacySettings } from './getPrivacySettings.operation';
import { removePicture } from './removePicture.operation';
import { updateAbout } from './updateAbout.operation';
import { updateName } from './updateName.operation';
import { updatePicture } from './updatePicture.operation';
import { updatePrivacySettings } from './updatePrivacySettings.operation';

export const profileResource: ResourceDefinition = {
	value: 'profile',
	name: 'Profile',
	description: 'The WhatsApp profile of the instance and of contacts',
	defaultOperation: 'get',
	operations: [get, getBusinessProfile, getPrivacySettings, removePicture, updateAbout, updateName, updatePicture, updatePrivacySettings],
};
