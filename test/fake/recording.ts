/**
 * What the fake remembers about each request, and the assertions built on it.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { UploadedFile } from './multipart';
import type { Query } from './validate';

export interface RecordedRequest {
	/** 1-based sequence number within this fake. */
	id: number;
	method: string;
	/** The request target as sent: raw path plus query string, still percent-encoded. */
	url: string;
	/** The raw path, without the query string. */
	path: string;
	/** The catalogue route it matched, or null (answered 404). */
	route: { group: string; name: string; method: string; path: string } | null;
	/** Decoded {instance} path parameter (for /instance/create: body.instanceName). */
	instance: string | null;
	query: Query;
	headers: IncomingHttpHeaders;
	/**
	 * The parsed body as the client sent it: a JSON value, the multipart/urlencoded text fields,
	 * or undefined when no body was sent.
	 */
	body: unknown;
	/** Multipart file parts. */
	files: UploadedFile[];
	rawBody: Buffer;
	/** HTTP status the fake answered; 0 while pending, or when a fault hung up or reset the socket. */
	status: number;
	/** The answer's body: parsed JSON, text, or undefined when empty/unanswered. */
	responseBody: unknown;
	/** Why the server would reject the body (schema/validator messages), even if it answered earlier with 401/404. */
	validationErrors: string[];
	/** Client bugs the real server would not report (undocumented query parameter, GET with a body, …). */
	violations: string[];
	/** The fault applied to this request, if any (e.g. "status 502", "hang"). */
	fault: string | null;
}

export class InvalidRequestError extends Error {}

function describe(request: RecordedRequest): string {
	return `#${request.id} ${request.method} ${request.url}`;
}

/** Throws when a recorded request failed validation or carries a violation. */
export function expectValidRequest(request: RecordedRequest | undefined): void {
	if (!request) throw new InvalidRequestError('fake: no request was recorded');
	const problems = [
		...request.validationErrors.map((message) => `validation: ${message}`),
		...request.violations.map((message) => `violation: ${message}`),
	];
	if (request.route === null) problems.push('no such route (404)');
	if (problems.length > 0) {
		throw new InvalidRequestError(`fake: ${describe(request)} is not a valid Evolution API 2.3.6 request:\n  ${problems.join('\n  ')}`);
	}
}

/** Throws listing every invalid request among `requests`. */
export function assertAllValid(requests: readonly RecordedRequest[]): void {
	const failures: string[] = [];
	for (const request of requests) {
		try {
			expectValidRequest(request);
		} catch (error) {
			failures.push((error as Error).message);
		}
	}
	if (failures.length > 0) throw new InvalidRequestError(failures.join('\n'));
}
