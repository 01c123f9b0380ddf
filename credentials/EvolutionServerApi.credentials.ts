import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class EvolutionServerApi implements ICredentialType {
	// Credential type names are global in n8n: other Evolution packages already use
	// evolutionApi, evolutionApiApi, evolutionApiV2Api and evolutionWhatsAppApi.
	name = 'evolutionServerApi';

	displayName = 'Evolution API';

	icon: Icon = { light: 'file:evolutionApi.svg', dark: 'file:evolutionApi.dark.svg' };

	documentationUrl = 'https://doc.evolution-api.com/v2/en/get-started/introduction';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://evolution.example.com',
			description:
				'Base URL of your Evolution API server, without /manager (that is the web UI, not the API)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The server's global API key (AUTHENTICATION_API_KEY), or the token of one instance. An instance token can only act on that instance and cannot create or list instances.",
		},
		{
			displayName: 'Default Instance',
			name: 'defaultInstance',
			type: 'string',
			default: '',
			placeholder: 'e.g. my-instance',
			description:
				'Instance used when a node leaves the Instance field empty. Required to test a credential that holds an instance token.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				apikey: '={{$credentials.apiKey}}',
			},
		},
	};

	// The global key passes on fetchInstances; an instance token only on its own instance's routes.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.serverUrl.trim().replace(/\\/+$/, "").replace(/\\/manager(\\/.*)?$/, "")}}',
			// No encodeURIComponent: n8n's expression sandbox may not offer it; the URL parser
			// percent-encodes spaces, and names with "/", "?" or "#" are invalid anyway.
			url: '={{$credentials.defaultInstance && $credentials.defaultInstance.trim() ? "/instance/connectionState/" + $credentials.defaultInstance.trim() : "/instance/fetchInstances"}}',
			method: 'GET',
		},
	};
}
