import type { ResourceDefinition } from '../types';
import { get } from './get.operation';
import { set } from './set.operation';

export const instanceSettingResource: ResourceDefinition = {
	value: 'instanceSetting',
	name: 'Instance Setting',
	description: 'Behaviour settings of an instance (reject calls, read receipts...)',
	operations: [set, get],
};
