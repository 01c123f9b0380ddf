"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HANDLERS = exports.Reply = void 0;
exports.needsWhatsApp = needsWhatsApp;
exports.execute = execute;
const catalogue_1 = require("../catalogue");
const errors_1 = require("../errors");
const bots_1 = require("./bots");
const chat_1 = require("./chat");
const events_1 = require("./events");
const groups_1 = require("./groups");
const instance_1 = require("./instance");
const messages_1 = require("./messages");
const misc_1 = require("./misc");
var context_1 = require("./context");
Object.defineProperty(exports, "Reply", { enumerable: true, get: function () { return context_1.Reply; } });
exports.HANDLERS = {
    ...instance_1.instanceHandlers,
    ...messages_1.messageHandlers,
    ...chat_1.chatHandlers,
    ...groups_1.groupHandlers,
    ...events_1.eventHandlers,
    ...bots_1.botHandlersByRoute,
    ...misc_1.miscHandlers,
};
const CHAT_READS = new Set(['findContacts', 'findMessages', 'findStatusMessage', 'findChats', 'findChatByRemoteJid']);
function needsWhatsApp(route) {
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
function execute(ctx) {
    const gate = bots_1.DISABLEABLE_GROUPS[ctx.route.group];
    if (gate && !ctx.config.enabled[gate.flag])
        throw (0, errors_1.badRequest)(`${gate.name} is disabled`);
    if (ctx.instance) {
        const support = ctx.route.channelSupport[ctx.instance.integration];
        if (support && !support.supported) {
            const message = support.message ?? 'Method not available';
            throw support.errorShape === 'exception' ? (0, errors_1.badRequest)(message) : (0, errors_1.plainError)(message);
        }
        if (needsWhatsApp(ctx.route) && ctx.instance.state !== 'open')
            throw (0, errors_1.connectionClosed)();
    }
    const handler = exports.HANDLERS[(0, catalogue_1.routeKey)(ctx.route)];
    return handler ? handler(ctx) : {};
}
