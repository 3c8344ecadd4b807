import busboy from 'busboy';
import type { RequestHandler } from 'express';
import type { FlatValues } from '../profile/flatProfile';
import { safeRecord } from '../profile/safePath';

/**
 * Reading a posted form sent as multipart/form-data (a form with a file input), with busboy, into the same
 * flat values as a urlencoded form: a name sent more than once gives a list, and a chosen file gives its text
 * under its input's name (no file is written anywhere). Past a limit nothing is read: the error carries the
 * `type` body-parser gives the same case, so that it is answered the same way (413).
 */
export interface MultipartLimits {
  /** The whole body, in bytes. */
  bytes: number;
  /** Fields, files not included. */
  fields: number;
  /** The one file, in bytes. */
  fileBytes: number;
}

const refused = (status: number, type: string, message: string) => Object.assign(new Error(message), { status, type, expose: true });
const tooLarge = () => refused(413, 'entity.too.large', 'request entity too large');

export function multipartBody(limits: MultipartLimits): RequestHandler {
  return (req, _res, next) => {
    if (!req.is('multipart/form-data')) return next();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fields: limits.fields, fieldSize: limits.bytes, files: 1, fileSize: limits.fileBytes, parts: limits.fields + 1 } });
    } catch {
      return next(refused(400, 'form.multipart.malformed', 'the form data is not well-formed multipart (no boundary)'));
    }
    const entries = new Map<string, string[]>();
    const add = (name: string, value: string) => entries.set(name, [...(entries.get(name) ?? []), value]);
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (err) {
        // What is left of the body is read and dropped, so that the answer still reaches the client.
        req.unpipe(parser);
        req.resume();
        return next(err);
      }
      // Input names are the client's: the values are kept on a null-prototype object.
      req.body = safeRecord<FlatValues[string]>([...entries].map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
      next();
    };

    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.bytes) finish(tooLarge());
    });
    parser.on('field', (name, value, info) => (info.valueTruncated || info.nameTruncated ? finish(tooLarge()) : add(name, value)));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => finish(tooLarge()));
      // A file input left empty still sends a part, with no file name and nothing in it.
      stream.on('end', () => info.filename && !stream.truncated && add(name, Buffer.concat(chunks).toString('utf8')));
    });
    for (const event of ['fieldsLimit', 'filesLimit', 'partsLimit']) parser.on(event, () => finish(refused(413, 'parameters.too.many', 'too many parameters')));
    parser.on('error', () => finish(refused(400, 'form.multipart.malformed', 'the form data is not well-formed multipart')));
    parser.on('close', () => finish());
    req.pipe(parser);
  };
}
