"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Router = exports.RouteDecodeError = exports.CATALOGUE_PATH = exports.INTEGRATIONS = void 0;
exports.loadCatalogue = loadCatalogue;
exports.routeKey = routeKey;
exports.schemaOf = schemaOf;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
exports.INTEGRATIONS = ['WHATSAPP-BAILEYS', 'WHATSAPP-BUSINESS', 'EVOLUTION'];
function findCatalogue() {
    const beside = (0, node_path_1.resolve)(__dirname, '../fixtures/catalogue.json');
    if ((0, node_fs_1.existsSync)(beside))
        return beside;
    for (let dir = __dirname;; dir = (0, node_path_1.dirname)(dir)) {
        const candidate = (0, node_path_1.join)(dir, 'test', 'fixtures', 'catalogue.json');
        if ((0, node_fs_1.existsSync)(candidate))
            return candidate;
        if ((0, node_path_1.dirname)(dir) === dir)
            return beside;
    }
}
exports.CATALOGUE_PATH = findCatalogue();
let cached;
function loadCatalogue() {
    cached ??= JSON.parse((0, node_fs_1.readFileSync)(exports.CATALOGUE_PATH, 'utf8'));
    return cached;
}
function routeKey(route) {
    return `${route.group}.${route.name}`;
}
function schemaOf(route, catalogue = loadCatalogue()) {
    if (route.bodySchema)
        return route.bodySchema;
    if (route.bodySchemaRef === 'instanceSchema')
        return catalogue.schemas.instanceSchema;
    return null;
}
class RouteDecodeError extends Error {
    rawValue;
    constructor(rawValue) {
        super(`Failed to decode param '${rawValue}'`);
        this.rawValue = rawValue;
    }
}
exports.RouteDecodeError = RouteDecodeError;
class Router {
    compiled;
    constructor(routes) {
        this.compiled = routes.map((route) => ({
            route,
            segments: splitPath(route.path).map((part) => {
                const param = /^\{(\w+)\}$/.exec(part);
                if (!param)
                    return { literal: part.toLowerCase() };
                return { param: param[1], rest: route.path.startsWith('/manager/') };
            }),
        }));
    }
    match(method, rawPathname) {
        const parts = splitPath(rawPathname);
        for (const candidate of this.compiled) {
            if (candidate.route.method !== method)
                continue;
            const params = matchSegments(candidate.segments, parts);
            if (params)
                return { route: candidate.route, params };
        }
        return null;
    }
}
exports.Router = Router;
function splitPath(pathname) {
    const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    return trimmed === '/' ? [] : trimmed.slice(1).split('/');
}
function matchSegments(segments, parts) {
    const params = {};
    for (let index = 0; index < segments.length; index++) {
        const segment = segments[index];
        if ('literal' in segment) {
            if (parts[index]?.toLowerCase() !== segment.literal)
                return null;
            continue;
        }
        if (segment.rest) {
            params[segment.param] = decode(parts.slice(index).join('/'));
            return params;
        }
        if (parts[index] === undefined || parts[index] === '')
            return null;
        params[segment.param] = decode(parts[index]);
    }
    return parts.length === segments.length ? params : null;
}
function decode(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        throw new RouteDecodeError(value);
    }
}
