/**
 * What the real server throws and how its error handlers turn that into HTTP answers.
 * Handlers throw a `Thrown`; the pipeline renders it with the global handler (main.ts)
 * or with the per-router catch of /business, /template and /chat/whatsappNumbers.
 */

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	500: 'Internal Server Error',
};

export class Thrown {
	constructor(
		/** `status` of the thrown object; undefined for plain Errors (rendered as 500). */
		readonly status: number | undefined,
		/** `error` of the thrown object; undefined for plain Errors. */
		readonly error: string | undefined,
		/** `message` of the thrown object: an array for exceptions, a string for Errors. */
		readonly message: unknown,
		/** What `JSON.stringify(thrown)` gives (Error.message is not enumerable). */
		readonly json: unknown,
	) {}
}

/** `new XxxException(...objectError)` from src/exceptions: message is the argument list. */
export function exception(status: number, ...objectError: unknown[]): Thrown {
	const message = objectError.length > 0 ? objectError : undefined;
	const error = STATUS_TEXT[status];
	return new Thrown(status, error, message, { status, error, message });
}

export const badRequest = (...messages: unknown[]): Thrown => exception(400, ...messages);
export const notFound = (...messages: unknown[]): Thrown => exception(404, ...messages);
export const forbidden = (...messages: unknown[]): Thrown => exception(403, ...messages);
export const unauthorized = (): Thrown => new Thrown(401, 'Unauthorized', 'Unauthorized', { status: 401 });

/** A plain `Error`/`TypeError`: the global handler answers 500 with the message string. */
export function plainError(message: string): Thrown {
	return new Thrown(undefined, undefined, message, {});
}

/** The Boom error Baileys throws when the WhatsApp socket is not open. */
export function connectionClosed(): Thrown {
	return new Thrown(undefined, undefined, 'Connection Closed', {
		data: null,
		isBoom: true,
		isServer: false,
		output: {
			statusCode: 428,
			payload: { statusCode: 428, error: 'Precondition Required', message: 'Connection Closed' },
			headers: {},
		},
	});
}

/**
 * How routes that catch the socket's failure report a closed connection on 2.3.6 (measured on the
 * real server, test/real): their own status, and `[context, "Error: Connection Closed"]` as the
 * message. Routes not listed let Baileys' Boom through (connectionClosed()).
 */
const CLOSED_BY_ROUTE: Record<string, { status: number; context?: string }> = {
	'message.sendMedia': { status: 500 },
	'message.sendPtv': { status: 500 },
	'chat.markMessageAsRead': { status: 500, context: 'Read messages fail' },
	'chat.sendPresence': { status: 400 },
	'chat.updateBlockStatus': { status: 500, context: 'Error blocking user' },
	'group.create': { status: 500, context: 'Error creating group' },
	'group.findGroupInfos': { status: 404, context: 'Error fetching group' },
	'group.participants': { status: 404, context: 'No participants' },
	'group.updateGroupSubject': { status: 500, context: 'Error updating group subject' },
	'group.updateGroupDescription': { status: 500, context: 'Error updating group description' },
	'group.updateParticipant': { status: 400, context: 'Error updating participants' },
	'group.updateSetting': { status: 400, context: 'Error updating setting' },
	'group.toggleEphemeral': { status: 400, context: 'Error updating setting' },
	'group.inviteCode': { status: 404, context: 'No invite code' },
	'group.revokeInviteCode': { status: 404, context: 'Revoke error' },
	'group.acceptInviteCode': { status: 404, context: 'Accept invite error' },
	'group.leaveGroup': { status: 400, context: 'Unable to leave the group' },
	// sic: the server's own text for a failed business profile read.
	'profile.fetchBusinessProfile': { status: 500, context: 'Error updating profile name' },
	'profile.updateProfileStatus': { status: 500, context: 'Error updating profile status' },
	'profile.updatePrivacySettings': { status: 500, context: 'Error updating privacy settings' },
};

/** Routes whose answer to a closed connection is listed in CLOSED_BY_ROUTE (for the fake's own test). */
export const CLOSED_ROUTES = Object.keys(CLOSED_BY_ROUTE);

/** The closed-connection answer of one route (`group.name`). */
export function connectionClosedFor(key: string): Thrown {
	const known = CLOSED_BY_ROUTE[key];
	if (!known) return connectionClosed();
	return exception(known.status, ...(known.context ? [known.context] : []), 'Error: Connection Closed');
}

/** An error raised by express/body-parser/multer before a controller runs (status kept, no `error`). */
export function middlewareError(status: number | undefined, message: string): Thrown {
	return new Thrown(status, undefined, message, {});
}

export interface Rendered {
	status: number;
	body: unknown;
}

/** main.ts global error handler. */
export function renderGlobal(thrown: Thrown): Rendered {
	const status = thrown.status ?? 500;
	return {
		status,
		body: {
			status,
			error: thrown.error ?? 'Internal Server Error',
			response: { message: thrown.message ?? 'Internal Server Error' },
		},
	};
}

/** utils/errorResponse.ts createMetaErrorResponse, used by the /business and /template routers. */
export function renderMeta(thrown: Thrown, context: string): Rendered {
	const meta = (thrown.json ?? {}) as Record<string, unknown>;
	const title = meta.error_user_title ?? thrown.message ?? 'Unknown error';
	const userMessage = meta.error_user_msg ?? thrown.message ?? 'Unknown error';
	return {
		status: 400,
		body: {
			status: 400,
			error: 'Bad Request',
			message: title,
			details: {
				whatsapp_error: userMessage,
				whatsapp_code: meta.code ?? 'UNKNOWN_ERROR',
				error_user_title: title,
				error_user_msg: userMessage,
				error_type: meta.type ?? 'UNKNOWN',
				error_subcode: meta.error_subcode ?? null,
				fbtrace_id: meta.fbtrace_id ?? null,
				context,
				type: 'whatsapp_api_error',
			},
			timestamp: new Date().toISOString(),
		},
	};
}

/** /chat/whatsappNumbers: the router answers 400 with the thrown value as-is. */
export function renderRaw(thrown: Thrown): Rendered {
	return { status: 400, body: thrown.json };
}

const META_CONTEXTS: Record<string, string> = {
	'business.getCatalog': 'business_catalog',
	'business.getCollections': 'business_collections',
	'template.create': 'template_creation',
	'template.find': 'template_find',
};

/** Renders an error thrown inside a route handler (validation or controller). */
export function renderForRoute(thrown: Thrown, routeKey: string): Rendered {
	const context = META_CONTEXTS[routeKey];
	if (context) return renderMeta(thrown, context);
	if (routeKey === 'chat.whatsappNumbers') return renderRaw(thrown);
	return renderGlobal(thrown);
}
