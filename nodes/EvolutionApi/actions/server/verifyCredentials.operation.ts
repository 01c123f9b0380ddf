import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../types';

export const verifyCredentials: OperationDefinition = {
	value: 'verifyCredentials',
	name: 'Verify Credentials',
	action: 'Verify global API key',
	description:
		"Check that the credential holds the server's global API key. The Facebook user token the server returns is not passed on.",
	route: { method: 'POST', path: '/verify-creds' },
	idempotent: true,
	properties: [],
	async execute(context) {
		const body = ((await context.request()) ?? {}) as IDataObject;
		// The server echoes FACEBOOK_USER_TOKEN; say whether it is set without copying the secret.
		const { facebookUserToken, ...rest } = body;
		return { ...rest, facebookUserTokenSet: Boolean(facebookUserToken) };
	},
};
