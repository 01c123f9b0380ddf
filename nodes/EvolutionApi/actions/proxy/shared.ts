import type { INodeProperties } from 'n8n-workflow';

import type { Route } from '../types';

export const PROXY_FIND_ROUTE: Route = { method: 'GET', path: '/proxy/find/{instance}' };

export const PROTOCOLS = ['http', 'https', 'socks4', 'socks5'];

export const enabledField: INodeProperties = {
	displayName: 'Enabled',
	name: 'enabled',
	type: 'boolean',
	default: true,
	description: 'Whether the instance connects through the proxy. Switching it off makes the server clear the stored proxy.',
};

export const hostField: INodeProperties = {
	displayName: 'Host',
	name: 'proxyHost',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. proxy.example.com',
	description: 'Host name or IP address of the proxy, without protocol or port',
};

export const portField: INodeProperties = {
	displayName: 'Port',
	name: 'proxyPort',
	type: 'number',
	required: true,
	typeOptions: { minValue: 1, maxValue: 65535, numberPrecision: 0 },
	default: 8080,
	description: 'TCP port of the proxy',
};

export const protocolField: INodeProperties = {
	displayName: 'Protocol',
	name: 'proxyProtocol',
	type: 'options',
	options: [
		{ name: 'HTTP', value: 'http' },
		{ name: 'HTTPS', value: 'https' },
		{ name: 'SOCKS4', value: 'socks4' },
		{ name: 'SOCKS5', value: 'socks5' },
	],
	default: 'http',
	description: 'Protocol the proxy speaks',
};

export const usernameField: INodeProperties = {
	displayName: 'Username',
	name: 'proxyUsername',
	type: 'string',
	default: '',
	description: 'User name for proxy authentication; give it together with the password',
};

export const passwordField: INodeProperties = {
	displayName: 'Password',
	name: 'proxyPassword',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: 'Password for proxy authentication; give it together with the user name',
};
