import type { ResourceDefinition } from '../types';
import { transportOperations, type TransportConfig } from './factory';

const NO_ROW = 'Outputs {"configured": false} when it was never set.';

function needs(variable: string, write = true): string {
	return `Needs ${variable}=true on the server; otherwise the server answers with an empty body${write ? ' and stores nothing' : ''}.`;
}

const TRANSPORTS: TransportConfig[] = [
	{
		key: 'webhook',
		suffix: 'Webhook',
		label: 'Webhook',
		noun: 'webhook',
		setDescription:
			'Set the URL the server POSTs this instance\'s events to, which events, and optional headers. An instance has one webhook: this replaces the one set before, including one an Evolution API Trigger registered. There is no delete; switch Enabled off to stop deliveries.',
		getDescription: `Get the webhook of an instance: URL, events, headers, webhookByEvents, webhookBase64. The output includes the header values, which may be secrets. Does not show the server's global webhook. ${NO_ROW}`,
		required: [
			{
				key: 'url',
				kind: 'url',
				property: {
					displayName: 'Webhook URL',
					name: 'webhookUrl',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. https://n8n.example.com/webhook/evolution',
					description: 'URL the server POSTs the events to (http:// or https://, up to 500 characters)',
				},
			},
		],
		optional: [
			{
				key: 'byEvents',
				storedKey: 'webhookByEvents',
				kind: 'boolean',
				property: {
					displayName: 'Webhook by Events',
					name: 'webhookByEvents',
					type: 'boolean',
					default: false,
					description:
						'Whether to append the event name to the URL, e.g. …/messages-upsert. Careful: an n8n Webhook node or Evolution API Trigger only receives these if it listens on those paths.',
				},
			},
			{
				key: 'base64',
				storedKey: 'webhookBase64',
				kind: 'boolean',
				property: {
					displayName: 'Include Media as Base64',
					name: 'webhookBase64',
					type: 'boolean',
					default: false,
					description:
						'Whether received and sent media are added to MESSAGES_UPSERT and SEND_MESSAGE events as base64 (Baileys only; takes effect at the next connection of the instance)',
				},
			},
			{
				key: 'headers',
				kind: 'headers',
				property: {
					displayName: 'Headers',
					name: 'webhookHeaders',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Header',
					default: {},
					description:
						'HTTP headers sent with every delivery, e.g. a secret the receiver checks. A header named jwt_key is not sent: the server signs a JWT with its value and sends an Authorization: Bearer header with that JWT instead. Adding this field with no header clears the stored headers.',
					options: [
						{
							displayName: 'Header',
							name: 'header',
							values: [
								{
									displayName: 'Name',
									name: 'name',
									type: 'string',
									default: '',
									placeholder: 'e.g. x-evolution-secret',
								},
								{
									displayName: 'Value',
									name: 'value',
									type: 'string',
									typeOptions: { password: true },
									default: '',
								},
							],
						},
					],
				},
			},
		],
	},
	{
		key: 'websocket',
		suffix: 'WebSocket',
		label: 'WebSocket',
		noun: 'WebSocket events',
		setDescription: `Choose which events the instance publishes over WebSocket (socket.io: clients connect to {server URL}/{instance name} with the API key). ${needs('WEBSOCKET_ENABLED')}`,
		getDescription: `Get the WebSocket event configuration of an instance. ${NO_ROW} ${needs('WEBSOCKET_ENABLED', false)}`,
	},
	{
		key: 'rabbitmq',
		suffix: 'RabbitMq',
		label: 'RabbitMQ',
		noun: 'RabbitMQ events',
		setDescription: `Choose which events the instance publishes to the server's RabbitMQ broker (RABBITMQ_URI). ${needs('RABBITMQ_ENABLED')}`,
		getDescription: `Get the RabbitMQ event configuration of an instance. ${NO_ROW} ${needs('RABBITMQ_ENABLED', false)}`,
	},
	{
		key: 'sqs',
		suffix: 'Sqs',
		label: 'SQS',
		noun: 'SQS events',
		setDescription: `Choose which events the instance sends to Amazon SQS (the server creates the instance's queues). ${needs('SQS_ENABLED')} With SQS_GLOBAL_ENABLED=true the per-instance configuration is not used either.`,
		getDescription: `Get the SQS event configuration of an instance. ${NO_ROW} ${needs('SQS_ENABLED', false)}`,
		emptyBodyHint: 'With SQS_GLOBAL_ENABLED=true the server also ignores the per-instance SQS configuration.',
	},
	{
		key: 'nats',
		suffix: 'Nats',
		label: 'NATS',
		noun: 'NATS events',
		setDescription: `Choose which events the instance publishes to the server's NATS server (NATS_URI). ${needs('NATS_ENABLED')}`,
		getDescription: `Get the NATS event configuration of an instance. ${NO_ROW} ${needs('NATS_ENABLED', false)}`,
	},
	{
		key: 'pusher',
		suffix: 'Pusher',
		label: 'Pusher',
		noun: 'Pusher events',
		setDescription:
			'Send the instance\'s events to a Pusher Channels app. The server requires app ID, key, secret, cluster and TLS on every call, even to switch it off; use Update Mode "Change Only the Given Fields" to keep the stored ones. The server stores this even when PUSHER_ENABLED is off, but sends events only with PUSHER_ENABLED=true.',
		getDescription: `Get the Pusher configuration of an instance; the output contains the Pusher secret. ${NO_ROW} ${needs('PUSHER_ENABLED', false)}`,
		required: [
			{
				key: 'appId',
				kind: 'text',
				property: {
					displayName: 'App ID',
					name: 'pusherAppId',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. 1234567',
					description: 'ID of the Pusher Channels app (App Keys page)',
				},
			},
			{
				key: 'key',
				kind: 'text',
				property: {
					displayName: 'Key',
					name: 'pusherKey',
					type: 'string',
					required: true,
					default: '',
					description: 'Public key of the Pusher app',
				},
			},
			{
				key: 'secret',
				kind: 'secret',
				property: {
					displayName: 'Secret',
					name: 'pusherSecret',
					type: 'string',
					typeOptions: { password: true },
					required: true,
					default: '',
					description: 'Secret of the Pusher app',
				},
			},
			{
				key: 'cluster',
				kind: 'text',
				property: {
					displayName: 'Cluster',
					name: 'pusherCluster',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. mt1',
					description: 'Cluster of the Pusher app, e.g. mt1, eu, us2',
				},
			},
			{
				key: 'useTLS',
				kind: 'boolean',
				property: {
					displayName: 'Use TLS',
					name: 'pusherUseTls',
					type: 'boolean',
					default: true,
					description: 'Whether the server talks to Pusher over TLS',
				},
			},
		],
	},
	{
		key: 'kafka',
		suffix: 'Kafka',
		label: 'Kafka',
		noun: 'Kafka events',
		setDescription: `Choose which events the instance publishes to the server's Kafka brokers (KAFKA_BROKERS). ${needs('KAFKA_ENABLED')}`,
		getDescription: `Get the Kafka event configuration of an instance. ${NO_ROW} ${needs('KAFKA_ENABLED', false)}`,
	},
];

export const eventResource: ResourceDefinition = {
	value: 'event',
	name: 'Event',
	description: 'Where an instance sends its events: webhook, WebSocket, RabbitMQ, SQS, NATS, Pusher, Kafka',
	defaultOperation: 'setWebhook',
	operations: TRANSPORTS.flatMap((transport) => transportOperations(transport)),
};
