"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MultipartError = void 0;
exports.multipartBoundary = multipartBoundary;
exports.parseMultipart = parseMultipart;
exports.appendField = appendField;
class MultipartError extends Error {
}
exports.MultipartError = MultipartError;
function multipartBoundary(contentType) {
    if (!contentType || !/^multipart\/form-data\b/i.test(contentType))
        return null;
    const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    return match ? (match[1] ?? match[2]) : null;
}
function parseMultipart(body, boundary) {
    const delimiter = Buffer.from(`--${boundary}`);
    const fields = {};
    const files = [];
    let position = body.indexOf(delimiter);
    if (position === -1)
        throw new MultipartError('Unexpected end of form');
    for (;;) {
        position += delimiter.length;
        if (body.subarray(position, position + 2).toString() === '--')
            break;
        if (body.subarray(position, position + 2).toString() !== '\r\n')
            throw new MultipartError('Malformed part header');
        position += 2;
        const headerEnd = body.indexOf('\r\n\r\n', position);
        if (headerEnd === -1)
            throw new MultipartError('Unexpected end of form');
        const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
        const contentStart = headerEnd + 4;
        const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), contentStart);
        if (next === -1)
            throw new MultipartError('Unexpected end of form');
        const content = body.subarray(contentStart, next);
        position = next + 2;
        const disposition = headers['content-disposition'] ?? '';
        const name = dispositionParam(disposition, 'name');
        if (name === undefined)
            continue;
        const filename = dispositionParam(disposition, 'filename');
        if (filename !== undefined) {
            files.push({
                fieldName: name,
                filename,
                contentType: headers['content-type'] ?? 'application/octet-stream',
                data: Buffer.from(content),
            });
        }
        else {
            appendField(fields, name, content.toString('utf8'));
        }
    }
    return { fields, files };
}
function parseHeaders(block) {
    const headers = {};
    for (const line of block.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0)
            headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return headers;
}
function dispositionParam(disposition, param) {
    const extended = new RegExp(`;\\s*${param}\\*=(?:UTF-8|utf-8)''([^;]+)`).exec(disposition);
    if (extended)
        return decodeURIComponent(extended[1]);
    const match = new RegExp(`;\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`).exec(disposition);
    if (!match)
        return undefined;
    return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2].trim();
}
function appendField(target, name, value) {
    const path = parsePath(name);
    if (!path) {
        const existing = target[name];
        if (existing === undefined)
            target[name] = value;
        else if (Array.isArray(existing))
            existing.push(value);
        else
            target[name] = [existing, value];
        return;
    }
    let node = target;
    for (let index = 0; index < path.length; index++) {
        const key = path[index];
        const last = index === path.length - 1;
        const nextKey = path[index + 1];
        const container = node;
        const slot = key === '' && Array.isArray(node) ? String(node.length) : key;
        if (last) {
            if (Array.isArray(node))
                node.push(value);
            else
                container[slot] = value;
            return;
        }
        let child = container[slot];
        if (typeof child !== 'object' || child === null) {
            child = nextKey === '' || /^\d+$/.test(nextKey) ? [] : {};
            container[slot] = child;
        }
        node = child;
    }
}
function parsePath(name) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(name);
    if (!match)
        return null;
    const rest = [...match[2].matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]);
    return [match[1], ...rest];
}
