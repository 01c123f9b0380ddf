/**
 * In-memory stand-in for the server's database and its waMonitor (instances in memory).
 * Everything is keyed by instance name; deleting an instance drops its rows (the DB cascades).
 * Maps are public so tests can inspect or seed them.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import type { Integration } from './catalogue';

export type ConnectionState = 'open' | 'close' | 'connecting';
export type Row = Record<string, unknown>;

export const EVENT_TRANSPORTS = ['websocket', 'rabbitmq', 'nats', 'sqs', 'kafka', 'pusher'] as const;
export type EventTransport = (typeof EVENT_TRANSPORTS)[number];

export const BOT_KINDS = ['evolutionBot', 'typebot', 'openai', 'dify', 'flowise', 'n8n', 'evoai'] as const;
export type BotKind = (typeof BOT_KINDS)[number];

export interface InstanceRecord {
	id: string;
	name: string;
	token: string;
	integration: Integration;
	state: ConnectionState;
	number: string | null;
	businessId: string | null;
	ownerJid: string | null;
	profileName: string | null;
	profilePicUrl: string | null;
	createdAt: string;
	updatedAt: string;
	/** When set, /instance/connect answers HTTP 200 {error:true, message} with this message. */
	connectError?: string;
}

export interface InstanceSeed {
	name: string;
	/** The instance token (its API key). Default: `<name>-token`. */
	token?: string;
	integration?: Integration;
	/** Default 'open', so WhatsApp-dependent routes succeed. */
	state?: ConnectionState;
	number?: string;
	ownerJid?: string;
	profileName?: string;
	/** Makes /instance/connect answer HTTP 200 {error:true, message: connectError}. */
	connectError?: string;
}

export const now = (): string => new Date().toISOString();

/** Prisma-style cuid: what bot, creds and row ids look like. */
export function cuid(): string {
	return `c${Date.now().toString(36)}${randomBytes(8).toString('hex')}`.slice(0, 25);
}

/** A Baileys message id. */
export function messageId(): string {
	return `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
}

export class FakeState {
	readonly instances = new Map<string, InstanceRecord>();
	readonly webhooks = new Map<string, Row>();
	readonly settings = new Map<string, Row>();
	readonly proxies = new Map<string, Row>();
	readonly chatwoot = new Map<string, Row>();
	readonly eventConfigs: Record<EventTransport, Map<string, Row>> = {
		websocket: new Map(),
		rabbitmq: new Map(),
		nats: new Map(),
		sqs: new Map(),
		kafka: new Map(),
		pusher: new Map(),
	};
	/** Bot rows by id, per integration (each row carries instanceId). */
	readonly bots: Record<BotKind, Map<string, Row>> = {
		evolutionBot: new Map(),
		typebot: new Map(),
		openai: new Map(),
		dify: new Map(),
		flowise: new Map(),
		n8n: new Map(),
		evoai: new Map(),
	};
	/** Default bot settings per integration, keyed by instance name. */
	readonly botSettings: Record<BotKind, Map<string, Row>> = {
		evolutionBot: new Map(),
		typebot: new Map(),
		openai: new Map(),
		dify: new Map(),
		flowise: new Map(),
		n8n: new Map(),
		evoai: new Map(),
	};
	/** IntegrationSession rows ({id, remoteJid, status, botId, type, instanceId, ...}). */
	readonly sessions: Row[] = [];
	readonly openaiCreds = new Map<string, Row>();
	readonly labels = new Map<string, Row[]>();
	readonly groups = new Map<string, Map<string, Row>>();
	readonly messages = new Map<string, Row[]>();
	readonly chats = new Map<string, Row[]>();
	readonly contacts = new Map<string, Row[]>();
	readonly media = new Map<string, Row[]>();
	readonly templates = new Map<string, Row[]>();

	addInstance(seed: InstanceSeed & { token: string; state: ConnectionState }): InstanceRecord {
		const created = now();
		const record: InstanceRecord = {
			id: randomUUID(),
			name: seed.name,
			token: seed.token,
			integration: seed.integration ?? 'WHATSAPP-BAILEYS',
			state: seed.state,
			number: seed.number ?? null,
			businessId: null,
			ownerJid: seed.ownerJid ?? (seed.state === 'open' ? '5511900000000@s.whatsapp.net' : null),
			profileName: seed.profileName ?? null,
			profilePicUrl: null,
			createdAt: created,
			updatedAt: created,
			...(seed.connectError !== undefined ? { connectError: seed.connectError } : {}),
		};
		this.instances.set(record.name, record);
		// Instance creation always stores the settings row (booleans default false).
		this.settings.set(record.name, {
			id: cuid(),
			rejectCall: false,
			msgCall: '',
			groupsIgnore: false,
			alwaysOnline: false,
			readMessages: false,
			readStatus: false,
			syncFullHistory: false,
			wavoipToken: '',
			createdAt: created,
			updatedAt: created,
			instanceId: record.id,
		});
		return record;
	}

	/** Seeds an instance the way a test describes it (state 'open' unless told otherwise). */
	seedInstance(seed: InstanceSeed): InstanceRecord {
		return this.addInstance({ ...seed, token: seed.token ?? `${seed.name}-token`, state: seed.state ?? 'open' });
	}

	deleteInstance(name: string): void {
		const instance = this.instances.get(name);
		if (!instance) return;
		this.instances.delete(name);
		for (const map of [this.webhooks, this.settings, this.proxies, this.chatwoot, this.labels, this.groups, this.messages, this.chats, this.contacts, this.media, this.templates]) {
			(map as Map<string, unknown>).delete(name);
		}
		for (const transport of EVENT_TRANSPORTS) this.eventConfigs[transport].delete(name);
		for (const kind of BOT_KINDS) {
			this.botSettings[kind].delete(name);
			for (const [id, bot] of this.bots[kind]) if (bot.instanceId === instance.id) this.bots[kind].delete(id);
		}
		for (const [id, creds] of this.openaiCreds) if (creds.instanceId === instance.id) this.openaiCreds.delete(id);
		for (let index = this.sessions.length - 1; index >= 0; index--) {
			if (this.sessions[index].instanceId === instance.id) this.sessions.splice(index, 1);
		}
	}

	/** Empties the whole database in place (the maps stay the same objects). */
	clear(): void {
		for (const name of [...this.instances.keys()]) this.deleteInstance(name);
		for (const map of [this.webhooks, this.settings, this.proxies, this.chatwoot, this.labels, this.groups, this.messages, this.chats, this.contacts, this.media, this.templates, this.openaiCreds]) {
			(map as Map<string, unknown>).clear();
		}
		for (const transport of EVENT_TRANSPORTS) this.eventConfigs[transport].clear();
		for (const kind of BOT_KINDS) {
			this.bots[kind].clear();
			this.botSettings[kind].clear();
		}
		this.sessions.length = 0;
	}

	findInstanceByToken(token: string): InstanceRecord[] {
		return [...this.instances.values()].filter((instance) => instance.token === token);
	}

	/** The per-instance list of a keyed collection, created on first use. */
	listOf(map: Map<string, Row[]>, instanceName: string): Row[] {
		let list = map.get(instanceName);
		if (!list) {
			list = [];
			map.set(instanceName, list);
		}
		return list;
	}

	groupsOf(instanceName: string): Map<string, Row> {
		let groups = this.groups.get(instanceName);
		if (!groups) {
			groups = new Map();
			this.groups.set(instanceName, groups);
		}
		return groups;
	}

	/** Stores a message record and upserts its chat, as Baileys' messages.upsert handler does. */
	storeMessage(instanceName: string, message: Row): void {
		this.listOf(this.messages, instanceName).push(message);
		const key = message.key as { remoteJid?: string } | undefined;
		const remoteJid = key?.remoteJid;
		if (!remoteJid) return;
		const chats = this.listOf(this.chats, instanceName);
		const existing = chats.find((chat) => chat.remoteJid === remoteJid);
		const updatedAt = now();
		if (existing) {
			existing.updatedAt = updatedAt;
			existing.lastMessage = message;
		} else {
			chats.push({
				id: cuid(),
				remoteJid,
				pushName: null,
				profilePicUrl: null,
				createdAt: updatedAt,
				updatedAt,
				unreadMessages: 0,
				instanceId: message.instanceId,
				lastMessage: message,
			});
		}
	}
}
