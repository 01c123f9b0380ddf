import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * HS256 JSON Web Tokens, as Evolution API 2.3.6 sends them when a webhook has `headers.jwt_key`:
 * header {alg:"HS256", typ:"JWT"}, payload {iat, exp: iat + 600, app: "evolution", action: "webhook"},
 * signed with the jwt_key string (webhook.controller.ts:285-303). Only node:crypto is used.
 */

export interface JwtPayload {
	iat?: number;
	exp?: number;
	nbf?: number;
	[claim: string]: unknown;
}

export type JwtFailure =
	| 'missing'
	| 'malformed'
	| 'algorithm'
	| 'signature'
	| 'expired'
	| 'notYetValid'
	| 'claims';

export type JwtVerification = { valid: true; payload: JwtPayload } | { valid: false; reason: JwtFailure };

export interface JwtVerifyOptions {
	/** Current time in seconds since the epoch. */
	nowSeconds: number;
	/** Accepted clock difference between the signer and us, in seconds. */
	leewaySeconds: number;
	/** Claims that must be present with exactly these values, e.g. {app: 'evolution'}. */
	requiredClaims?: Record<string, string>;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const HS256_SIGNATURE_BYTES = 32;

function decodeSegment(segment: string): Buffer | undefined {
	if (!BASE64URL.test(segment)) return undefined;
	const bytes = Buffer.from(segment, 'base64url');
	// Refuse non-canonical encodings (extra bits in the last character).
	return bytes.toString('base64url') === segment ? bytes : undefined;
}

function parseJsonObject(bytes: Buffer): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(bytes.toString('utf8')) as unknown;
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

function hmac(secret: string, data: string): Buffer {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(data, 'utf8').digest();
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: unknown): string | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return undefined;
	const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(value);
	return match?.[1];
}

/**
 * Verifies an HS256 token: algorithm, signature (constant-time), `exp` (required), `nbf` and
 * `iat` (not in the future), each with the leeway, then the required claims. The signature is
 * checked before any claim, so an unsigned token learns nothing from the answer.
 */
export function verifyHs256(token: string | undefined, secret: string | undefined, options: JwtVerifyOptions): JwtVerification {
	if (!token || !secret) return { valid: false, reason: 'missing' };
	if (token.length > 8192) return { valid: false, reason: 'malformed' };
	const parts = token.split('.');
	if (parts.length !== 3) return { valid: false, reason: 'malformed' };
	const [headerPart, payloadPart, signaturePart] = parts;

	const headerBytes = decodeSegment(headerPart);
	const payloadBytes = decodeSegment(payloadPart);
	const signature = decodeSegment(signaturePart);
	if (!headerBytes || !payloadBytes || !signature) return { valid: false, reason: 'malformed' };

	const header = parseJsonObject(headerBytes);
	if (!header) return { valid: false, reason: 'malformed' };
	if (header.alg !== 'HS256' || (header.typ !== undefined && header.typ !== 'JWT')) {
		return { valid: false, reason: 'algorithm' };
	}

	const expected = hmac(secret, `${headerPart}.${payloadPart}`);
	if (signature.length !== HS256_SIGNATURE_BYTES || !timingSafeEqual(expected, signature)) {
		return { valid: false, reason: 'signature' };
	}

	const payload = parseJsonObject(payloadBytes) as JwtPayload | undefined;
	if (!payload) return { valid: false, reason: 'malformed' };

	const { nowSeconds, leewaySeconds } = options;
	if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return { valid: false, reason: 'claims' };
	if (nowSeconds > payload.exp + leewaySeconds) return { valid: false, reason: 'expired' };
	if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || nowSeconds + leewaySeconds < payload.nbf)) {
		return { valid: false, reason: 'notYetValid' };
	}
	if (payload.iat !== undefined && (typeof payload.iat !== 'number' || nowSeconds + leewaySeconds < payload.iat)) {
		return { valid: false, reason: 'notYetValid' };
	}
	for (const [claim, value] of Object.entries(options.requiredClaims ?? {})) {
		if (payload[claim] !== value) return { valid: false, reason: 'claims' };
	}
	return { valid: true, payload };
}

/** Signs `payload` with HS256 the way Evolution API (jsonwebtoken) does. Used by the tests. */
export function signHs256(payload: JwtPayload, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
	const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
	const unsigned = `${encode(header)}.${encode(payload)}`;
	return `${unsigned}.${hmac(secret, unsigned).toString('base64url')}`;
}
