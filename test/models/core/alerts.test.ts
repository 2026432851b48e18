import assert from 'node:assert/strict';
import {
  isCurrent,
  languagesOf,
  mutedOut,
  shownTarget,
  storedTarget,
  writtenTexts,
} from '../../../models/core/alerts';

describe('alert texts', () => {
  it('lists the languages written, in the order nl, fr, de, en, whatever order they were given in', () => {
    assert.deepEqual(languagesOf({ en: 'Bag', nl: 'Tas' }), ['nl', 'en']);
  });

  it('counts an empty or null text as not written', () => {
    assert.deepEqual(languagesOf({ nl: '', fr: null, de: undefined, en: 'Bag' }), ['en']);
  });

  it('shows only the texts written', () => {
    assert.deepEqual(writtenTexts({ nl: 'Tas', fr: '', de: null, en: 'Bag' }), { nl: 'Tas', en: 'Bag' });
  });
});

describe('alert targets', () => {
  it('stores "all" as the empty list', () => {
    assert.deepEqual(storedTarget('all'), []);
  });

  it('stores each sector or area once, in the order first given', () => {
    assert.deepEqual(storedTarget(['2000', 'gent', '2000']), ['2000', 'gent']);
  });

  it('shows the empty list as "all" and a list as it is', () => {
    assert.equal(shownTarget([]), 'all');
    assert.deepEqual(shownTarget(['retail']), ['retail']);
  });
});

describe('isCurrent', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  const cases: [state: 'active' | 'withdrawn', expiresAt: string, current: boolean][] = [
    ['active', '2026-05-01T12:00:01Z', true],
    ['active', '2026-05-01T12:00:00Z', false],
    ['active', '2026-04-30T12:00:00Z', false],
    ['withdrawn', '2026-05-02T12:00:00Z', false],
  ];
  for (const [state, expiresAt, current] of cases) {
    it(`takes an ${state} alert expiring ${expiresAt} as ${current ? 'current' : 'over'}`, () => {
      assert.equal(isCurrent({ state, expiresAt: new Date(expiresAt) }, now), current);
    });
  }
});

describe('mutedOut', () => {
  const cases: [
    what: string,
    reach: { alertSectors: string[]; organisationSectors: string[]; mutedSectors: string[] },
    muted: boolean,
  ][] = [
    [
      'every sector the alert reaches the organisation through is muted',
      {
        alertSectors: ['retail', 'health'],
        organisationSectors: ['retail', 'culture'],
        mutedSectors: ['retail'],
      },
      true,
    ],
    [
      'one sector the alert reaches through is not muted',
      {
        alertSectors: ['retail', 'culture'],
        organisationSectors: ['retail', 'culture'],
        mutedSectors: ['retail'],
      },
      false,
    ],
    [
      'an alert to every sector, with all of the organisation’s sectors muted',
      { alertSectors: [], organisationSectors: ['retail', 'culture'], mutedSectors: ['culture', 'retail'] },
      true,
    ],
    [
      'an alert to every sector, with one of the organisation’s sectors not muted',
      { alertSectors: [], organisationSectors: ['retail', 'culture'], mutedSectors: ['retail'] },
      false,
    ],
    [
      'an organisation without sectors (it cannot be muted by sector)',
      { alertSectors: [], organisationSectors: [], mutedSectors: ['retail'] },
      false,
    ],
    [
      'an alert that reaches through no sector of the organisation',
      { alertSectors: ['health'], organisationSectors: ['retail'], mutedSectors: ['retail'] },
      false,
    ],
  ];
  for (const [what, reach, muted] of cases) {
    it(`${muted ? 'mutes' : 'does not mute'} the member when ${what}`, () => {
      assert.equal(mutedOut(reach), muted);
    });
  }
});
