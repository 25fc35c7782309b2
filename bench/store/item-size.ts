// DynamoDB item size by the documented rules (Developer Guide, "DynamoDB item sizes and formats"):
// string = UTF-8 bytes; number = 1 byte per two significant digits + 1; binary = raw bytes;
// null/boolean = 1; list/map = 3 bytes + their elements, each element 1 byte more; every attribute name
// (nested map keys too) counts its UTF-8 bytes. Storage adds 100 bytes per item, in the table and in
// each index that holds a copy of it. Works on plain JS items as lib-dynamodb marshals them
// (undefined values removed, arrays as lists, objects as maps).

export const STORAGE_OVERHEAD_BYTES = 100;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** Significant digits of a number as DynamoDB counts them: sign, point, leading/trailing zeros dropped. */
export function significantDigits(n: number): number {
  if (!Number.isFinite(n)) throw new Error(`DynamoDB cannot store ${n}`);
  // lib-dynamodb sends n.toString(), the shortest text that round-trips the double.
  const [mantissa] = Math.abs(n).toString().split('e');
  return Math.max(1, mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length);
}

/** Size of one value, without its attribute name. */
export function valueSize(value: unknown): number {
  if (value === null) return 1;
  switch (typeof value) {
    case 'string':
      return utf8(value);
    case 'number':
      return Math.ceil(significantDigits(value) / 2) + 1;
    case 'boolean':
      return 1;
    case 'object': {
      if (value instanceof Uint8Array) return value.byteLength;
      if (value instanceof Set) {
        // Sets have no per-element overhead in the documented rules.
        let sum = 0;
        for (const member of value) sum += valueSize(member);
        return sum;
      }
      if (Array.isArray(value)) {
        let sum = 3;
        for (const element of value) if (element !== undefined) sum += 1 + valueSize(element);
        return sum;
      }
      let sum = 3;
      for (const [name, element] of Object.entries(value as Record<string, unknown>)) {
        if (element !== undefined) sum += 1 + utf8(name) + valueSize(element);
      }
      return sum;
    }
    default:
      throw new Error(`not a DynamoDB value: ${typeof value}`);
  }
}

/** Size of an item: what read and write capacity are charged on (1 KB write units, 4 KB read units). */
export function itemSize(item: Record<string, unknown>): number {
  let sum = 0;
  for (const [name, value] of Object.entries(item)) if (value !== undefined) sum += utf8(name) + valueSize(value);
  return sum;
}

/** Write request units for one standard write of an item of this size. */
export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
