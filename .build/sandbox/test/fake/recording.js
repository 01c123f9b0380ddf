"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvalidRequestError = void 0;
exports.expectValidRequest = expectValidRequest;
exports.assertAllValid = assertAllValid;
class InvalidRequestError extends Error {
}
exports.InvalidRequestError = InvalidRequestError;
function describe(request) {
    return `#${request.id} ${request.method} ${request.url}`;
}
function expectValidRequest(request) {
    if (!request)
        throw new InvalidRequestError('fake: no request was recorded');
    const problems = [
        ...request.validationErrors.map((message) => `validation: ${message}`),
        ...request.violations.map((message) => `violation: ${message}`),
    ];
    if (request.route === null)
        problems.push('no such route (404)');
    if (problems.length > 0) {
        throw new InvalidRequestError(`fake: ${describe(request)} is not a valid Evolution API 2.3.6 request:\n  ${problems.join('\n  ')}`);
    }
}
function assertAllValid(requests) {
    const failures = [];
    for (const request of requests) {
        try {
            expectValidRequest(request);
        }
        catch (error) {
            failures.push(error.message);
        }
    }
    if (failures.length > 0)
        throw new InvalidRequestError(failures.join('\n'));
}
