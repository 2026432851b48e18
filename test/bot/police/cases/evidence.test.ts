import assert from 'node:assert/strict';
import { safeFileName } from '../../../../bot/police/cases/evidence';

describe('safeFileName', () => {
  const cases: { name: string; contentType: string; expected: string }[] = [
    { name: 'platform.jpg', contentType: 'image/jpeg', expected: 'platform.jpg' },
    { name: 'IMG_0042.JPEG', contentType: 'image/jpeg', expected: 'IMG_0042.jpg' },
    { name: 'scan.png', contentType: 'application/pdf', expected: 'scan.pdf' },
    { name: 'page.html', contentType: 'image/png', expected: 'page.png' },
    {
      name: '"statement"\r\n../../notes.html.pdf',
      contentType: 'application/pdf',
      expected: 'statement_notes_html.pdf',
    },
    {
      name: 'C:\\Users\\invented\\photo.jpg',
      contentType: 'image/jpeg',
      expected: 'C_Users_invented_photo.jpg',
    },
    { name: 'Foto été – perron.jpg', contentType: 'image/jpeg', expected: 'Foto été _ perron.jpg' },
    { name: 'evil\u202egpj.exe', contentType: 'image/jpeg', expected: 'evil_gpj.jpg' },
    { name: '....', contentType: 'image/jpeg', expected: 'evidence.jpg' },
    { name: '', contentType: 'application/pdf', expected: 'evidence.pdf' },
    { name: 'unknown.bin', contentType: 'text/html', expected: 'unknown.bin' },
    { name: `${'a'.repeat(300)}.jpg`, contentType: 'image/jpeg', expected: `${'a'.repeat(100)}.jpg` },
  ];
  for (const { name, contentType, expected } of cases) {
    it(`names ${JSON.stringify(name.slice(0, 40))} (${contentType}) ${JSON.stringify(expected.slice(0, 40))}`, () => {
      assert.equal(safeFileName(name, contentType), expected);
    });
  }
});
