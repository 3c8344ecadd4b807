import { schemas } from '../data/schemas';
import { atPointer } from '../data/schemaRefs';
import { lowerFirst } from '../words';

/**
 * The CE record's fields as rules/schema/ce-record.schema.json describes them: their titles, for saying
 * what a pointer into a record asks for, and the choices of a field, for reading what a person typed.
 */
interface FieldSchema {
  title?: string;
  enum?: string[];
  'x-labels'?: Record<string, string>;
}

const schema = schemas['ce-record.schema.json'];

/** The schema of the field a pointer into a record names (`/courses/2/delivery`: a course's delivery). */
export function ceRecordField(pointer: string): FieldSchema | undefined {
  const path = pointer
    .split('/')
    .slice(1)
    .map((key) => (/^\d+$/.test(key) ? 'items' : `properties/${key}`))
    .join('/');
  const node = atPointer(schema, `/${path}`);
  return node && typeof node === 'object' ? (node as FieldSchema) : undefined;
}

/** A field's choices, each value with its label ("live-online", "Live webinar"). */
export function ceRecordChoices(pointer: string): { value: string; label: string }[] {
  const field = ceRecordField(pointer);
  return (field?.enum ?? []).map((value) => ({ value, label: field?.['x-labels']?.[value] ?? value }));
}


/**
 * What a pointer into a record asks for, in words: "Date the license was first issued", "Course 2
 * (Ethics update): how it was given". `courseTitle` names a course by its place, where the record gave titles.
 */
export function ceRecordLabel(pointer: string, courseTitle: (index: number) => string | undefined = () => undefined): string {
  const course = /^\/courses\/(\d+)(\/[^/]+)?/.exec(pointer);
  if (course) {
    const index = Number(course[1]);
    const title = courseTitle(index);
    const name = `Course ${index + 1}${title ? ` (${title})` : ''}`;
    const field = course[2] && ceRecordField(`/courses/0${course[2]}`)?.title;
    return field ? `${name}: ${lowerFirst(field)}` : name;
  }
  return ceRecordField(pointer)?.title ?? pointer;
}
