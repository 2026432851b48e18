import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import exifr from 'exifr';
import { withoutLocation } from '../../../models/core/photoLocation';
import { exifWithGps, PHOTO } from '../../helpers/photos';

describe('withoutLocation', () => {
  it('empties the GPS directory of a JPEG and keeps the rest of the photo as it was', async () => {
    const photo = await readFile(PHOTO);
    const withGps = Buffer.concat([photo.subarray(0, 2), exifWithGps(), photo.subarray(2)]);
    const before = (await exifr.parse(withGps, { gps: true, tiff: true })) as
      Record<string, unknown> | undefined;
    assert.equal(before?.GPSLatitudeRef, 'N', 'the test photo really carries a location');

    const { bytes, stripped } = withoutLocation(withGps, 'image/jpeg');
    assert.equal(stripped, true);
    assert.equal(bytes.length, withGps.length, 'nothing is moved, only erased');
    const after = (await exifr.parse(bytes, { gps: true, tiff: true })) as
      Record<string, unknown> | undefined;
    assert.equal(after?.GPSLatitudeRef, undefined);
    assert.equal(after?.GPSLatitude, undefined);
    assert.equal(after?.Model, 'Cam01', 'other EXIF fields stay');
    assert.deepEqual(bytes.subarray(-photo.length + 2), photo.subarray(2), 'the image data is untouched');
    assert.deepEqual(withGps.subarray(0, 4), bytes.subarray(0, 4));
  });

  it('leaves a photo without location and a PDF unchanged', async () => {
    const photo = await readFile(PHOTO);
    assert.deepEqual(withoutLocation(photo, 'image/jpeg'), { bytes: photo, stripped: false });
    const pdf = Buffer.from('%PDF-1.4\n%invented\n');
    assert.deepEqual(withoutLocation(pdf, 'application/pdf'), { bytes: pdf, stripped: false });
  });

  it('drops an eXIf chunk from a PNG', () => {
    const chunk = (type: string, data: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    };
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const header = chunk('IHDR', Buffer.alloc(13));
    const png = Buffer.concat([
      signature,
      header,
      chunk('eXIf', Buffer.from('II*\u0000gps', 'latin1')),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const { bytes, stripped } = withoutLocation(png, 'image/png');
    assert.equal(stripped, true);
    assert.equal(bytes.includes(Buffer.from('eXIf', 'latin1')), false);
    assert.ok(bytes.includes(Buffer.from('IEND', 'latin1')));
  });
});
