"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Reply = void 0;
exports.instanceOf = instanceOf;
exports.emit = emit;
exports.str = str;
exports.obj = obj;
exports.firstQuery = firstQuery;
exports.toJid = toJid;
exports.isUrl = isUrl;
exports.isBase64 = isBase64;
exports.intOf = intOf;
class Reply {
    status;
    body;
    contentType;
    raw;
    constructor(status, body, contentType = 'application/json; charset=utf-8', raw = false) {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
        this.raw = raw;
    }
    static json(status, body) {
        return new Reply(status, body);
    }
    static empty(status) {
        return new Reply(status, undefined);
    }
    static text(status, text, contentType = 'text/plain; charset=utf-8') {
        return new Reply(status, text, contentType, true);
    }
}
exports.Reply = Reply;
function instanceOf(ctx) {
    if (!ctx.instance)
        throw new Error(`fake: ${ctx.route.path} has no instance`);
    return ctx.instance;
}
function emit(ctx, event, data, instanceName = instanceOf(ctx).name) {
    ctx.config.events?.emit(instanceName, event, data);
}
function str(value) {
    return typeof value === 'string' ? value : undefined;
}
function obj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
function firstQuery(query, name) {
    const value = query[name];
    return Array.isArray(value) ? value[0] : value;
}
function toJid(number) {
    if (number.includes('@'))
        return number;
    if (number.includes('-'))
        return `${number}@g.us`;
    const digits = number.replace(/\D/g, '');
    return digits.length >= 18 ? `${digits}@g.us` : `${digits}@s.whatsapp.net`;
}
function isUrl(value) {
    return /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(value);
}
function isBase64(value) {
    return value.length > 0 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}
function intOf(value) {
    const parsed = typeof value === 'string' ? Number(value) : value;
    return typeof parsed === 'number' && Number.isInteger(parsed) ? parsed : undefined;
}
