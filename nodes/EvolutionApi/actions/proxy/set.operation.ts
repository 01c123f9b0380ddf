import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkInteger, checkString } from '../common';
import {
	asUpdateField,
	checkBoolean,
	readCurrent,
	readGivenFields,
	replaceModeOnly,
	rethrow,
	updateFieldsCollection,
	updateModeField,
} from '../updateMode';
import type { OperationDefinition } from '../types';
import {
	enabledField,
	hostField,
	passwordField,
	portField,
	PROTOCOLS,
	PROXY_FIND_ROUTE,
	protocolField,
	usernameField,
} from './shared';

const whenEnabled = { show: { enabled: [true] } };

// Disabling still needs non-empty host, port and protocol (schema); the server then blanks them.
const DISABLED_PLACEHOLDERS: IDataObject = { host: 'none', port: '0', protocol: 'http' };

function text(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function readHost(this: IExecuteFunctions, raw: unknown, itemIndex: number): string {
	const host = checkString.call(this, raw, itemIndex, { label: 'Host', required: true });
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host) || /[/\s@]/.test(host)) {
		throw new NodeOperationError(this.getNode(), `Host "${host}" is not a plain host name`, {
			itemIndex,
			description: 'Enter only the host name or IP address (e.g. proxy.example.com); choose the protocol, port and credentials in their own fields.',
		});
	}
	return host;
}

function readPort(this: IExecuteFunctions, raw: unknown, itemIndex: number): string {
	if (raw === undefined || raw === null || raw === '') {
		throw new NodeOperationError(this.getNode(), 'Port is empty', { itemIndex, description: 'Enter the port of the proxy.' });
	}
	// The server wants the port as text.
	return String(checkInteger.call(this, raw, itemIndex, { label: 'Port', min: 1, max: 65535 }));
}

function readProtocol(this: IExecuteFunctions, raw: unknown, itemIndex: number): string {
	const protocol = checkString.call(this, raw, itemIndex, { label: 'Protocol', required: true }).toLowerCase();
	if (!PROTOCOLS.includes(protocol)) {
		throw new NodeOperationError(this.getNode(), `Protocol "${protocol}" is not supported`, {
			itemIndex,
			description: `Use one of: ${PROTOCOLS.join(', ')}.`,
		});
	}
	return protocol;
}

export const set: OperationDefinition = {
	value: 'set',
	name: 'Set',
	action: 'Set proxy of instance',
	description:
		'Set or switch off the proxy an instance connects to WhatsApp through (used by Baileys connections; other channels only store it). Before saving, the server checks the proxy by fetching https://icanhazip.com directly and through it, so the server needs internet access; a proxy that fails or does not change the IP is refused.',
	route: { method: 'POST', path: '/proxy/set/{instance}' },
	properties: [
		updateModeField,
		replaceModeOnly(enabledField),
		replaceModeOnly({ ...hostField, displayOptions: whenEnabled }),
		replaceModeOnly({ ...portField, displayOptions: whenEnabled }),
		replaceModeOnly({ ...protocolField, displayOptions: whenEnabled }),
		replaceModeOnly({
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: whenEnabled,
			options: [passwordField, usernameField],
		}),
		updateFieldsCollection(
			[enabledField, hostField, portField, protocolField, usernameField, passwordField].map(asUpdateField),
		),
	],
	async execute(context) {
		const { itemIndex } = context;
		const given = readGivenFields.call(this, itemIndex, 'options');

		// Every given value is checked before the merge mode reads anything.
		const rawEnabled = given.get('enabled');
		const givenEnabled = rawEnabled === undefined ? undefined : checkBoolean.call(this, rawEnabled, itemIndex, 'Enabled');
		const rawHost = given.get('proxyHost');
		const givenHost = rawHost === undefined ? undefined : readHost.call(this, rawHost, itemIndex);
		const rawPort = given.get('proxyPort');
		const givenPort = rawPort === undefined ? undefined : readPort.call(this, rawPort, itemIndex);
		const rawProtocol = given.get('proxyProtocol');
		const givenProtocol = rawProtocol === undefined ? undefined : readProtocol.call(this, rawProtocol, itemIndex);
		const rawUsername = given.get('proxyUsername');
		const username = rawUsername === undefined ? undefined : checkString.call(this, rawUsername, itemIndex, { label: 'Username' });
		const rawPassword = given.get('proxyPassword');
		const password =
			rawPassword === undefined ? undefined : checkString.call(this, rawPassword, itemIndex, { label: 'Password', trim: false });

		const current = given.mode === 'merge' ? await readCurrent.call(this, context, PROXY_FIND_ROUTE) : {};
		// Nothing stored yet and Enabled not given: setting a proxy means using it.
		const enabled = givenEnabled ?? (typeof current.enabled === 'boolean' ? current.enabled : true);

		let body: IDataObject;
		if (!enabled) {
			body = { enabled: false, ...DISABLED_PLACEHOLDERS };
		} else {
			const host = givenHost ?? readHost.call(this, current.host, itemIndex);
			const port = givenPort ?? readPort.call(this, current.port, itemIndex);
			// A stored protocol is kept as the server has it.
			const protocol =
				givenProtocol ?? checkString.call(this, current.protocol, itemIndex, { label: 'Protocol', required: true }).toLowerCase();
			body = { enabled: true, host, port, protocol };
			// Merge mode writes the stored credentials back too.
			const user = username ?? (given.mode === 'merge' ? text(current.username) : undefined);
			const secret = password ?? (given.mode === 'merge' ? text(current.password) : undefined);
			if (user !== undefined) body.username = user;
			if (secret !== undefined) body.password = secret;
			if ((user !== undefined || secret !== undefined) && Boolean(user) !== Boolean(secret)) {
				throw new NodeOperationError(this.getNode(), 'Username and Password must be given together', {
					itemIndex,
					description: 'The server only uses proxy credentials when both are set. Enter both, or neither.',
				});
			}
		}

		try {
			return (await context.request({ body })) as IDataObject;
		} catch (error) {
			if (error instanceof NodeApiError && /invalid proxy/i.test(error.message)) {
				error.description =
					'The server tested the proxy by fetching https://icanhazip.com directly and through the proxy: the request failed or the IP address did not change. Check host, port, protocol and credentials, and that the Evolution API server can reach the internet and the proxy.';
			}
			return rethrow.call(this, error, itemIndex);
		}
	},
};
