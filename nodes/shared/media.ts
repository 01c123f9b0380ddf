import type { IBinaryData, IExecuteFunctions, INode, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** MIME type ↔ extension for what WhatsApp carries; the first extension is the preferred one. */
const MIME_EXTENSIONS: Record<string, string[]> = {
	'application/msword': ['doc'],
	'application/json': ['json'],
	'application/pdf': ['pdf'],
	'application/vnd.ms-excel': ['xls'],
	'application/vnd.ms-powerpoint': ['ppt'],
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
	'application/vnd.oasis.opendocument.text': ['odt'],
	'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
	'application/x-7z-compressed': ['7z'],
	'application/x-rar-compressed': ['rar'],
	'application/zip': ['zip'],
	'audio/aac': ['aac'],
	'audio/amr': ['amr'],
	'audio/mp4': ['m4a'],
	'audio/mpeg': ['mp3'],
	'audio/ogg': ['ogg', 'oga', 'opus'],
	'audio/opus': ['opus'],
	'audio/wav': ['wav'],
	'audio/webm': ['weba'],
	'image/gif': ['gif'],
	'image/heic': ['heic'],
	'image/jpeg': ['jpg', 'jpeg'],
	'image/png': ['png'],
	'image/svg+xml': ['svg'],
	'image/webp': ['webp'],
	'text/csv': ['csv'],
	'text/html': ['html', 'htm'],
	'text/plain': ['txt'],
	'text/vcard': ['vcf'],
	'video/3gpp': ['3gp'],
	'video/mp4': ['mp4', 'm4v'],
	'video/mpeg': ['mpeg', 'mpg'],
	'video/quicktime': ['mov'],
	'video/webm': ['webm'],
};

const EXTENSION_MIME: Record<string, string> = {};
for (const [mime, extensions] of Object.entries(MIME_EXTENSIONS)) {
	for (const extension of extensions) EXTENSION_MIME[extension] ??= mime;
}

export interface ParsedMimeType {
	/** Lower-case `type/subtype` without parameters, e.g. `audio/ogg`. */
	essence: string;
	/** The full value as given, e.g. `audio/ogg; codecs=opus`. */
	full: string;
	parameters: Record<string, string>;
}

/** Splits `audio/ogg; codecs=opus` into its essence and parameters. */
export function parseMimeType(raw: string | undefined | null): ParsedMimeType | undefined {
	if (!raw || typeof raw !== 'string') return undefined;
	const [head, ...rest] = raw.split(';');
	const essence = head.trim().toLowerCase();
	if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(essence)) return undefined;
	const parameters: Record<string, string> = {};
	for (const part of rest) {
		const [key, ...value] = part.split('=');
		if (key.trim()) parameters[key.trim().toLowerCase()] = value.join('=').trim().replace(/^"|"$/g, '');
	}
	return { essence, full: raw.trim(), parameters };
}

export function extensionForMimeType(mimeType: string | undefined): string | undefined {
	const parsed = parseMimeType(mimeType);
	if (!parsed) return undefined;
	return MIME_EXTENSIONS[parsed.essence]?.[0] ?? parsed.essence.split('/')[1].replace(/^x-/, '').split('+')[0];
}

export function mimeTypeForFileName(fileName: string | undefined): string | undefined {
	const extension = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
	return extension ? EXTENSION_MIME[extension] : undefined;
}

/** The `mediatype` Evolution expects for a MIME type: image, video, audio or document. */
export function mediaTypeForMimeType(mimeType: string | undefined): 'image' | 'video' | 'audio' | 'document' {
	const essence = parseMimeType(mimeType)?.essence ?? '';
	if (essence.startsWith('image/') && essence !== 'image/svg+xml') return 'image';
	if (essence.startsWith('video/')) return 'video';
	if (essence.startsWith('audio/')) return 'audio';
	return 'document';
}

/** A file name that carries the extension of its MIME type (`media` + `.ogg`). */
export function fileNameFor(baseName: string | undefined, mimeType: string | undefined): string {
	const extension = extensionForMimeType(mimeType);
	const base = (baseName ?? '').trim() || 'file';
	if (!extension || /\.[a-z0-9]{1,8}$/i.test(base)) return base;
	return `${base}.${extension}`;
}

/**
 * Decodes base64 strictly (a data: URL prefix and whitespace are accepted): corrupt input must
 * not silently turn into a few garbage bytes sent to WhatsApp.
 */
export function decodeBase64(
	node: INode,
	value: unknown,
	options: { field: string; itemIndex: number },
): { data: Buffer; mimeType?: string } {
	if (typeof value !== 'string') {
		throw new NodeOperationError(node, `${options.field} must be base64 text`, { itemIndex: options.itemIndex });
	}
	let text = value.trim();
	let mimeType: string | undefined;
	const dataUrl = text.match(/^data:([^;,]+)(;[^,]*)?;base64,/i);
	if (dataUrl) {
		mimeType = dataUrl[1];
		text = text.slice(dataUrl[0].length);
	}
	text = text.replace(/\s+/g, '');
	const normalised = text.replace(/-/g, '+').replace(/_/g, '/');
	const padded = normalised + '='.repeat((4 - (normalised.length % 4)) % 4);
	if (!text || !/^[A-Za-z0-9+/]*={0,2}$/.test(padded) || padded.length % 4 !== 0) {
		throw new NodeOperationError(node, `${options.field} is not valid base64`, {
			description: 'Provide the file content encoded as base64 (optionally as a data: URL), or use a binary property instead.',
			itemIndex: options.itemIndex,
		});
	}
	const data = Buffer.from(padded, 'base64');
	if (data.length === 0) {
		throw new NodeOperationError(node, `${options.field} decodes to an empty file`, { itemIndex: options.itemIndex });
	}
	return { data, mimeType };
}

/** Turns bytes into n8n binary data with a sensible MIME type and a file name with extension. */
export async function toBinaryData(
	context: IExecuteFunctions | IWebhookFunctions | ITriggerFunctions,
	data: Buffer,
	options: { mimeType?: string; fileName?: string },
): Promise<IBinaryData> {
	const parsed = parseMimeType(options.mimeType) ?? parseMimeType(mimeTypeForFileName(options.fileName));
	const mimeType = parsed?.essence ?? 'application/octet-stream';
	const fileName = fileNameFor(options.fileName, mimeType);
	const binary = await context.helpers.prepareBinaryData(data, fileName, mimeType);
	// prepareBinaryData may guess from the bytes; WhatsApp's own MIME type (without codecs) wins.
	binary.mimeType = mimeType;
	binary.fileName = fileName;
	binary.fileExtension = extensionForMimeType(mimeType) ?? binary.fileExtension;
	return binary;
}

/**
 * Recognises the common WhatsApp file formats from their first bytes. Used only where nothing
 * else tells the type (base64 without a data: prefix, binary data typed application/octet-stream).
 */
export function sniffMimeType(bytes: Uint8Array): string | undefined {
	const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
	if (bytes.length < 4) return undefined;
	if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (ascii(0, 4) === 'GIF8') return 'image/gif';
	if (ascii(0, 4) === '%PDF') return 'application/pdf';
	if (ascii(0, 4) === 'OggS') return 'audio/ogg';
	if (ascii(0, 5) === '#!AMR') return 'audio/amr';
	if (ascii(0, 3) === 'ID3' || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0)) return 'audio/mpeg';
	if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'video/webm';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
	if (ascii(4, 8) === 'ftyp') {
		const brand = ascii(8, 12);
		if (brand === 'qt  ') return 'video/quicktime';
		if (brand.startsWith('M4A')) return 'audio/mp4';
		if (brand.startsWith('3g')) return 'video/3gpp';
		if (brand === 'heic' || brand === 'heix' || brand === 'mif1') return 'image/heic';
		return 'video/mp4';
	}
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'application/zip';
	return undefined;
}
