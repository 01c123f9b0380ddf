import type { OperationDefinition } from '../types';
import { ADVANCED, callBaileys, jidsField, readJids, toOutput } from './shared';

export const getUSyncDevices: OperationDefinition = {
	value: 'getUSyncDevices',
	name: 'Get USync Devices',
	action: 'Get devices of IDs',
	description: `${ADVANCED} Runs Baileys getUSyncDevices(): lists the linked devices (phone, web, desktop) of the given users. One item per device.`,
	route: { method: 'POST', path: '/baileys/getUSyncDevices/{instance}' },
	idempotent: true,
	properties: [
		jidsField,
		{
			displayName: 'Use Cache',
			name: 'useCache',
			type: 'boolean',
			default: true,
			description: "Whether Baileys may answer from its device cache instead of asking WhatsApp",
		},
		{
			displayName: 'Ignore Zero Devices',
			name: 'ignoreZeroDevices',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out the primary device (device 0, the phone)',
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const jids = readJids.call(this, itemIndex);
		const useCache = this.getNodeParameter('useCache', itemIndex, true) === true;
		const ignoreZeroDevices = this.getNodeParameter('ignoreZeroDevices', itemIndex, false) === true;
		const result = await callBaileys(context, { jids, useCache, ignoreZeroDevices });
		if (Array.isArray(result) && result.length === 0) return { devices: [] };
		return toOutput(result, 'devices');
	},
};
