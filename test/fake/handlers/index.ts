/**
 * Runs a route's "controller": the checks the real controllers/services make after validation
 * (integration switched off, channel without the method, WhatsApp socket not open), then the handler.
 */
import { routeKey, type CatalogueRoute } from '../catalogue';
import { badRequest, connectionClosedFor, exception, plainError } from '../errors';
import { botHandlersByRoute, DISABLEABLE_GROUPS } from './bots';
import { chatHandlers } from './chat';
import type { Handler, HandlerContext, HandlerResult } from './context';
import { eventHandlers } from './events';
import { groupHandlers } from './groups';
import { instanceHandlers } from './instance';
import { messageHandlers } from './messages';
import { miscHandlers } from './misc';

export { Reply } from './context';
export type { EnabledIntegrations, FakeConfig, HandlerContext } from './context';

export const HANDLERS: Record<string, Handler> = {
	...instanceHandlers,
	...messageHandlers,
	...chatHandlers,
	...groupHandlers,
	...eventHandlers,
	...botHandlersByRoute,
	...miscHandlers,
};

/** DB reads of /chat that work without a WhatsApp connection. */
// fetchProfilePictureUrl too: the server catches the socket's failure and answers a null picture.
const CHAT_READS = new Set(['findContacts', 'findMessages', 'findStatusMessage', 'findChats', 'findChatByRemoteJid', 'fetchProfilePictureUrl']);
/** Baileys routes that answer from the socket's local state: they work while it is connecting (seen on 2.3.6). */
const BAILEYS_LOCAL = new Set(['generateMessageTag', 'getAuthState']);

/** Routes whose service call goes through the WhatsApp socket (observed: "Connection Closed"). */
export function needsWhatsApp(route: Pick<CatalogueRoute, 'group' | 'name'>): boolean {
	switch (route.group) {
		case 'message':
		case 'profile':
		case 'business':
		case 'group':
		case 'baileys':
			return true;
		case 'chat':
			return !CHAT_READS.has(route.name);
		case 'label':
			return route.name === 'handleLabel';
		case 'instance':
			return route.name === 'setPresence';
		default:
			return false;
	}
}

export function execute(ctx: HandlerContext): HandlerResult {
	const gate = DISABLEABLE_GROUPS[ctx.route.group];
	if (gate && !ctx.config.enabled[gate.flag]) throw badRequest(`${gate.name} is disabled`);

	if (ctx.instance) {
		const support = ctx.route.channelSupport[ctx.instance.integration];
		if (support && !support.supported) {
			const message = support.message ?? 'Method not available';
			throw support.errorShape === 'exception' ? badRequest(message) : plainError(message);
		}
		const local = ctx.route.group === 'baileys' && BAILEYS_LOCAL.has(ctx.route.name) && ctx.instance.state === 'connecting';
		if (needsWhatsApp(ctx.route) && ctx.instance.state !== 'open' && !local) {
			// A send to a group first reads the group's metadata, which fails without a session: its
			// "Group not found" reaches the client as 400 "[object Object]" (see sentMessage).
			if (ctx.route.group === 'message' && String(ctx.dto.number ?? '').endsWith('@g.us')) throw exception(400, '[object Object]');
			throw connectionClosedFor(routeKey(ctx.route));
		}
	}

	const handler = HANDLERS[routeKey(ctx.route)];
	return handler ? handler(ctx) : {};
}
