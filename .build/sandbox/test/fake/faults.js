"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FaultBook = void 0;
exports.matches = matches;
exports.describeFault = describeFault;
function matches(matcher, request) {
    if (typeof matcher === 'function')
        return matcher(request);
    if (matcher instanceof RegExp)
        return matcher.test(`${request.method} ${request.url}`);
    if (typeof matcher === 'string') {
        if (matcher === '*')
            return true;
        const methodAndPath = /^([A-Z]+) (\/.*)$/.exec(matcher);
        if (methodAndPath)
            return request.method === methodAndPath[1] && request.path.startsWith(methodAndPath[2]);
        if (matcher.startsWith('/'))
            return request.path.startsWith(matcher);
        return request.route !== null && `${request.route.group}.${request.route.name}` === matcher;
    }
    if (matcher.method !== undefined && matcher.method.toUpperCase() !== request.method)
        return false;
    if (matcher.group !== undefined && matcher.group !== request.route?.group)
        return false;
    if (matcher.name !== undefined && matcher.name !== request.route?.name)
        return false;
    if (matcher.instance !== undefined && matcher.instance !== request.instance)
        return false;
    if (matcher.path instanceof RegExp && !matcher.path.test(request.path))
        return false;
    if (typeof matcher.path === 'string' && !request.path.startsWith(matcher.path))
        return false;
    return true;
}
function describeFault(fault) {
    if ('hang' in fault)
        return 'hang';
    if ('destroy' in fault)
        return 'destroy';
    if ('status' in fault)
        return `status ${fault.status}`;
    return `delay ${fault.delayMs}ms`;
}
class FaultBook {
    oneShot = [];
    persistent = [];
    failNext(matcher, fault, times = 1) {
        this.oneShot.push({ matcher, fault, remaining: times });
    }
    setFault(matcher, fault) {
        const entry = { matcher, fault, remaining: Infinity };
        this.persistent.push(entry);
        return () => {
            this.persistent = this.persistent.filter((candidate) => candidate !== entry);
        };
    }
    clear() {
        this.oneShot = [];
        this.persistent = [];
    }
    take(request) {
        const oneShot = this.oneShot.find((entry) => matches(entry.matcher, request));
        if (oneShot) {
            oneShot.remaining--;
            if (oneShot.remaining <= 0)
                this.oneShot = this.oneShot.filter((entry) => entry !== oneShot);
            return oneShot.fault;
        }
        return this.persistent.find((entry) => matches(entry.matcher, request))?.fault ?? null;
    }
}
exports.FaultBook = FaultBook;
