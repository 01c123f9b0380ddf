"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseBody = parseBody;
const errors_1 = require("./errors");
const multipart_1 = require("./multipart");
function parseBody(contentType, raw, multipartField) {
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const result = {
        kind: 'none',
        mediaType,
        sent: undefined,
        files: [],
        serverBody: {},
        parserError: null,
        multerError: null,
    };
    if (raw.length === 0)
        return result;
    if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
        result.kind = 'json';
        const text = raw.toString('utf8');
        const firstChar = text.trimStart()[0];
        try {
            const value = JSON.parse(text);
            result.sent = value;
            if (firstChar !== '{' && firstChar !== '[') {
                result.parserError = (0, errors_1.middlewareError)(400, `Unexpected token '${firstChar}', "${text.slice(0, 32)}" is not valid JSON`);
            }
            else {
                result.serverBody = Object.assign({}, value);
            }
        }
        catch (error) {
            result.parserError = (0, errors_1.middlewareError)(400, error.message);
        }
        return result;
    }
    if (mediaType === 'application/x-www-form-urlencoded') {
        result.kind = 'urlencoded';
        const fields = {};
        for (const [name, value] of new URLSearchParams(raw.toString('utf8')))
            (0, multipart_1.appendField)(fields, name, value);
        result.sent = fields;
        result.serverBody = { ...fields };
        return result;
    }
    const boundary = (0, multipart_1.multipartBoundary)(contentType);
    if (mediaType === 'multipart/form-data') {
        result.kind = 'multipart';
        if (!boundary) {
            if (multipartField)
                result.multerError = (0, errors_1.middlewareError)(undefined, 'Multipart: Boundary not found');
            return result;
        }
        try {
            const { fields, files } = (0, multipart_1.parseMultipart)(raw, boundary);
            result.sent = fields;
            result.files = files;
            if (multipartField) {
                result.serverBody = { ...fields };
                const unexpected = files.filter((file) => file.fieldName !== multipartField);
                if (unexpected.length > 0 || files.length > 1)
                    result.multerError = (0, errors_1.middlewareError)(undefined, 'Unexpected field');
            }
        }
        catch (error) {
            if (!(error instanceof multipart_1.MultipartError))
                throw error;
            if (multipartField)
                result.multerError = (0, errors_1.middlewareError)(undefined, error.message);
        }
        return result;
    }
    result.kind = 'other';
    result.sent = raw.toString('utf8');
    return result;
}
