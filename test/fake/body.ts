/**
 * Request bodies as the real server's middleware sees them: express.json (strict) and
 * express.urlencoded for every route, multer `.single(<field>)` only on the media routes.
 */
import { middlewareError, type Thrown } from './errors';
import { appendField, MultipartError, multipartBoundary, parseMultipart, type UploadedFile } from './multipart';
import type { Dto } from './validate';

export type BodyKind = 'none' | 'json' | 'urlencoded' | 'multipart' | 'other';

export interface ParsedBody {
	kind: BodyKind;
	mediaType: string;
	/** What the client sent, parsed (for the recording). */
	sent: unknown;
	files: UploadedFile[];
	/** What the route handler receives as req.body (an object; {} when nothing was parsed). */
	serverBody: Dto;
	/** body-parser failure: answered before routing. */
	parserError: Thrown | null;
	/** multer failure: answered after the guards. */
	multerError: Thrown | null;
}

export function parseBody(contentType: string | undefined, raw: Buffer, multipartField: string | null): ParsedBody {
	const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
	const result: ParsedBody = {
		kind: 'none',
		mediaType,
		sent: undefined,
		files: [],
		serverBody: {},
		parserError: null,
		multerError: null,
	};
	if (raw.length === 0) return result;

	if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
		result.kind = 'json';
		const text = raw.toString('utf8');
		const firstChar = text.trimStart()[0];
		try {
			const value: unknown = JSON.parse(text);
			result.sent = value;
			// body-parser's strict mode accepts only objects and arrays.
			if (firstChar !== '{' && firstChar !== '[') {
				result.parserError = middlewareError(400, `Unexpected token '${firstChar}', "${text.slice(0, 32)}" is not valid JSON`);
			} else {
				// The routers Object.assign the body onto a DTO, so an array becomes index keys.
				result.serverBody = Object.assign({}, value) as Dto;
			}
		} catch (error) {
			result.parserError = middlewareError(400, (error as Error).message);
		}
		return result;
	}

	if (mediaType === 'application/x-www-form-urlencoded') {
		result.kind = 'urlencoded';
		const fields: Dto = {};
		for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) appendField(fields, name, value);
		result.sent = fields;
		result.serverBody = { ...fields };
		return result;
	}

	const boundary = multipartBoundary(contentType);
	if (mediaType === 'multipart/form-data') {
		result.kind = 'multipart';
		if (!boundary) {
			if (multipartField) result.multerError = middlewareError(undefined, 'Multipart: Boundary not found');
			return result;
		}
		try {
			const { fields, files } = parseMultipart(raw, boundary);
			result.sent = fields;
			result.files = files;
			// Without multer on the route the server never reads the form: req.body stays {}.
			if (multipartField) {
				result.serverBody = { ...fields };
				const unexpected = files.filter((file) => file.fieldName !== multipartField);
				if (unexpected.length > 0 || files.length > 1) result.multerError = middlewareError(undefined, 'Unexpected field');
			}
		} catch (error) {
			if (!(error instanceof MultipartError)) throw error;
			if (multipartField) result.multerError = middlewareError(undefined, error.message);
		}
		return result;
	}

	result.kind = 'other';
	result.sent = raw.toString('utf8');
	return result;
}
