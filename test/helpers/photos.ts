import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** An invented test photo (a drawn scene, 320×200 JPEG, no metadata). */
export const PHOTO = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'photo.jpg');

/** A little-endian EXIF block with a GPS directory (latitude 51°13'30" N) and a camera model. */
export function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(120);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: Model (ASCII, 6 bytes at 80) and the GPS pointer.
  tiff.writeUInt16LE(2, 8);
  tiff.writeUInt16LE(0x0110, 10);
  tiff.writeUInt16LE(2, 12);
  tiff.writeUInt32LE(6, 14);
  tiff.writeUInt32LE(100, 18);
  tiff.writeUInt16LE(0x8825, 22);
  tiff.writeUInt16LE(4, 24);
  tiff.writeUInt32LE(1, 26);
  tiff.writeUInt32LE(38, 30);
  tiff.writeUInt32LE(0, 34);
  // GPS IFD at 38: GPSLatitudeRef "N", GPSLatitude (3 rationals at 68).
  tiff.writeUInt16LE(2, 38);
  tiff.writeUInt16LE(1, 40);
  tiff.writeUInt16LE(2, 42);
  tiff.writeUInt32LE(2, 44);
  tiff.write('N\u0000', 48, 'latin1');
  tiff.writeUInt16LE(2, 52);
  tiff.writeUInt16LE(5, 54);
  tiff.writeUInt32LE(3, 56);
  tiff.writeUInt32LE(68, 60);
  tiff.writeUInt32LE(0, 64);
  [51, 1, 13, 1, 3000, 100].forEach((value, index) => tiff.writeUInt32LE(value, 68 + index * 4));
  tiff.write('Cam01\u0000', 100, 'latin1');
  const header = Buffer.from('Exif\u0000\u0000', 'latin1');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(2 + header.length + tiff.length, 2);
  return Buffer.concat([segment, header, tiff]);
}

/** The test photo with a GPS location (and a camera model) in its EXIF data. */
export async function photoWithGps(): Promise<Buffer> {
  const photo = await readFile(PHOTO);
  return Buffer.concat([photo.subarray(0, 2), exifWithGps(), photo.subarray(2)]);
}
