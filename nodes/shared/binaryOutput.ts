import type {
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { decodeBase64, mimeTypeForFileName, parseMimeType, toBinaryData } from './media';

/*
 * Binary output: media the server returns as base64 and public picture URLs, turned into
 * n8n binary items with a MIME type, a file name and an extension.
 */

/** Checks an output binary field name ("Put Output File in Field"). */
export function checkBinaryFieldName(this: IExecuteFunctions, raw: unknown, itemIndex: number, label: string): string {
	const name = typeof raw === 'string' ? raw.trim() : '';
	if (!name) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			itemIndex,
			description: 'Enter the name of the binary field to write the file to, e.g. data.',
		});
	}
	if (!/^[\w.-]+$/.test(name)) {
		throw new NodeOperationError(this.getNode(), `${label} "${name}" is not a valid binary field name`, {
			itemIndex,
			description: 'Use letters, digits, "_", "-" or "." only, e.g. data.',
		});
	}
	return name;
}

/**
 * A file name from the server without the artefacts of a failed extension lookup
 * (`<id>.false`, `<id>.undefined`), so the MIME type can supply the right one.
 */
export function cleanFileName(fileName: unknown): string | undefined {
	if (typeof fileName !== 'string') return undefined;
	const trimmed = fileName.trim().replace(/\.(false|undefined|null|bin)$/i, '');
	return trimmed.replace(/[\\/]/g, '_') || undefined;
}

/** The essence MIME type a download should carry: the server's, else one from the file name. */
function effectiveMimeType(mimeType: string | undefined, fileName: string | undefined): string | undefined {
	const parsed = parseMimeType(mimeType);
	if (parsed && parsed.essence !== 'application/octet-stream') return parsed.full;
	return mimeTypeForFileName(fileName) ?? parsed?.full;
}

/** One output item: `json` plus the bytes as binary property `property`. */
export async function binaryItem(
	this: IExecuteFunctions,
	json: IDataObject,
	data: Buffer,
	options: { property: string; mimeType?: string; fileName?: string },
): Promise<INodeExecutionData> {
	const fileName = cleanFileName(options.fileName);
	const binary = await toBinaryData(this, data, { mimeType: effectiveMimeType(options.mimeType, fileName), fileName });
	return { json, binary: { [options.property]: binary } };
}

/** Decodes the base64 a route answered with; refuses an absent or empty payload by name. */
export function decodeServerBase64(this: IExecuteFunctions, value: unknown, itemIndex: number, what: string): Buffer {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new NodeOperationError(this.getNode(), `The Evolution API server returned no data for ${what}`, {
			itemIndex,
			description: 'The media may have expired on WhatsApp or was never downloaded by the server. Check the server logs.',
		});
	}
	return decodeBase64(this.getNode(), value, { field: `The ${what} returned by the server`, itemIndex }).data;
}

/**
 * Downloads a public URL (a WhatsApp picture link the server returned) without any credential:
 * the Evolution API key must never go to a third-party host.
 */
export async function downloadPublicFile(
	this: IExecuteFunctions,
	url: string,
	itemIndex: number,
	what: string,
): Promise<{ data: Buffer; mimeType?: string }> {
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol)) {
		throw new NodeOperationError(this.getNode(), `The ${what} URL "${url}" is not an http(s) URL`, { itemIndex });
	}
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Could not download the ${what}`, {
			itemIndex,
			description: `The request to ${parsed.host} failed (${(error as Error).message}). WhatsApp picture links expire after a while; fetch a fresh one and retry.`,
		});
	}
	if (response.statusCode >= 400) {
		throw new NodeOperationError(this.getNode(), `Could not download the ${what} (HTTP ${response.statusCode})`, {
			itemIndex,
			description: `${parsed.host} refused the download. WhatsApp picture links expire after a while; fetch a fresh one and retry.`,
		});
	}
	const body = response.body as unknown;
	const data = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: typeof body === 'string'
				? Buffer.from(body, 'binary')
				: Buffer.alloc(0);
	if (data.length === 0) {
		throw new NodeOperationError(this.getNode(), `The ${what} download was empty`, { itemIndex });
	}
	const headers = (response.headers ?? {}) as IDataObject;
	const contentType = headers['content-type'];
	return { data, mimeType: typeof contentType === 'string' ? contentType : undefined };
}

/** Options of the operations that return a profile picture URL. */
export const downloadPictureOptions: INodeProperties[] = [
	{
		displayName: 'Download Picture',
		name: 'downloadPicture',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the picture and output it as binary data (no binary is added when there is no picture or it is hidden by privacy settings)',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'outputBinaryField',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		description: 'Binary field of the output item that receives the downloaded file',
	},
];

/**
 * The output item of an operation with picture download: `json` as is, plus the picture as
 * binary when Download Picture is on and `url` is a link.
 */
export async function withDownloadedPicture(
	this: IExecuteFunctions,
	itemIndex: number,
	json: IDataObject,
	url: unknown,
	options: IDataObject,
	baseName: string,
): Promise<INodeExecutionData> {
	if (options.downloadPicture !== true) return { json };
	const property = checkBinaryFieldName.call(this, options.outputBinaryField ?? 'data', itemIndex, 'Put Output File in Field');
	if (typeof url !== 'string' || url.trim() === '') return { json };
	const { data, mimeType } = await downloadPublicFile.call(this, url.trim(), itemIndex, 'profile picture');
	// WhatsApp serves profile pictures as JPEG; keep that when the host sends no useful type.
	const essence = parseMimeType(mimeType)?.essence;
	const type = !essence || essence === 'application/octet-stream' ? 'image/jpeg' : mimeType;
	return await binaryItem.call(this, json, data, { property, mimeType: type, fileName: baseName });
}
