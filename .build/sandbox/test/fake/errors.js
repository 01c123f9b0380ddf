"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.unauthorized = exports.forbidden = exports.notFound = exports.badRequest = exports.Thrown = void 0;
exports.exception = exception;
exports.plainError = plainError;
exports.connectionClosed = connectionClosed;
exports.middlewareError = middlewareError;
exports.renderGlobal = renderGlobal;
exports.renderMeta = renderMeta;
exports.renderRaw = renderRaw;
exports.renderForRoute = renderForRoute;
const STATUS_TEXT = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    500: 'Internal Server Error',
};
class Thrown {
    status;
    error;
    message;
    json;
    constructor(status, error, message, json) {
        this.status = status;
        this.error = error;
        this.message = message;
        this.json = json;
    }
}
exports.Thrown = Thrown;
function exception(status, ...objectError) {
    const message = objectError.length > 0 ? objectError : undefined;
    const error = STATUS_TEXT[status];
    return new Thrown(status, error, message, { status, error, message });
}
const badRequest = (...messages) => exception(400, ...messages);
exports.badRequest = badRequest;
const notFound = (...messages) => exception(404, ...messages);
exports.notFound = notFound;
const forbidden = (...messages) => exception(403, ...messages);
exports.forbidden = forbidden;
const unauthorized = () => new Thrown(401, 'Unauthorized', 'Unauthorized', { status: 401 });
exports.unauthorized = unauthorized;
function plainError(message) {
    return new Thrown(undefined, undefined, message, {});
}
function connectionClosed() {
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
function middlewareError(status, message) {
    return new Thrown(status, undefined, message, {});
}
function renderGlobal(thrown) {
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
function renderMeta(thrown, context) {
    const meta = (thrown.json ?? {});
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
function renderRaw(thrown) {
    return { status: 400, body: thrown.json };
}
const META_CONTEXTS = {
    'business.getCatalog': 'business_catalog',
    'business.getCollections': 'business_collections',
    'template.create': 'template_creation',
    'template.find': 'template_find',
};
function renderForRoute(thrown, routeKey) {
    const context = META_CONTEXTS[routeKey];
    if (context)
        return renderMeta(thrown, context);
    if (routeKey === 'chat.whatsappNumbers')
        return renderRaw(thrown);
    return renderGlobal(thrown);
}
