/**
 * Fault injection for error-path tests: raw answers (HTML 500, proxy 502, truncated JSON,
 * empty body), slow answers, hung requests and reset sockets.
 */
import type { RecordedRequest } from './recording';

export type Fault =
	/** Answer this instead of the real response (after `delayMs`, if given). */
	| {
			status: number;
			/** A string/Buffer is sent as-is; undefined sends 0 bytes; anything else is JSON-encoded. */
			body?: unknown;
			/** Default: application/json for encoded values, text/html for strings/Buffers. */
			contentType?: string;
			headers?: Record<string, string>;
			delayMs?: number;
	  }
	/** Answer normally, but only after this many milliseconds. */
	| { delayMs: number }
	/** Never answer (the socket stays open until the client gives up or the fake closes). */
	| { hang: true }
	/** Reset the connection without answering. */
	| { destroy: true; delayMs?: number };

/**
 * Which requests a fault applies to:
 * - `'*'`: every request;
 * - `'group.name'` (e.g. `'message.sendText'`): a catalogue route;
 * - `'/path/prefix'` or `'POST /path/prefix'`: the raw path starts with it;
 * - a RegExp tested against `'METHOD /raw/path?query'`;
 * - an object whose given fields must all match;
 * - a predicate over the recorded request.
 */
export type RouteMatcher =
	| string
	| RegExp
	| { method?: string; group?: string; name?: string; instance?: string; path?: string | RegExp }
	| ((request: RecordedRequest) => boolean);

export function matches(matcher: RouteMatcher, request: RecordedRequest): boolean {
	if (typeof matcher === 'function') return matcher(request);
	if (matcher instanceof RegExp) return matcher.test(`${request.method} ${request.url}`);
	if (typeof matcher === 'string') {
		if (matcher === '*') return true;
		const methodAndPath = /^([A-Z]+) (\/.*)$/.exec(matcher);
		if (methodAndPath) return request.method === methodAndPath[1] && request.path.startsWith(methodAndPath[2]);
		if (matcher.startsWith('/')) return request.path.startsWith(matcher);
		return request.route !== null && `${request.route.group}.${request.route.name}` === matcher;
	}
	if (matcher.method !== undefined && matcher.method.toUpperCase() !== request.method) return false;
	if (matcher.group !== undefined && matcher.group !== request.route?.group) return false;
	if (matcher.name !== undefined && matcher.name !== request.route?.name) return false;
	if (matcher.instance !== undefined && matcher.instance !== request.instance) return false;
	if (matcher.path instanceof RegExp && !matcher.path.test(request.path)) return false;
	if (typeof matcher.path === 'string' && !request.path.startsWith(matcher.path)) return false;
	return true;
}

export function describeFault(fault: Fault): string {
	if ('hang' in fault) return 'hang';
	if ('destroy' in fault) return 'destroy';
	if ('status' in fault) return `status ${fault.status}`;
	return `delay ${fault.delayMs}ms`;
}

interface Entry {
	matcher: RouteMatcher;
	fault: Fault;
	/** Remaining uses; Infinity for persistent faults. */
	remaining: number;
}

export class FaultBook {
	private oneShot: Entry[] = [];
	private persistent: Entry[] = [];

	failNext(matcher: RouteMatcher, fault: Fault, times = 1): void {
		this.oneShot.push({ matcher, fault, remaining: times });
	}

	/** Returns a function that removes this fault again. */
	setFault(matcher: RouteMatcher, fault: Fault): () => void {
		const entry: Entry = { matcher, fault, remaining: Infinity };
		this.persistent.push(entry);
		return () => {
			this.persistent = this.persistent.filter((candidate) => candidate !== entry);
		};
	}

	clear(): void {
		this.oneShot = [];
		this.persistent = [];
	}

	/** The fault for this request, consuming one use of a one-shot fault. One-shot faults win. */
	take(request: RecordedRequest): Fault | null {
		const oneShot = this.oneShot.find((entry) => matches(entry.matcher, request));
		if (oneShot) {
			oneShot.remaining--;
			if (oneShot.remaining <= 0) this.oneShot = this.oneShot.filter((entry) => entry !== oneShot);
			return oneShot.fault;
		}
		return this.persistent.find((entry) => matches(entry.matcher, request))?.fault ?? null;
	}
}
