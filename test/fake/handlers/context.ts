/**
 * Types and helpers shared by the route handlers (the fake's "controllers").
 */
import type { CatalogueRoute } from '../catalogue';
import type { EventBus } from '../eventbus';
import type { UploadedFile } from '../multipart';
import type { FakeState, InstanceRecord, Row } from '../state';
import type { Dto, Query } from '../validate';

/** Env switches of the real server (`*_ENABLED`); all true unless a test turns one off. */
export interface EnabledIntegrations {
	typebot: boolean;
	openai: boolean;
	dify: boolean;
	flowise: boolean;
	n8n: boolean;
	evoai: boolean;
	chatwoot: boolean;
	rabbitmq: boolean;
	sqs: boolean;
	websocket: boolean;
	nats: boolean;
	pusher: boolean;
	kafka: boolean;
}

export interface FakeConfig {
	apiKey: string;
	enabled: EnabledIntegrations;
	/** The fake's base URL (SERVER_URL of the real server). */
	baseUrl: () => string;
	/** WA_BUSINESS_TOKEN_WEBHOOK: compared with hub.verify_token on GET /webhook/meta. */
	metaVerifyToken: string;
	/** Where handlers emit events (send.message, connection.update, …); absent: events are dropped. */
	events?: EventBus;
}

export interface HandlerContext {
	route: CatalogueRoute;
	params: Record<string, string>;
	/** The instance named by the path; null on routes without {instance}. */
	instance: InstanceRecord | null;
	/** The validated body (after the group validators copied query values into it). */
	dto: Dto;
	files: UploadedFile[];
	query: Query;
	apiKey: string | undefined;
	state: FakeState;
	config: FakeConfig;
}

/** A handler answer that is not "the route's success status with this JSON body". */
export class Reply {
	private constructor(
		readonly status: number,
		/** undefined: an empty body, like `res.json(undefined)`. */
		readonly body: unknown,
		readonly contentType: string = 'application/json; charset=utf-8',
		readonly raw = false,
	) {}

	static json(status: number, body: unknown): Reply {
		return new Reply(status, body);
	}

	/** `res.status(x).json(undefined)`: content-type JSON, zero bytes. */
	static empty(status: number): Reply {
		return new Reply(status, undefined);
	}

	static text(status: number, text: string, contentType = 'text/plain; charset=utf-8'): Reply {
		return new Reply(status, text, contentType, true);
	}
}

/** What a handler returns: a controller result (sent with successStatus) or a Reply. */
export type HandlerResult = unknown;
export type Handler = (ctx: HandlerContext) => HandlerResult;

/** The instance a handler needs; the guards guarantee it exists on {instance} routes. */
export function instanceOf(ctx: HandlerContext): InstanceRecord {
	if (!ctx.instance) throw new Error(`fake: ${ctx.route.path} has no instance`);
	return ctx.instance;
}

/** sendDataWebhook(event, data) for the route's instance (or the one named). */
export function emit(ctx: HandlerContext, event: string, data: unknown, instanceName = instanceOf(ctx).name): void {
	ctx.config.events?.emit(instanceName, event, data);
}

export function str(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

export function obj(value: unknown): Row | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : undefined;
}

export function firstQuery(query: Query, name: string): string | undefined {
	const value = query[name];
	return Array.isArray(value) ? value[0] : value;
}

/** Baileys' createJid: numbers become user JIDs, JIDs pass through, group ids get @g.us. */
export function toJid(number: string): string {
	if (number.includes('@')) return number;
	if (number.includes('-')) return `${number}@g.us`;
	const digits = number.replace(/\D/g, '');
	return digits.length >= 18 ? `${digits}@g.us` : `${digits}@s.whatsapp.net`;
}

export function isUrl(value: string): boolean {
	return /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(value);
}

/** class-validator isBase64: standard alphabet, padded to a multiple of 4; no `data:` prefix. */
export function isBase64(value: string): boolean {
	return value.length > 0 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

/** Integer from a body field that may be a number or a numeric string. */
export function intOf(value: unknown): number | undefined {
	const parsed = typeof value === 'string' ? Number(value) : value;
	return typeof parsed === 'number' && Number.isInteger(parsed) ? parsed : undefined;
}
