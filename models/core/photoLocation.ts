// Removes location data from photos before they are stored: a witness's photo can reveal where they live
// or work. JPEG: the EXIF GPS directory is emptied in place (every other EXIF field, such as the time the
// photo was taken, stays, and the image data is untouched). PNG: any eXIf chunk is dropped.

const TYPE_SIZES: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
};
const GPS_POINTER_TAG = 0x8825;

function stripTiffGps(tiff: Buffer): boolean {
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return false;
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  if (ifd0 + 2 > tiff.length) return false;
  const entries = u16(ifd0);
  for (let index = 0; index < entries; index += 1) {
    const entry = ifd0 + 2 + index * 12;
    if (entry + 12 > tiff.length || u16(entry) !== GPS_POINTER_TAG) continue;
    const gps = u32(entry + 8);
    if (gps + 2 > tiff.length) return false;
    const count = u16(gps);
    for (let field = 0; field < count; field += 1) {
      const at = gps + 2 + field * 12;
      if (at + 12 > tiff.length) break;
      const size = (TYPE_SIZES[u16(at + 2)] ?? 1) * u32(at + 4);
      // Values longer than four bytes (the coordinates) live elsewhere in the block: erase them too.
      if (size > 4) {
        const offset = u32(at + 8);
        if (offset + size <= tiff.length) tiff.fill(0, offset, offset + size);
      }
    }
    tiff.fill(0, gps, Math.min(tiff.length, gps + 2 + count * 12 + 4));
    return count > 0;
  }
  return false;
}

function stripJpeg(bytes: Buffer): boolean {
  let stripped = false;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xda || marker === 0xd9) break; // image data starts: no more metadata segments
    const length = bytes.readUInt16BE(at + 2);
    const payload = at + 4;
    if (marker === 0xe1 && bytes.toString('latin1', payload, payload + 6) === 'Exif\u0000\u0000') {
      stripped = stripTiffGps(bytes.subarray(payload + 6, at + 2 + length)) || stripped;
    }
    at += 2 + length;
  }
  return stripped;
}

function stripPng(bytes: Buffer): { bytes: Buffer; stripped: boolean } {
  const kept: Buffer[] = [bytes.subarray(0, 8)];
  let stripped = false;
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (type === 'eXIf') stripped = true;
    else kept.push(bytes.subarray(at, end));
    at = end;
  }
  return { bytes: Buffer.concat(kept), stripped };
}

/** The file without location metadata, and whether any was found. Other types are returned as they are. */
export function withoutLocation(bytes: Buffer, contentType: string): { bytes: Buffer; stripped: boolean } {
  if (contentType === 'image/jpeg') {
    const copy = Buffer.from(bytes);
    return { bytes: copy, stripped: stripJpeg(copy) };
  }
  if (contentType === 'image/png') return stripPng(bytes);
  return { bytes, stripped: false };
}
