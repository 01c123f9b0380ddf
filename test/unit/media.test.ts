import type { INode } from 'n8n-workflow';

import {
	decodeBase64,
	extensionForMimeType,
	fileNameFor,
	mediaTypeForMimeType,
	mimeTypeForFileName,
	parseMimeType,
} from '../../nodes/shared/media';

const node = { name: 'Evolution API', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

describe('media helpers', () => {
	it('parses MIME types with parameters', () => {
		expect(parseMimeType('audio/ogg; codecs=opus')).toEqual({
			essence: 'audio/ogg',
			full: 'audio/ogg; codecs=opus',
			parameters: { codecs: 'opus' },
		});
		expect(parseMimeType('Image/PNG')?.essence).toBe('image/png');
		expect(parseMimeType('not a mime')).toBeUndefined();
	});

	it('maps MIME types, extensions and media types', () => {
		expect(extensionForMimeType('audio/ogg; codecs=opus')).toBe('ogg');
		expect(extensionForMimeType('application/pdf')).toBe('pdf');
		expect(extensionForMimeType('image/jpeg')).toBe('jpg');
		expect(mimeTypeForFileName('Report.PDF')).toBe('application/pdf');
		expect(mimeTypeForFileName('voice.opus')).toBe('audio/ogg');
		expect(mediaTypeForMimeType('image/webp')).toBe('image');
		expect(mediaTypeForMimeType('video/mp4')).toBe('video');
		expect(mediaTypeForMimeType('audio/ogg; codecs=opus')).toBe('audio');
		expect(mediaTypeForMimeType('application/pdf')).toBe('document');
		expect(fileNameFor('voice', 'audio/ogg; codecs=opus')).toBe('voice.ogg');
		expect(fileNameFor('report.pdf', 'application/pdf')).toBe('report.pdf');
		expect(fileNameFor(undefined, 'image/png')).toBe('file.png');
	});

	it('decodes base64 strictly', () => {
		const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
		expect(decodeBase64(node, bytes.toString('base64'), { field: 'File', itemIndex: 0 }).data).toEqual(bytes);
		const dataUrl = decodeBase64(node, `data:image/png;base64,${bytes.toString('base64')}`, { field: 'File', itemIndex: 0 });
		expect(dataUrl.mimeType).toBe('image/png');
		expect(dataUrl.data).toEqual(bytes);
		expect(() => decodeBase64(node, 'not base64!!', { field: 'File', itemIndex: 1 })).toThrow(/File is not valid base64/);
		expect(() => decodeBase64(node, '', { field: 'File', itemIndex: 1 })).toThrow(/not valid base64/);
		expect(() => decodeBase64(node, 42, { field: 'File', itemIndex: 1 })).toThrow(/must be base64 text/);
	});
});
