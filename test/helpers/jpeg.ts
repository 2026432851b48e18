/**
 * A JPEG carrying an EXIF GPS position (invented coordinates), built from a plain JPEG: an APP1 "Exif"
 * segment with IFD0 -> GPS IFD (latitude and longitude with their N/E references) is put after SOI.
 */
export function withGpsExif(
  jpeg: Buffer,
  latitude: [number, number, number],
  longitude: [number, number, number],
): Buffer {
  const tiff = Buffer.alloc(128);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: one entry, the pointer to the GPS IFD at 26.
  tiff.writeUInt16LE(1, 8);
  entry(tiff, 10, 0x8825, 4, 1, 26);
  tiff.writeUInt32LE(0, 22);
  // GPS IFD: latitude ref, latitude, longitude ref, longitude; rationals from offset 80.
  tiff.writeUInt16LE(4, 26);
  entry(tiff, 28, 0x0001, 2, 2, 0);
  tiff.write('N\0', 36, 'latin1');
  entry(tiff, 40, 0x0002, 5, 3, 80);
  entry(tiff, 52, 0x0003, 2, 2, 0);
  tiff.write('E\0', 60, 'latin1');
  entry(tiff, 64, 0x0004, 5, 3, 104);
  tiff.writeUInt32LE(0, 76);
  [...latitude, ...longitude].forEach((value, index) => {
    tiff.writeUInt32LE(value, 80 + index * 8);
    tiff.writeUInt32LE(1, 84 + index * 8);
  });
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(2 + 6 + tiff.length, 2);
  const app1 = Buffer.concat([header, Buffer.from('Exif\0\0', 'latin1'), tiff]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

function entry(tiff: Buffer, at: number, tag: number, type: number, count: number, value: number): void {
  tiff.writeUInt16LE(tag, at);
  tiff.writeUInt16LE(type, at + 2);
  tiff.writeUInt32LE(count, at + 4);
  tiff.writeUInt32LE(value, at + 8);
}
