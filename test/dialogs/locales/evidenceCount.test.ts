import assert from 'node:assert/strict';
import { LOCALES, messagesFor, type Locale } from '../../../dialogs/locales';

// files, links -> what the review says, in each language.
const EXPECTED: Record<Locale, [files: number, links: number, said: string][]> = {
  en: [
    [0, 0, 'None'],
    [1, 0, '1 file'],
    [0, 1, '1 link'],
    [2, 0, '2 files'],
    [2, 3, '2 files and 3 links'],
    [1, 1, '1 file and 1 link'],
  ],
  nl: [
    [0, 0, 'Geen'],
    [1, 0, '1 bestand'],
    [0, 1, '1 link'],
    [2, 0, '2 bestanden'],
    [2, 3, '2 bestanden en 3 links'],
    [1, 1, '1 bestand en 1 link'],
  ],
  fr: [
    [0, 0, 'Aucun'],
    [1, 0, '1 fichier'],
    [0, 1, '1 lien'],
    [2, 0, '2 fichiers'],
    [2, 3, '2 fichiers et 3 liens'],
    [1, 1, '1 fichier et 1 lien'],
  ],
  de: [
    [0, 0, 'Keine'],
    [1, 0, '1 Datei'],
    [0, 1, '1 Link'],
    [2, 0, '2 Dateien'],
    [2, 3, '2 Dateien und 3 Links'],
    [1, 1, '1 Datei und 1 Link'],
  ],
};

describe('The evidence count in the review and on receipt', () => {
  for (const locale of LOCALES) {
    it(`names only what arrived, singular or plural, in ${locale}`, () => {
      const m = messagesFor(locale);
      for (const [files, links, said] of EXPECTED[locale]) {
        assert.equal(m.review.evidence(files, links), said, `${files} files, ${links} links`);
        if (files + links > 0) assert.ok(m.engine.evidenceReceived(files, links).includes(` ${said}.`));
      }
      assert.doesNotMatch(m.engine.evidenceReceived(1, 0), /\(|\b0\b/, 'no "(s)" and no zero count');
    });
  }
});
